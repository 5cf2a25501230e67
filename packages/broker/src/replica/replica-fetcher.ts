import type { Logger } from 'pino';
import {
  RunnelError,
  callUnary,
  createClient,
  errorName,
  fromServiceError,
  type ClientOf,
  type ClientOptions,
  type pb,
} from '@runnel/protocol';
import type * as grpc from '@grpc/grpc-js';
import type { Partition } from './partition.js';
import type { ReplicationQuota } from './replication-quota.js';
import { truncationPoint } from './truncation.js';

export interface ReplicaFetcherSettings {
  /** replica.fetch.wait.max.ms */
  maxWaitMs: number;
  /** replica.fetch.min.bytes */
  minBytes: number;
  /** replica.fetch.response.max.bytes */
  maxBytes: number;
  /** replica.fetch.max.bytes */
  partitionMaxBytes: number;
  /** replica.fetch.backoff.ms */
  backoffMs: number;
}

interface FetchState {
  partition: Partition;
  /** The leader epoch we follow this partition at. */
  leaderEpoch: number;
  truncating: boolean;
  /** Not fetched before this time (after an error that a retry may fix). */
  delayedUntil: number;
}

export interface ReplicaFetcherDeps {
  brokerId: number;
  brokerEpoch: () => number;
  leaderId: number;
  address: string;
  settings: ReplicaFetcherSettings;
  logger: Logger;
  now?: () => number;
  /** The limit on adding replicas' fetches; absent: none. */
  quota?: ReplicationQuota;
  /** How calls to the leader are made: TLS credentials, this node's token. */
  clientOptions?: ClientOptions;
}

/**
 * Follows every partition this broker replicates from one leader broker over one ReplicaFetch
 * stream. A partition added at a new leader epoch first truncates its log to where the leader's
 * log agrees with it (OffsetsForLeaderEpoch), then fetches from its log end offset with its last
 * epoch, so a former leader's unreplicated tail is removed before anything new is appended.
 */
export class ReplicaFetcher {
  private readonly states = new Map<string, FetchState>();
  private readonly client: ClientOf<'Replication'>;
  private stream: grpc.ClientDuplexStream<pb.ReplicaFetchRequest, pb.ReplicaFetchResponse__Output> | null = null;
  private waiting: { id: number; resolve: (r: pb.ReplicaFetchResponse__Output) => void; reject: (e: unknown) => void } | null = null;
  private correlation = 0;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private readonly loop: Promise<void>;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: ReplicaFetcherDeps) {
    this.client = createClient('Replication', deps.address, deps.clientOptions);
    this.log = deps.logger.child({ fetcherFor: deps.leaderId });
    this.now = deps.now ?? Date.now;
    this.loop = this.run();
  }

  get partitionCount(): number {
    return this.states.size;
  }

  /** Follow `partition` from this leader at `leaderEpoch` (truncating first). */
  add(partition: Partition, leaderEpoch: number): void {
    const existing = this.states.get(partition.key);
    if (existing && existing.leaderEpoch === leaderEpoch && existing.partition === partition) return;
    this.states.set(partition.key, { partition, leaderEpoch, truncating: true, delayedUntil: 0 });
    this.wake();
  }

  remove(partition: Partition): void {
    this.states.delete(partition.key);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    this.closeStream(new RunnelError('NETWORK_EXCEPTION', 'fetcher stopped'));
    await this.loop;
    this.client.close();
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const now = this.now();
        const ready = [...this.states.values()].filter((s) => s.delayedUntil <= now);
        const truncating = ready.filter((s) => s.truncating);
        if (truncating.length > 0) await this.truncate(truncating);
        const fetching = ready.filter((s) => !s.truncating && this.states.get(s.partition.key) === s);
        // Over the reassignment quota, adding replicas sit out; the rest of the partitions still fetch.
        const allowed = this.deps.quota?.isExceeded() ? fetching.filter((s) => !s.partition.isAddingReplica) : fetching;
        if (allowed.length === 0) {
          const wait = fetching.length > 0 ? this.deps.quota!.waitMs() : this.states.size === 0 ? 60_000 : this.deps.settings.backoffMs;
          await this.idle(wait);
          continue;
        }
        await this.fetch(allowed);
      } catch (err) {
        if (this.stopped) break;
        this.log.warn({ err: String(err), leaderId: this.deps.leaderId }, 'replica fetch failed; backing off');
        this.closeStream(err);
        await this.idle(this.deps.settings.backoffMs);
      }
    }
  }

  /** OffsetsForLeaderEpoch for the partitions that just started following, then truncate. */
  private async truncate(states: FetchState[]): Promise<void> {
    const asked = states.map((s) => ({ s, epoch: s.partition.log.latestEpoch }));
    const withoutEpoch = asked.filter((a) => a.epoch < 0);
    for (const a of withoutEpoch) a.s.truncating = false;
    const withEpoch = asked.filter((a) => a.epoch >= 0);
    if (withEpoch.length === 0) return;
    const response = await callUnary(this.client.offsetsForLeaderEpoch.bind(this.client), {
      replicaId: this.deps.brokerId,
      partitions: withEpoch.map((a) => ({ topic: a.s.partition.topic, partition: a.s.partition.partition, currentLeaderEpoch: a.s.leaderEpoch, leaderEpoch: a.epoch })),
    }, { timeoutMs: 10_000 });
    for (const result of response.partitions) {
      const state = this.states.get(`${result.topic}-${result.partition}`);
      if (!state || !state.truncating) continue;
      if (result.errorCode !== 0) {
        state.delayedUntil = this.now() + this.deps.settings.backoffMs;
        this.log.info({ topic: result.topic, partition: result.partition, error: errorName(result.errorCode) }, 'leader cannot answer OffsetsForLeaderEpoch yet');
        continue;
      }
      const point = truncationPoint(state.partition.log, result.leaderEpoch, result.endOffset);
      if (point.offset < state.partition.log.logEndOffset) {
        this.log.info({ topic: result.topic, partition: result.partition, leaderEpoch: state.leaderEpoch, truncateTo: point.offset, logEndOffset: state.partition.log.logEndOffset }, 'truncating divergent log tail');
        await state.partition.truncateTo(point.offset);
      }
      state.truncating = !point.done;
    }
  }

  private async fetch(states: FetchState[]): Promise<void> {
    const s = this.deps.settings;
    const request: pb.ReplicaFetchRequest = {
      correlationId: ++this.correlation,
      replicaId: this.deps.brokerId,
      brokerEpoch: this.deps.brokerEpoch(),
      maxWaitMs: s.maxWaitMs,
      minBytes: s.minBytes,
      maxBytes: s.maxBytes,
      partitions: states.map((st) => ({
        topic: st.partition.topic,
        partition: st.partition.partition,
        currentLeaderEpoch: st.leaderEpoch,
        fetchOffset: st.partition.log.logEndOffset,
        lastFetchedEpoch: st.partition.log.latestEpoch,
        logStartOffset: st.partition.log.logStartOffset,
        partitionMaxBytes: st.partition.isAddingReplica && this.deps.quota ? this.deps.quota.maxFetchBytes(s.partitionMaxBytes) : s.partitionMaxBytes,
      })),
    };
    const response = await this.send(request);
    if (response.errorCode !== 0) {
      throw new RunnelError(errorName(response.errorCode), response.errorMessage);
    }
    for (const r of response.partitions) {
      const state = this.states.get(`${r.topic}-${r.partition}`);
      if (!state || state.truncating) continue;
      if (state.partition.isAddingReplica) this.deps.quota?.record(r.records.length);
      await this.handle(state, r);
    }
  }

  private async handle(state: FetchState, r: pb.ReplicaFetchPartitionResponse__Output): Promise<void> {
    const p = state.partition;
    if (r.errorCode === 0 && r.divergingEpoch) {
      const point = truncationPoint(p.log, r.divergingEpoch.epoch, r.divergingEpoch.endOffset);
      this.log.info({ topic: p.topic, partition: p.partition, divergingEpoch: r.divergingEpoch, truncateTo: point.offset }, 'leader reports divergence; truncating');
      if (point.offset < p.log.logEndOffset) await p.truncateTo(point.offset);
      return;
    }
    if (r.errorCode === 0) {
      try {
        await p.appendAsFollower(r.records, r.highWatermark);
      } catch (err) {
        const e = fromServiceError(err);
        this.log.warn({ topic: p.topic, partition: p.partition, err: e.toString() }, 'follower append failed; re-checking divergence');
        state.truncating = true;
      }
      return;
    }
    const name = errorName(r.errorCode);
    if (name === 'OFFSET_OUT_OF_RANGE' && r.logStartOffset > p.log.logEndOffset) {
      this.log.info({ topic: p.topic, partition: p.partition, leaderLogStart: r.logStartOffset }, 'behind the leader\'s log start; restarting the log there');
      await p.truncateFullyAndStartAt(r.logStartOffset);
      return;
    }
    if (name === 'OFFSET_OUT_OF_RANGE') {
      state.truncating = true;
      return;
    }
    // Stale or unknown epochs, not-leader: metadata will move us on; until then retry slowly.
    state.delayedUntil = this.now() + this.deps.settings.backoffMs;
    this.log.debug({ topic: p.topic, partition: p.partition, error: name }, 'replica fetch error');
  }

  private send(request: pb.ReplicaFetchRequest): Promise<pb.ReplicaFetchResponse__Output> {
    const stream = this.stream ?? this.openStream();
    return new Promise((resolve, reject) => {
      this.waiting = { id: request.correlationId as number, resolve, reject };
      stream.write(request);
    });
  }

  private openStream(): grpc.ClientDuplexStream<pb.ReplicaFetchRequest, pb.ReplicaFetchResponse__Output> {
    const stream = this.client.replicaFetch();
    stream.on('data', (response: pb.ReplicaFetchResponse__Output) => {
      const w = this.waiting;
      if (w && w.id === response.correlationId) {
        this.waiting = null;
        w.resolve(response);
      }
    });
    stream.on('error', (err) => this.closeStream(fromServiceError(err)));
    stream.on('end', () => this.closeStream(new RunnelError('NETWORK_EXCEPTION', `leader ${this.deps.leaderId} closed the replica fetch stream`)));
    this.stream = stream;
    return stream;
  }

  private closeStream(err: unknown): void {
    const stream = this.stream;
    this.stream = null;
    if (stream) stream.cancel();
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }
}
