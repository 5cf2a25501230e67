import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, callRequester, errorName, type pb } from '@runnel/protocol';
import type { RequestAccess } from '@runnel/controller';
import type { DeadlineQueue } from '../delayed/deadline-queue.js';
import { DelayedFetch } from '../delayed/delayed-fetch.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import { CallLog } from './call-log.js';

export interface FetchDeps {
  partitions: PartitionRegistry;
  fetchQueue: DeadlineQueue<DelayedFetch>;
  now: () => number;
  logger: Logger;
  topicExists: (topic: string) => boolean;
  /** fetch.max.bytes: the most one answer carries. */
  maxResponseBytes: number;
  /** Bound on long-polls waiting on one stream. */
  maxPendingPerStream?: number;
  metrics?: BrokerMetrics;
  /** Who may read what; absent: everyone everything. */
  access?: RequestAccess;
}

const DEFAULT_PARTITION_MAX_BYTES = 1024 * 1024;
const MAX_WAIT_MS = 60_000;

/**
 * The consumer Fetch stream: reads whole batches from partition leaders, never above the high
 * watermark, and long-polls (fetch.max.wait.ms / fetch.min.bytes) until the high watermark moves.
 * Answers carry the high watermark, last stable offset and log start per partition.
 */
export function fetchHandler(deps: FetchDeps): grpc.handleBidiStreamingCall<pb.FetchRequest__Output, pb.FetchResponse> {
  const maxPending = deps.maxPendingPerStream ?? 64;

  async function readAll(
    request: pb.FetchRequest__Output,
    calls: CallLog,
    refused: (topic: string) => RunnelError | null,
  ): Promise<{ topics: pb.FetchTopicResponse[]; bytes: number; anyError: boolean }> {
    let budget = Math.min(request.maxBytes > 0 ? request.maxBytes : deps.maxResponseBytes, deps.maxResponseBytes);
    let bytes = 0;
    let anyError = false;
    const topics: pb.FetchTopicResponse[] = [];
    // Sequential over partitions so the byte budget is honoured in request order, as Kafka does.
    for (const t of request.topics) {
      const partitions: pb.FetchPartitionResponse[] = [];
      const denied = refused(t.name);
      for (const p of t.partitions) {
        try {
          if (denied) throw denied;
          const partition = deps.partitions.get(t.name, p.partition);
          if (!partition) {
            throw deps.topicExists(t.name)
              ? new RunnelError('NOT_LEADER_OR_FOLLOWER', `this broker does not lead ${t.name}-${p.partition}`)
              : new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${t.name}' partition ${p.partition} does not exist`);
          }
          if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch !== partition.leaderEpoch && partition.isLeader) {
            throw new RunnelError(
              p.currentLeaderEpoch < partition.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH',
              `fetch of ${partition.key} at leader epoch ${p.currentLeaderEpoch}; the leader is at ${partition.leaderEpoch}`,
            );
          }
          const limit = Math.min(p.partitionMaxBytes > 0 ? p.partitionMaxBytes : DEFAULT_PARTITION_MAX_BYTES, budget);
          // Once the budget is spent, later partitions answer empty; the first always gets a batch.
          const r = limit > 0 || bytes === 0 ? await partition.readForConsumer(p.fetchOffset, Math.max(limit, 1)) : {
            records: Buffer.alloc(0), highWatermark: partition.highWatermark, logStartOffset: partition.log.logStartOffset,
          };
          budget -= r.records.length;
          bytes += r.records.length;
          partitions.push({
            partition: p.partition,
            errorCode: 0,
            highWatermark: r.highWatermark,
            lastStableOffset: r.highWatermark,
            logStartOffset: r.logStartOffset,
            records: r.records,
            currentLeaderId: partition.leaderId,
            currentLeaderEpoch: partition.leaderEpoch,
          });
        } catch (err) {
          anyError = true;
          const e = calls.partitionFailure(err, { topic: t.name, partition: p.partition, correlationId: request.correlationId }, 'fetch');
          const partition = e.errorName === 'TOPIC_AUTHORIZATION_FAILED' ? undefined : deps.partitions.get(t.name, p.partition);
          partitions.push({
            partition: p.partition,
            errorCode: e.code,
            errorMessage: e.message,
            highWatermark: partition?.highWatermark ?? -1,
            lastStableOffset: partition?.highWatermark ?? -1,
            logStartOffset: partition?.log.logStartOffset ?? -1,
            currentLeaderId: e.details['leader-id'] !== undefined ? Number(e.details['leader-id']) : partition?.leaderId ?? -1,
            currentLeaderEpoch: e.details['leader-epoch'] !== undefined ? Number(e.details['leader-epoch']) : partition?.leaderEpoch ?? -1,
          });
        }
      }
      topics.push({ name: t.name, partitions });
    }
    return { topics, bytes, anyError };
  }

  return (call) => {
    const calls = new CallLog(deps.logger, call);
    const pending = new Map<number, DelayedFetch>();
    let closed = false;
    const refused = deps.access?.topics(callRequester(call), 'READ') ?? (() => null);
    const answer = (correlationId: number, topics: pb.FetchTopicResponse[], startedMs: number): void => {
      if (deps.metrics) {
        for (const t of topics) deps.metrics.sent(t.name ?? '', (t.partitions ?? []).reduce((n, p) => n + (p.records?.length ?? 0), 0));
        deps.metrics.answered('Fetch', 'NONE', deps.now() - startedMs);
      }
      if (calls.debug) {
        const all = topics.flatMap((t) => (t.partitions ?? []).map((p) => ({ key: `${t.name}-${p.partition}`, p })));
        const failed = all.filter(({ p }) => p.errorCode).map(({ key, p }) => `${key}: ${errorName(p.errorCode ?? 0)}`);
        const bytes = all.reduce((n, { p }) => n + (p.records?.length ?? 0), 0);
        calls.log.debug({ correlationId, partitions: all.length, bytes, failed, ms: deps.now() - startedMs }, 'fetch answered');
      }
      if (!closed) call.write({ correlationId, errorCode: 0, topics });
    };
    const refuse = (correlationId: number, error: RunnelError, startedMs: number): void => {
      deps.metrics?.answered('Fetch', error.errorName, deps.now() - startedMs);
      if (calls.debug) calls.log.debug({ correlationId, errorName: error.errorName, err: error.message }, 'fetch refused');
      if (!closed) call.write({ correlationId, errorCode: error.code, errorMessage: error.message, topics: [] });
    };
    const failed = (correlationId: number, err: unknown, startedMs: number): void => {
      calls.log.error({ correlationId, err }, 'fetch request failed unexpectedly');
      refuse(correlationId, err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err)), startedMs);
    };

    call.on('data', (request: pb.FetchRequest__Output) => {
      const startedMs = deps.now();
      if (request.cancelCorrelationId) {
        pending.get(request.cancelCorrelationId)?.cancel();
        pending.delete(request.cancelCorrelationId);
        if (request.topics.length === 0) return;
      }
      if (pending.size >= maxPending) {
        refuse(request.correlationId, new RunnelError('INVALID_REQUEST', `more than ${maxPending} fetches are waiting on this stream; wait for answers before sending more`), startedMs);
        return;
      }
      void readAll(request, calls, refused).then(({ topics, bytes, anyError }) => {
        const minBytes = Math.max(request.minBytes, 1);
        const maxWait = Math.min(Math.max(request.maxWaitMs, 0), MAX_WAIT_MS);
        if (closed || bytes >= minBytes || anyError || maxWait === 0) {
          answer(request.correlationId, topics, startedMs);
          return;
        }
        const available = (): number => {
          let sum = 0;
          for (const t of request.topics) {
            for (const p of t.partitions) sum += deps.partitions.get(t.name, p.partition)?.consumerBytesAvailable(p.fetchOffset) ?? 0;
          }
          return sum;
        };
        const op = new DelayedFetch(deps.now() + maxWait, minBytes, available, (reason) => {
          pending.delete(request.correlationId);
          if (reason === 'cancelled') return;
          void readAll(request, calls, refused).then(
            (again) => answer(request.correlationId, again.topics, startedMs),
            (err: unknown) => failed(request.correlationId, err, startedMs),
          );
        }, deps.fetchQueue);
        pending.set(request.correlationId, op);
        for (const t of request.topics) {
          for (const p of t.partitions) {
            const partition = deps.partitions.get(t.name, p.partition);
            if (partition) op.watch(partition.consumerWaiters);
          }
        }
        deps.fetchQueue.add(op);
        op.wake();
      }, (err: unknown) => failed(request.correlationId, err, startedMs));
    });
    const close = (): void => {
      closed = true;
      for (const op of pending.values()) op.cancel();
      pending.clear();
    };
    call.on('end', () => {
      close();
      call.end();
    });
    call.on('cancelled', close);
    call.on('error', close);
  };
}
