import type { Logger } from 'pino';
import { decodeSnapshot, EMPTY_IMAGE, MetadataDelta, encodeSnapshot, type MetadataImage, type MetadataRecord, type PartitionChange } from '@runnel/controller';
import type { Entry, Snapshot, StateMachine } from '@runnel/raft';
import type { LocalChangeSet, LocalPartition } from '../replica/replica-manager.js';
import type { MetadataCache } from './metadata-cache.js';

export interface MetadataListenerDeps {
  brokerId: number;
  cache: MetadataCache;
  /** The records one metadata log entry carries, in order. */
  decodeEntry: (data: Buffer) => MetadataRecord[];
  /**
   * Apply what this broker must now lead, follow or drop. Called after every applied entry, with
   * an empty set when nothing changed here (topic configs may still have changed).
   */
  applyLocal: (changes: LocalChangeSet) => Promise<void>;
  /** Called with every image applied, while replaying the log too (dynamic broker configs follow it). */
  onImage?: (image: MetadataImage) => void;
  /** Partitions hosted here now, for dropping what a snapshot no longer lists. */
  hosted: () => { topic: string; partition: number }[];
  /**
   * Keep replicas untouched until startPublishing(): a restarting broker replays the metadata
   * log from its start, and acting on that history would make it lead partitions at epochs long
   * gone (taking and acknowledging writes the real leader never sees) until it caught up.
   */
  holdUntilCaughtUp?: boolean;
  logger: Logger;
}

function toLocal(change: PartitionChange): LocalPartition {
  return {
    topic: change.topicName,
    partition: change.partitionId,
    registration: {
      leaderId: change.after.leader,
      leaderEpoch: change.after.leaderEpoch,
      partitionEpoch: change.after.partitionEpoch,
      replicas: [...change.after.replicas],
      isr: [...change.after.isr],
      addingReplicas: [...change.after.addingReplicas],
    },
  };
}

/**
 * The broker's metadata state machine, fed committed entries of the metadata log by a Raft
 * observer: records are replayed with the controller's own code into the next image, and what
 * changed for this broker becomes leader / follower / delete actions on its replicas.
 */
export class MetadataListener implements StateMachine {
  private image: MetadataImage = EMPTY_IMAGE;
  private publishing: boolean;
  /** Local changes run one at a time, in order, whether from entries or from startPublishing. */
  private serial: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MetadataListenerDeps) {
    this.publishing = !deps.holdUntilCaughtUp;
  }

  async apply(entry: Entry): Promise<void> {
    if (entry.type !== 'normal' || entry.data.length === 0) {
      this.deps.cache.update(this.image, entry.index);
      return;
    }
    const delta = new MetadataDelta(this.image);
    for (const record of this.deps.decodeEntry(entry.data)) delta.replay(record);
    this.image = delta.apply();
    this.deps.cache.update(this.image, entry.index);
    this.deps.onImage?.(this.image);
    if (!this.publishing) return;
    // Published even when no partition changed here: a config record must still reach open logs.
    const local = delta.localChanges(this.deps.brokerId);
    await this.publish(() => ({
      leaders: local.leaders.map(toLocal),
      followers: local.followers.map(toLocal),
      deletes: local.deletes.map((d) => ({ topic: d.topicName, partition: d.partitionId })),
    }));
  }

  /**
   * The broker has caught up: from now on replicas follow the metadata, starting with every
   * partition the image assigns here as it stands now (nothing of the replayed history).
   */
  startPublishing(): Promise<void> {
    if (this.publishing) return Promise.resolve();
    this.publishing = true;
    return this.publish(() => {
      const changes = this.localState();
      this.deps.logger.info({ leaders: changes.leaders.length, followers: changes.followers.length, deletes: changes.deletes.length }, 'caught up with metadata; applying it to replicas');
      return changes;
    });
  }

  private publish(changes: () => LocalChangeSet): Promise<void> {
    const run = this.serial.then(() => this.deps.applyLocal(changes()));
    this.serial = run.catch(() => undefined);
    return run;
  }

  snapshot(): Buffer {
    return encodeSnapshot(this.image);
  }

  /**
   * Start over from a snapshot: every partition the image assigns here is (re)applied, and hosted
   * partitions the image no longer assigns here are dropped.
   */
  async restore(snapshot: Snapshot): Promise<void> {
    this.image = snapshot.data.length === 0 ? EMPTY_IMAGE : decodeSnapshot(snapshot.data);
    this.deps.cache.update(this.image, snapshot.meta.index);
    this.deps.onImage?.(this.image);
    if (!this.publishing) return;
    this.deps.logger.info({ index: snapshot.meta.index }, 'metadata restored from snapshot');
    await this.publish(() => this.localState());
  }

  /** Every partition the image assigns here, to lead or follow; hosted ones it no longer assigns, to drop. */
  private localState(): LocalChangeSet {
    const changes: LocalChangeSet = { leaders: [], followers: [], deletes: [] };
    const assigned = new Set<string>();
    for (const topic of this.image.topicsByName.values()) {
      for (const [id, p] of topic.partitions) {
        if (!p.replicas.includes(this.deps.brokerId)) continue;
        assigned.add(`${topic.name}-${id}`);
        const local = toLocal({ topicId: topic.id, topicName: topic.name, partitionId: id, before: null, after: p });
        (p.leader === this.deps.brokerId ? changes.leaders : changes.followers).push(local);
      }
    }
    for (const h of this.deps.hosted()) if (!assigned.has(`${h.topic}-${h.partition}`)) changes.deletes.push(h);
    return changes;
  }
}
