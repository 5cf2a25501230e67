import { setTimeout as sleep } from 'node:timers/promises';
import { RunnelError, errorName, type ErrorName, type pb } from '@runnel/protocol';
import type { ClientLogger } from '../logger.js';
import type { TopicPartition } from '../partition-state.js';
import { CommitFailedError, RebalanceInProgressError } from './commit-errors.js';
import { offsetAnswerError, type CoordinatorChannel } from './coordinator-channel.js';

/** An offset to commit: the next offset to consume, with the leader epoch it was read in and a note. */
export interface OffsetCommitSpec extends TopicPartition {
  offset: number;
  /** Leader epoch of the last consumed record; -1 or omitted when unknown. */
  leaderEpoch?: number;
  metadata?: string;
}

/** A group's committed offset of one partition; offset is null when nothing is committed. */
export interface CommittedOffset extends TopicPartition {
  offset: number | null;
  leaderEpoch: number | null;
  metadata: string;
}

/** Who commits: a group member (generation and member id) or a simple commit (-1, ''). */
export interface CommitIdentity {
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

/**
 * Errors in an answer after which the same commit or fetch is tried again (a timeout, offsets
 * not yet stable); a moved or loading coordinator is retried by the channel itself.
 */
const RETRY: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'UNSTABLE_OFFSET_COMMIT',
]);

/**
 * OffsetCommit and OffsetFetch for one group, through its coordinator: retriable errors are
 * retried until the deadline, and the group errors a caller must act on come back as Kafka's
 * client exceptions do (RebalanceInProgressError, CommitFailedError, FENCED_INSTANCE_ID).
 */
export class GroupOffsets {
  constructor(
    private readonly channel: CoordinatorChannel,
    readonly groupId: string,
    private readonly retryBackoffMs: number,
    private readonly logger: ClientLogger,
  ) {}

  async commit(offsets: readonly OffsetCommitSpec[], who: CommitIdentity, timeoutMs: number): Promise<void> {
    if (offsets.length === 0) return;
    for (const o of offsets) {
      if (!Number.isSafeInteger(o.offset) || o.offset < 0) {
        throw new RunnelError('INVALID_COMMIT_OFFSET_SIZE', `cannot commit offset ${o.offset} for ${o.topic}-${o.partition}: offsets are integers >= 0`);
      }
    }
    const topics = new Map<string, pb.OffsetCommitPartition[]>();
    for (const o of offsets) {
      let list = topics.get(o.topic);
      if (!list) topics.set(o.topic, (list = []));
      list.push({ partition: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch ?? -1, committedMetadata: o.metadata ?? '' });
    }
    const request: pb.OffsetCommitRequest = {
      groupId: this.groupId,
      generationId: who.generationId,
      memberId: who.memberId,
      groupInstanceId: who.groupInstanceId ?? '',
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await this.channel.call(this.groupId, (c) => c.offsetCommit, request, { timeoutMs: Math.max(1, deadline - Date.now()), errorOf: offsetAnswerError });
      const found = offsetAnswerError(response);
      if (!found) return;
      const error = errorName(found.errorCode);
      const message = found.errorMessage;
      if (RETRY.has(error) && Date.now() + this.retryBackoffMs < deadline) {
        this.logger.debug({ groupId: this.groupId, error }, 'offset commit will be retried');
        await sleep(this.retryBackoffMs);
        continue;
      }
      throw this.commitError(error, message);
    }
  }

  private commitError(error: ErrorName, message: string): RunnelError {
    if (error === 'REBALANCE_IN_PROGRESS') return new RebalanceInProgressError(this.groupId);
    if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') return new CommitFailedError(error, this.groupId);
    return new RunnelError(error, `committing offsets of group '${this.groupId}': ${message || new RunnelError(error).message}`);
  }

  /** The committed offsets of these partitions (all partitions the group committed when none are named). */
  async fetch(partitions: readonly TopicPartition[] | null, timeoutMs: number): Promise<CommittedOffset[]> {
    const topics = new Map<string, number[]>();
    for (const tp of partitions ?? []) {
      let list = topics.get(tp.topic);
      if (!list) topics.set(tp.topic, (list = []));
      list.push(tp.partition);
    }
    const request: pb.OffsetFetchRequest = { groupId: this.groupId, topics: [...topics].map(([name, ps]) => ({ name, partitions: ps })), requireStable: true };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await this.channel.call(this.groupId, (c) => c.offsetFetch, request, { timeoutMs: Math.max(1, deadline - Date.now()), errorOf: offsetAnswerError });
      const error = errorName(offsetAnswerError(response)?.errorCode ?? 0);
      const out: CommittedOffset[] = [];
      for (const t of response.topics) {
        for (const p of t.partitions) {
          const has = p.committedOffset >= 0;
          out.push({ topic: t.name, partition: p.partition, offset: has ? p.committedOffset : null, leaderEpoch: has && p.committedLeaderEpoch >= 0 ? p.committedLeaderEpoch : null, metadata: p.metadata });
        }
      }
      if (error === 'NONE') {
        if (partitions === null) return out;
        const byKey = new Map(out.map((o) => [`${o.topic}-${o.partition}`, o]));
        return partitions.map((tp) => byKey.get(`${tp.topic}-${tp.partition}`) ?? { topic: tp.topic, partition: tp.partition, offset: null, leaderEpoch: null, metadata: '' });
      }
      if (RETRY.has(error) && Date.now() + this.retryBackoffMs < deadline) {
        this.logger.debug({ groupId: this.groupId, error }, 'offset fetch will be retried');
        await sleep(this.retryBackoffMs);
        continue;
      }
      throw new RunnelError(error, `fetching committed offsets of group '${this.groupId}': ${response.errorMessage || new RunnelError(error).message}`);
    }
  }
}
