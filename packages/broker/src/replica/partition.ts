import type { Logger } from 'pino';
import {
  RunnelError,
  batchSize,
  lastOffset,
  readBatchHeader,
  splitBatches,
  validateRecords,
  type BatchHeader,
} from '@runnel/protocol';
import { SerialQueue, type Log } from '@runnel/storage';
import { AckWaiters, DelayedProduce, notEnoughReplicasAfterAppend } from '../delayed/delayed-produce.js';
import { FetchWaiters } from '../delayed/delayed-fetch.js';
import { ByteTracker } from './byte-tracker.js';
import { LeaderState, type IsrChange } from './leader-state.js';
import { ProducerStateManager } from './producer-state.js';

/** The partition's state as the metadata log says it: who leads, at which epochs, with whom. */
export interface PartitionRegistration {
  leaderId: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: number[];
  isr: number[];
  /** Replicas a reassignment in progress is still copying the log to (absent: none). */
  addingReplicas?: number[];
}

export interface PartitionSettings {
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
  maxMessageBytes: number;
}

export interface LeaderAppendResult {
  baseOffset: number;
  lastOffset: number;
  logStartOffset: number;
  /** The high watermark this append needs before acks=all may answer. */
  requiredHighWatermark: number;
  duplicate: boolean;
}

export interface FollowerFetchResult {
  records: Buffer;
  highWatermark: number;
  logStartOffset: number;
  /** Set when the follower's log diverges from ours: it must truncate to endOffset first. */
  divergingEpoch?: { epoch: number; endOffset: number };
}

/**
 * One partition replica on this broker. As leader it validates and appends produced batches,
 * tracks followers and the high watermark, and answers acks=all requests when the ISR has the
 * data; as follower it appends what its fetcher brings and keeps the leader's high watermark.
 * All appends (with their idempotence checks) are serialised per partition.
 */
export class Partition {
  readonly key: string;
  readonly producers = new ProducerStateManager();
  readonly ackWaiters = new AckWaiters();
  /** Consumer long-polls: woken when the high watermark moves. */
  readonly consumerWaiters = new FetchWaiters();
  /** Replica long-polls: woken when the log end moves. */
  readonly replicaWaiters = new FetchWaiters();
  readonly bytes = new ByteTracker();
  private readonly appends: SerialQueue;
  private registration: PartitionRegistration | null = null;
  private leader: LeaderState | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly log: Log,
    private readonly brokerId: number,
    private readonly settings: () => PartitionSettings,
    private readonly logger: Logger,
    /** Called when a follower outside the ISR has caught up, so it can rejoin without delay. */
    private readonly onIsrExpandable: () => void = () => undefined,
  ) {
    this.key = `${topic}-${partition}`;
    this.appends = new SerialQueue(4096, `appends to ${this.key}`);
  }

  get isLeader(): boolean {
    return this.leader !== null;
  }

  get leaderId(): number {
    return this.registration?.leaderId ?? -1;
  }

  get leaderEpoch(): number {
    return this.registration?.leaderEpoch ?? -1;
  }

  get highWatermark(): number {
    return this.log.highWatermark;
  }

  /** This replica is being added by a reassignment: its replication traffic is throttled. */
  get isAddingReplica(): boolean {
    return this.registration?.addingReplicas?.includes(this.brokerId) ?? false;
  }

  get leaderState(): LeaderState | null {
    return this.leader;
  }


  /** Rebuild idempotent-producer state from the batch headers of the log (start-up). */
  async loadProducerState(): Promise<void> {
    this.producers.clear();
    let offset = this.log.logStartOffset;
    while (offset < this.log.logEndOffset) {
      const { records } = await this.log.read(offset, 1 << 20);
      if (records.length === 0) break;
      let pos = 0;
      let last = offset;
      while (pos < records.length) {
        const header = readBatchHeader(records, pos);
        this.producers.update(header, header.baseOffset);
        last = lastOffset(header);
        pos += batchSize(header);
      }
      offset = last + 1;
    }
  }

  /**
   * Become (or stay) leader at `reg.leaderEpoch`. A newer epoch starts fresh follower tracking
   * from our log end; the same epoch only takes a committed ISR or replica change.
   */
  makeLeader(reg: PartitionRegistration, nowMs: number): void {
    if (this.leader && reg.leaderEpoch === this.leader.leaderEpoch) {
      this.registration = reg;
      this.leader.applyCommittedIsr(reg.isr, reg.partitionEpoch, reg.replicas, nowMs);
      this.onHighWatermarkMaybeMoved(this.leader.maybeAdvanceHighWatermark(this.log.logEndOffset));
      return;
    }
    this.registration = reg;
    this.bytes.reset();
    this.leader = new LeaderState({
      leaderId: this.brokerId,
      leaderEpoch: reg.leaderEpoch,
      partitionEpoch: reg.partitionEpoch,
      replicas: reg.replicas,
      isr: reg.isr,
      logEndOffset: this.log.logEndOffset,
      highWatermark: this.log.highWatermark,
      nowMs,
    });
    this.logger.info({ topic: this.topic, partition: this.partition, leaderEpoch: reg.leaderEpoch, isr: reg.isr, logEndOffset: this.log.logEndOffset, highWatermark: this.log.highWatermark }, 'became leader');
    // A leader alone in the ISR commits what it has at once.
    this.onHighWatermarkMaybeMoved(this.leader.maybeAdvanceHighWatermark(this.log.logEndOffset));
  }

  /** Follow `reg.leaderId`. Anyone waiting on us as leader is told to go elsewhere. */
  makeFollower(reg: PartitionRegistration): void {
    const wasLeader = this.leader !== null;
    this.registration = reg;
    this.leader = null;
    this.bytes.reset();
    if (wasLeader) {
      this.ackWaiters.failAll(this.notLeader());
      this.consumerWaiters.wakeAll();
    }
    this.logger.info({ topic: this.topic, partition: this.partition, leaderId: reg.leaderId, leaderEpoch: reg.leaderEpoch }, 'became follower');
  }

  /** The replica is leaving this broker (deleted topic, reassignment): stop serving it. */
  stop(): void {
    this.leader = null;
    this.registration = null;
    this.ackWaiters.failAll(new RunnelError('NOT_LEADER_OR_FOLLOWER', `${this.key} is no longer hosted on broker ${this.brokerId}`));
    this.consumerWaiters.wakeAll();
    this.replicaWaiters.wakeAll();
  }

  notLeader(): RunnelError {
    const known = this.registration;
    return new RunnelError(
      'NOT_LEADER_OR_FOLLOWER',
      `broker ${this.brokerId} is not the leader of ${this.key}` + (known && known.leaderId >= 0 ? `; broker ${known.leaderId} is` : ''),
      { details: known ? { 'leader-id': String(known.leaderId), 'leader-epoch': String(known.leaderEpoch) } : {} },
    );
  }

  /**
   * Leader append of a produce request's batches. Checks leadership, min.insync.replicas for
   * acks=all, each batch's header and CRC, its records (validateRecords: what is stored can be
   * read back), and idempotent sequences, then appends the bytes as they are with offsets assigned
   * in place. A retried idempotent batch is answered with its original offsets and not written again.
   */
  appendAsLeader(records: Buffer, acks: number): Promise<LeaderAppendResult> {
    const settings = this.settings();
    let views: ReturnType<typeof splitBatches>;
    try {
      this.checkCanAppend(acks, settings);
      views = splitBatches(records, settings.maxMessageBytes);
      if (views.length === 0) throw new RunnelError('CORRUPT_MESSAGE', `produce to ${this.key} carried no record batch`);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.appends.run(async () => {
      // In the partition's queue, so a stream's requests are appended in the order they came.
      for (const v of views) await validateRecords(records, v.position, v.header);
      // Leadership may have moved while we queued.
      const leader = this.leader;
      if (!leader) throw this.notLeader();
      const duplicate = this.findDuplicate(views.map((v) => v.header));
      if (duplicate) {
        return { ...duplicate, logStartOffset: this.log.logStartOffset, requiredHighWatermark: duplicate.lastOffset + 1, duplicate: true };
      }
      const result = await this.log.append(records, { leaderEpoch: leader.leaderEpoch, crcVerified: true });
      for (const v of views) {
        // The log rewrote each base offset in place; read back what it assigned.
        const assigned = readBatchHeader(records, v.position);
        this.producers.update(assigned, assigned.baseOffset);
      }
      this.bytes.record(result.lastOffset + 1, result.bytes);
      this.replicaWaiters.wakeAll();
      if (this.leader === leader) this.onHighWatermarkMaybeMoved(leader.maybeAdvanceHighWatermark(this.log.logEndOffset));
      return {
        baseOffset: result.firstOffset,
        lastOffset: result.lastOffset,
        logStartOffset: result.logStartOffset,
        requiredHighWatermark: result.lastOffset + 1,
        duplicate: false,
      };
    });
  }

  /**
   * Wait (as part of `op`) until the high watermark reaches `requiredHighWatermark`; settles at
   * once when it already has.
   */
  awaitHighWatermark(op: DelayedProduce, requiredHighWatermark: number): void {
    if (!this.leader) {
      op.settle(this.key, this.notLeader());
      return;
    }
    this.ackWaiters.add(this.key, requiredHighWatermark, op);
    this.ackWaiters.onHighWatermark(this.log.highWatermark, () => this.afterAppendCheck());
  }

  /**
   * A follower fetch: record the follower's position (moving the high watermark and the ISR
   * as it warrants), check its log against ours, and read from its fetch offset.
   */
  async readForFollower(
    replicaId: number,
    fetchOffset: number,
    lastFetchedEpoch: number,
    maxBytes: number,
    nowMs: number,
  ): Promise<FollowerFetchResult> {
    const leader = this.leader;
    if (!leader) throw this.notLeader();
    if (!leader.assignedReplicas.includes(replicaId)) {
      throw new RunnelError('NOT_LEADER_OR_FOLLOWER', `broker ${replicaId} is not a replica of ${this.key}`);
    }
    if (lastFetchedEpoch >= 0 && fetchOffset > this.log.logStartOffset) {
      const end = this.log.endOffsetForEpoch(lastFetchedEpoch);
      if (end.epoch !== lastFetchedEpoch || end.endOffset < fetchOffset) {
        return { records: Buffer.alloc(0), highWatermark: this.log.highWatermark, logStartOffset: this.log.logStartOffset, divergingEpoch: end };
      }
    }
    if (fetchOffset > this.log.logEndOffset) {
      throw new RunnelError('OFFSET_OUT_OF_RANGE', `follower ${replicaId} fetched ${this.key} at ${fetchOffset}, past the leader's log end ${this.log.logEndOffset}`);
    }
    if (fetchOffset < this.log.logStartOffset) {
      throw new RunnelError('OFFSET_OUT_OF_RANGE', `follower ${replicaId} fetched ${this.key} at ${fetchOffset}, below the log start ${this.log.logStartOffset}`);
    }
    this.onHighWatermarkMaybeMoved(leader.onFollowerFetch(replicaId, fetchOffset, this.log.logEndOffset, nowMs));
    if (!leader.hasPendingIsrChange && !leader.committedIsr.includes(replicaId) && leader.caughtUpOutsiders().includes(replicaId)) {
      this.onIsrExpandable();
    }
    const read = await this.log.read(fetchOffset, maxBytes);
    return { records: read.records, highWatermark: this.log.highWatermark, logStartOffset: read.logStartOffset };
  }

  /** A consumer read: only up to the high watermark, and only from the leader. */
  async readForConsumer(fetchOffset: number, maxBytes: number): Promise<{ records: Buffer; highWatermark: number; logStartOffset: number }> {
    if (!this.leader) throw this.notLeader();
    if (fetchOffset > this.log.logEndOffset || fetchOffset < this.log.logStartOffset) {
      throw new RunnelError(
        'OFFSET_OUT_OF_RANGE',
        `offset ${fetchOffset} is outside ${this.key}'s range [${this.log.logStartOffset}, ${this.log.logEndOffset}]`,
      );
    }
    const hw = this.log.highWatermark;
    const read = await this.log.read(fetchOffset, maxBytes, { maxOffset: hw });
    return { records: read.records, highWatermark: hw, logStartOffset: read.logStartOffset };
  }

  /** Bytes a consumer fetching from `offset` could read now (for fetch.min.bytes). */
  consumerBytesAvailable(offset: number): number {
    return this.bytes.bytesBetween(offset, this.log.highWatermark);
  }

  /** Bytes a follower fetching from `offset` could read now. */
  replicaBytesAvailable(offset: number): number {
    return this.bytes.bytesBetween(offset, this.log.logEndOffset);
  }

  /** Follower append of fetched batches, keeping the leader's offsets, then its high watermark. */
  appendAsFollower(records: Buffer, leaderHighWatermark: number): Promise<void> {
    return this.appends.run(async () => {
      if (records.length > 0) {
        const result = await this.log.appendAsFollower(records);
        let pos = 0;
        while (pos < records.length) {
          const header = readBatchHeader(records, pos);
          this.producers.update(header, header.baseOffset);
          pos += batchSize(header);
        }
        this.bytes.record(result.lastOffset + 1, result.bytes);
      }
      this.log.updateHighWatermark(Math.min(leaderHighWatermark, this.log.logEndOffset));
    });
  }

  /** Follower truncation (divergence or a new leader epoch); idempotence state follows the log. */
  truncateTo(offset: number): Promise<void> {
    return this.appends.run(async () => {
      await this.log.truncateTo(offset);
      this.producers.truncateTo(offset);
      this.bytes.reset();
    });
  }

  truncateFullyAndStartAt(offset: number): Promise<void> {
    return this.appends.run(async () => {
      await this.log.truncateFullyAndStartAt(offset);
      this.producers.clear();
      this.bytes.reset();
    });
  }

  /** The ISR change to send to the controller now, if any (leader only). */
  proposeIsrChange(nowMs: number): IsrChange | null {
    return this.leader?.proposeIsrChange(nowMs, this.settings().replicaLagTimeMaxMs) ?? null;
  }

  clearPendingIsrChange(): void {
    this.leader?.clearPendingIsrChange();
  }

  private checkCanAppend(acks: number, settings: PartitionSettings): void {
    const leader = this.leader;
    if (!leader) throw this.notLeader();
    if (acks === -1 && leader.committedIsr.length < settings.minInsyncReplicas) {
      throw new RunnelError(
        'NOT_ENOUGH_REPLICAS',
        `${this.key} has ${leader.committedIsr.length} in-sync replicas (${leader.committedIsr.join(',')}), fewer than min.insync.replicas=${settings.minInsyncReplicas}`,
      );
    }
  }

  private afterAppendCheck(): RunnelError | undefined {
    const min = this.settings().minInsyncReplicas;
    const isr = this.leader?.committedIsr.length ?? 0;
    return isr < min ? notEnoughReplicasAfterAppend(isr, min) : undefined;
  }

  private findDuplicate(headers: BatchHeader[]): { baseOffset: number; lastOffset: number } | null {
    let duplicate: { baseOffset: number; lastOffset: number } | null = null;
    for (const h of headers) {
      const check = this.producers.check(h);
      if (check.kind === 'duplicate') {
        if (headers.length > 1) {
          throw new RunnelError('DUPLICATE_SEQUENCE_NUMBER', `a retried batch of producer ${h.producerId} came with other batches in one request to ${this.key}`);
        }
        duplicate = { baseOffset: check.batch.firstOffset, lastOffset: check.batch.lastOffset };
      }
    }
    return duplicate;
  }

  private onHighWatermarkMaybeMoved(moved: boolean): void {
    if (!moved || !this.leader) return;
    this.log.updateHighWatermark(this.leader.highWatermark);
    this.ackWaiters.onHighWatermark(this.log.highWatermark, () => this.afterAppendCheck());
    this.consumerWaiters.wakeAll();
  }
}
