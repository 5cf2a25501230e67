import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { RunnelError, encodeRecordBatch, type pb } from '@runnel/protocol';
import type { MetadataImage } from '@runnel/controller';
import { DeadlineQueue } from '../delayed/deadline-queue.js';
import { DelayedProduce } from '../delayed/delayed-produce.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import type { LocalChangeSet } from '../replica/replica-manager.js';
import { loadGroups } from './group-loader.js';
import { GroupStateMachine, type GroupCoordinatorConfig, type GroupTimers, type OffsetsWriter } from './group-state-machine.js';
import type { OffsetsRecord } from './offsets-records.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** Kafka's `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions`, with Java's String.hashCode. */
export function partitionForGroup(groupId: string, numPartitions: number): number {
  let h = 0;
  for (let i = 0; i < groupId.length; i++) h = (Math.imul(h, 31) + groupId.charCodeAt(i)) | 0;
  const abs = h === -2147483648 ? 0 : Math.abs(h);
  return abs % numPartitions;
}

export interface GroupCoordinatorSettings extends GroupCoordinatorConfig {
  /** offsets.topic.num.partitions */
  offsetsTopicNumPartitions: number;
  /** offsets.topic.replication.factor */
  offsetsTopicReplicationFactor: number;
  /** offsets.retention.check.interval.ms */
  offsetsRetentionCheckIntervalMs: number;
  /** offsets.commit.timeout.ms: how long a write waits for the in-sync replicas. */
  offsetCommitTimeoutMs: number;
}

export interface GroupCoordinatorDeps {
  brokerId: number;
  settings: GroupCoordinatorSettings;
  partitions: PartitionRegistry;
  cache: MetadataCache;
  /** CreateTopics through the active controller. */
  createTopic: (topic: pb.CreatableTopic) => Promise<void>;
  logger: Logger;
}

/** Kafka's offsets topic segment size (offsets.topic.segment.bytes default). */
const OFFSETS_SEGMENT_BYTES = 104_857_600;

const systemTimers = (logger: Logger): GroupTimers => ({
  now: () => Date.now(),
  schedule: (ms, fn) => {
    const t = setTimeout(() => {
      try {
        fn();
      } catch (err) {
        logger.error({ err: String(err) }, 'group timer failed');
      }
    }, ms);
    t.unref();
    return t;
  },
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
});

interface Shard {
  machine: GroupStateMachine;
  leaderEpoch: number;
}

/**
 * The group coordinator of a broker: one GroupStateMachine per __consumer_offsets partition this
 * broker leads, loaded from the partition's log when leadership arrives and dropped when it
 * leaves. Requests for a group go to its partition's machine; writes are appended as leader and
 * answered once the in-sync replicas have them (acks=all), within offsets.commit.timeout.ms.
 */
export class GroupCoordinator {
  private readonly shards = new Map<number, Shard>();
  private readonly loading = new Map<number, { leaderEpoch: number; token: object }>();
  private readonly timers: GroupTimers;
  private readonly writes = new DeadlineQueue<DelayedProduce>();
  private expiryTimer: NodeJS.Timeout | null = null;
  private creating: Promise<void> | null = null;
  private knownTopics: ReadonlyMap<string, unknown> | null = null;
  private readonly logger: Logger;

  constructor(private readonly deps: GroupCoordinatorDeps) {
    this.logger = deps.logger.child({ component: 'group-coordinator' });
    this.timers = systemTimers(this.logger);
  }

  start(): void {
    this.expiryTimer = setInterval(() => {
      for (const s of this.shards.values()) s.machine.expireOffsets();
    }, this.deps.settings.offsetsRetentionCheckIntervalMs);
    this.expiryTimer.unref();
  }

  stop(): void {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    for (const p of [...this.shards.keys(), ...this.loading.keys()]) this.unload(p);
    this.writes.close();
  }

  /** The group's __consumer_offsets partition: by the topic's actual partition count once it exists, as Kafka does. */
  partitionFor(groupId: string): number {
    const existing = this.deps.cache.image.topicsByName.get(OFFSETS_TOPIC)?.partitions.size;
    return partitionForGroup(groupId, existing || this.deps.settings.offsetsTopicNumPartitions);
  }

  /** React to what this broker now leads or follows: load led offsets partitions, unload the rest. */
  onLocalChanges(changes: LocalChangeSet): void {
    for (const f of [...changes.followers, ...changes.deletes]) if (f.topic === OFFSETS_TOPIC) this.unload(f.partition);
    for (const l of changes.leaders) {
      if (l.topic !== OFFSETS_TOPIC) continue;
      const epoch = l.registration.leaderEpoch;
      if (this.shards.get(l.partition)?.leaderEpoch === epoch || this.loading.get(l.partition)?.leaderEpoch === epoch) continue;
      this.unload(l.partition);
      this.load(l.partition, epoch);
    }
  }

  /** Deleted topics lose their committed offsets in every group. */
  onMetadata(image: MetadataImage): void {
    const now = image.topicsByName;
    const before = this.knownTopics;
    this.knownTopics = now;
    // Images share unchanged maps: the same map means no topic came or went.
    if (!before || before === now) return;
    const gone = new Set([...before.keys()].filter((t) => !now.has(t)));
    if (gone.size === 0) return;
    for (const s of this.shards.values()) s.machine.removeTopics(gone);
  }

  /** The machine coordinating `groupId` here, or why there is none. */
  route(groupId: string): GroupStateMachine | RunnelError {
    const p = this.partitionFor(groupId);
    const shard = this.shards.get(p);
    if (shard) return shard.machine;
    if (this.loading.has(p)) return new RunnelError('COORDINATOR_LOAD_IN_PROGRESS', `broker ${this.deps.brokerId} is loading __consumer_offsets partition ${p}; retry shortly`);
    return new RunnelError('NOT_COORDINATOR', `broker ${this.deps.brokerId} does not coordinate group ${groupId} (__consumer_offsets partition ${p}); find the coordinator again`);
  }

  get machines(): GroupStateMachine[] {
    return [...this.shards.values()].map((s) => s.machine);
  }

  /** Every committed offset of the groups coordinated here (for the lag metric). */
  *committedOffsets(): Iterable<{ group: string; topic: string; partition: number; offset: number }> {
    for (const machine of this.machines) {
      for (const group of machine.groupIds) {
        for (const [topic, byPartition] of machine.group(group)?.offsets ?? []) {
          for (const [partition, c] of byPartition) yield { group, topic, partition, offset: c.offset };
        }
      }
    }
  }

  get isLoading(): boolean {
    return this.loading.size > 0;
  }

  /** FindCoordinator for one group: the leader of its partition, creating the offsets topic on first use. */
  findCoordinator(groupId: string): pb.Coordinator {
    const fail = (e: RunnelError): pb.Coordinator => ({ key: groupId, errorCode: e.code, errorMessage: e.message });
    const image = this.deps.cache.image;
    const topic = image.topicsByName.get(OFFSETS_TOPIC);
    if (!topic) {
      const why = this.ensureOffsetsTopic(image);
      return fail(new RunnelError('COORDINATOR_NOT_AVAILABLE', why));
    }
    const p = this.partitionFor(groupId);
    const leader = topic.partitions.get(p)?.leader ?? -1;
    const node = leader >= 0 ? this.deps.cache.clientNode(leader) : undefined;
    if (!node) return fail(new RunnelError('COORDINATOR_NOT_AVAILABLE', `__consumer_offsets partition ${p} has no leader right now`));
    return { key: groupId, errorCode: 0, errorMessage: '', node };
  }

  private ensureOffsetsTopic(image: MetadataImage): string {
    const rf = this.deps.settings.offsetsTopicReplicationFactor;
    const alive = [...image.brokers.values()].filter((b) => !b.fenced && !b.inControlledShutdown).length;
    if (alive < rf) {
      return `the offsets topic needs offsets.topic.replication.factor=${rf} live brokers and ${alive} are; start more brokers or lower offsets.topic.replication.factor`;
    }
    if (!this.creating) {
      this.logger.info({ partitions: this.deps.settings.offsetsTopicNumPartitions, replicationFactor: rf }, 'creating the offsets topic');
      this.creating = this.deps
        .createTopic({
          name: OFFSETS_TOPIC,
          numPartitions: this.deps.settings.offsetsTopicNumPartitions,
          replicationFactor: rf,
          assignments: [],
          configs: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.bytes', value: String(OFFSETS_SEGMENT_BYTES) },
          ],
        })
        .catch((err: unknown) => this.logger.warn({ err: String(err) }, 'creating the offsets topic failed; the next FindCoordinator tries again'))
        .finally(() => {
          this.creating = null;
        });
    }
    return 'the offsets topic is being created; retry shortly';
  }

  private load(partition: number, leaderEpoch: number): void {
    const p = this.deps.partitions.get(OFFSETS_TOPIC, partition);
    if (!p) return;
    const token = {};
    this.loading.set(partition, { leaderEpoch, token });
    const machine = new GroupStateMachine({
      partition,
      config: this.deps.settings,
      timers: this.timers,
      write: this.writer(partition),
      newMemberId: (prefix) => `${prefix}-${randomUUID()}`,
      logger: this.logger,
    });
    const current = (): boolean => this.loading.get(partition)?.token === token && p.isLeader;
    const started = Date.now();
    this.logger.info({ partition, leaderEpoch }, 'loading groups of __consumer_offsets partition');
    loadGroups(p.log, p.log.logEndOffset, machine, current, this.logger).then(
      (loaded) => {
        if (!loaded || !current()) {
          this.logger.info({ partition, leaderEpoch }, 'stopped loading: leadership moved');
          return;
        }
        this.loading.delete(partition);
        this.shards.set(partition, { machine, leaderEpoch });
        this.logger.info({ partition, leaderEpoch, groups: machine.groupIds.length, ms: Date.now() - started }, 'coordinating groups of __consumer_offsets partition');
      },
      (err: unknown) => {
        if (this.loading.get(partition)?.token === token) this.loading.delete(partition);
        this.logger.error({ partition, leaderEpoch, err: String(err) }, 'loading groups failed; the partition\'s groups are unavailable until leadership changes');
      },
    );
  }

  private unload(partition: number): void {
    this.loading.delete(partition);
    const shard = this.shards.get(partition);
    if (!shard) return;
    this.shards.delete(partition);
    shard.machine.unload();
    this.logger.info({ partition, leaderEpoch: shard.leaderEpoch }, 'no longer coordinating groups of __consumer_offsets partition');
  }

  /**
   * Appends in call order (encoding is chained so batches reach the log in the order the machine
   * asked), then waits for the high watermark to cover each append.
   */
  private writer(partition: number): OffsetsWriter {
    let chain: Promise<void> = Promise.resolve();
    return (records: OffsetsRecord[], callback: (error: RunnelError | null) => void) => {
      // The answer runs state machine code; a bug there must not break the partition's ack path.
      const done = (error: RunnelError | null): void => {
        try {
          callback(error);
        } catch (err) {
          this.logger.error({ partition, err: String(err) }, 'handling a __consumer_offsets write result failed');
        }
      };
      const append = chain.then(async () => {
        const p = this.deps.partitions.get(OFFSETS_TOPIC, partition);
        if (!p?.isLeader) throw new RunnelError('NOT_LEADER_OR_FOLLOWER', `broker ${this.deps.brokerId} no longer leads __consumer_offsets partition ${partition}`);
        const now = Date.now();
        const batch = await encodeRecordBatch(records.map((r) => ({ key: r.key, value: r.value, timestamp: now })));
        const result = await p.appendAsLeader(batch, -1);
        return { p, required: result.requiredHighWatermark };
      });
      chain = append.then(() => undefined, () => undefined);
      append.then(
        ({ p, required }) => {
          const key = `${OFFSETS_TOPIC}-${partition}`;
          const op = new DelayedProduce(
            Date.now() + this.deps.settings.offsetCommitTimeoutMs,
            [key],
            (results) => {
              const ack = results.get(key);
              done(ack && ack.errorName !== 'NONE' ? new RunnelError(ack.errorName, ack.errorMessage) : null);
            },
            this.writes,
          );
          this.writes.add(op);
          p.awaitHighWatermark(op, required);
        },
        (err: unknown) => done(err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err))),
      );
    };
  }
}
