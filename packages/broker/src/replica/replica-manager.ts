import type { Logger } from 'pino';
import { RunnelError } from '@runnel/protocol';
import type { LogConfig, LogManager } from '@runnel/storage';
import type { ReplicaFetcherManager } from './fetcher-manager.js';
import { Partition, type PartitionRegistration, type PartitionSettings } from './partition.js';
import { PartitionRegistry } from './partition-registry.js';

/** One partition this broker must lead or follow, as the metadata log says. */
export interface LocalPartition {
  topic: string;
  partition: number;
  registration: PartitionRegistration;
}

/** What changed for this broker in a metadata delta. */
export interface LocalChangeSet {
  leaders: LocalPartition[];
  followers: LocalPartition[];
  deletes: { topic: string; partition: number }[];
}

export interface IsrChangeRequest {
  topic: string;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

/** The controller's answer to one IsrChangeRequest: the committed state, or why not. */
export type IsrChangeResult =
  | { topic: string; partition: number; ok: true; isr: number[]; partitionEpoch: number; leaderEpoch: number }
  | { topic: string; partition: number; ok: false; error: RunnelError };

export interface ReplicaManagerDeps {
  brokerId: number;
  logManager: LogManager;
  fetchers: ReplicaFetcherManager;
  /** Effective settings of a topic's partitions (topic configs over broker defaults). */
  settingsFor: (topic: string) => PartitionSettings;
  logConfigFor: (topic: string) => LogConfig;
  /** AlterPartition to the active controller; resolves with one result per request. */
  alterPartition: (requests: IsrChangeRequest[]) => Promise<IsrChangeResult[]>;
  now: () => number;
  logger: Logger;
  /** A committed ISR change of a partition led here (for the shrink/expand metrics). */
  onIsrChanged?: (before: readonly number[], after: readonly number[]) => void;
}

/**
 * The partitions hosted on this broker and their roles. It turns metadata changes into become-
 * leader / become-follower / stop-and-delete actions, and sends the ISR changes its leaders
 * propose to the controller, one AlterPartition request at a time for all partitions.
 */
export class ReplicaManager {
  readonly partitions = new PartitionRegistry();
  private isrTimer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private isrInFlight = false;
  private isrAgain = false;
  private isrSoon = false;
  private closed = false;

  constructor(private readonly deps: ReplicaManagerDeps) {}

  /**
   * Start checking ISRs every half of replica.lag.time.max.ms (Kafka's isr-expiration task), and
   * forgetting idempotent producers idle past producer.id.expiration.ms.
   */
  start(isrCheckIntervalMs: number, producerIdExpirationMs: number): void {
    this.isrTimer = setInterval(() => this.maybeChangeIsrs(), Math.max(50, isrCheckIntervalMs));
    this.isrTimer.unref();
    this.setProducerIdExpiration(producerIdExpirationMs);
  }

  /** A new producer.id.expiration.ms (a dynamic broker config): checked at a tenth of it, between 1 s and 10 min. */
  setProducerIdExpiration(expirationMs: number): void {
    if (this.closed) return;
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    this.expiryTimer = setInterval(() => {
      const now = this.deps.now();
      for (const p of this.partitions.all()) p.producers.removeExpired(now, expirationMs);
    }, Math.min(600_000, Math.max(1_000, expirationMs / 10)));
    this.expiryTimer.unref();
  }

  async applyChanges(changes: LocalChangeSet): Promise<void> {
    for (const d of changes.deletes) await this.remove(d.topic, d.partition);
    for (const f of changes.followers) {
      const p = await this.host(f.topic, f.partition);
      p.makeFollower(f.registration);
      if (f.registration.leaderId >= 0 && f.registration.leaderId !== this.deps.brokerId) {
        this.deps.fetchers.follow(p, f.registration.leaderId, f.registration.leaderEpoch);
      } else {
        this.deps.fetchers.unfollow(p);
      }
    }
    for (const l of changes.leaders) {
      const p = await this.host(l.topic, l.partition);
      this.deps.fetchers.unfollow(p);
      this.lead(p, l.registration);
    }
    if (changes.leaders.length > 0) this.maybeChangeIsrs();
  }



  /**
   * Ask the controller for every ISR change leaders want now. Runs one request at a time; a call
   * while one is in flight is remembered and runs after it.
   */
  maybeChangeIsrs(): void {
    if (this.closed) return;
    if (this.isrInFlight) {
      this.isrAgain = true;
      return;
    }
    const now = this.deps.now();
    const requests: IsrChangeRequest[] = [];
    for (const p of this.partitions.all()) {
      const change = p.proposeIsrChange(now);
      if (!change) continue;
      requests.push({ topic: p.topic, partition: p.partition, leaderEpoch: p.leaderEpoch, partitionEpoch: change.partitionEpoch, newIsr: change.newIsr });
    }
    if (requests.length === 0) return;
    this.isrInFlight = true;
    this.deps.logger.info({ changes: requests.map((r) => ({ partition: `${r.topic}-${r.partition}`, isr: r.newIsr, leaderEpoch: r.leaderEpoch })) }, 'asking the controller to change ISRs');
    this.deps.alterPartition(requests).then(
      (results) => {
        for (const r of results) {
          const p = this.partitions.get(r.topic, r.partition);
          if (!p) continue;
          if (r.ok && p.isLeader && r.leaderEpoch === p.leaderEpoch) {
            const reg = { leaderId: this.deps.brokerId, leaderEpoch: r.leaderEpoch, partitionEpoch: r.partitionEpoch, replicas: [...(p.leaderState?.assignedReplicas ?? [])], isr: r.isr };
            this.lead(p, reg);
          } else {
            p.clearPendingIsrChange();
            if (!r.ok) this.deps.logger.warn({ topic: r.topic, partition: r.partition, err: r.error.toString() }, 'ISR change refused');
          }
        }
      },
      (err: unknown) => {
        for (const req of requests) this.partitions.get(req.topic, req.partition)?.clearPendingIsrChange();
        this.deps.logger.warn({ err: String(err) }, 'AlterPartition failed; will retry');
      },
    ).finally(() => {
      this.isrInFlight = false;
      if (this.isrAgain) {
        this.isrAgain = false;
        this.maybeChangeIsrs();
      }
    });
  }

  /**
   * Become (or stay) leader with this registration. An ISR change of a partition already led at
   * this epoch is reported once, whichever comes first: the AlterPartition answer or the metadata
   * record (the controller also shrinks ISRs itself when it fences a broker).
   */
  private lead(p: Partition, reg: PartitionRegistration): void {
    const before = p.isLeader && p.leaderEpoch === reg.leaderEpoch ? [...(p.leaderState?.committedIsr ?? [])] : null;
    p.makeLeader(reg, this.deps.now());
    if (before && (before.length !== reg.isr.length || before.some((id) => !reg.isr.includes(id)))) this.deps.onIsrChanged?.(before, reg.isr);
  }

  /** Coalesce the ISR checks many follower fetches ask for into one, on the next turn. */
  private changeIsrsSoon(): void {
    if (this.isrSoon) return;
    this.isrSoon = true;
    setImmediate(() => {
      this.isrSoon = false;
      this.maybeChangeIsrs();
    });
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.isrTimer) clearInterval(this.isrTimer);
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    await this.deps.fetchers.shutdown();
    for (const p of this.partitions.all()) p.stop();
  }

  private async host(topic: string, partition: number): Promise<Partition> {
    const existing = this.partitions.get(topic, partition);
    if (existing) return existing;
    const log = this.deps.logManager.getLog(topic, partition) ?? (await this.deps.logManager.createLog(topic, partition, this.deps.logConfigFor(topic)));
    // Another call may have hosted it while the log was being created.
    const raced = this.partitions.get(topic, partition);
    if (raced) return raced;
    const p = new Partition(topic, partition, log, this.deps.brokerId, () => this.deps.settingsFor(topic), this.deps.logger, () => this.changeIsrsSoon());
    await p.loadProducerState();
    this.partitions.add(p);
    return p;
  }

  private async remove(topic: string, partition: number): Promise<void> {
    const p = this.partitions.get(topic, partition);
    if (p) {
      this.deps.fetchers.unfollow(p);
      p.stop();
      this.partitions.remove(p);
    }
    await this.deps.logManager.deleteLog(topic, partition);
    this.deps.logger.info({ topic, partition }, 'replica removed');
  }
}
