import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, callRequester, type pb } from '@runnel/protocol';
import type { RequestAccess } from '@runnel/controller';
import type { DeadlineQueue } from '../delayed/deadline-queue.js';
import { DelayedProduce } from '../delayed/delayed-produce.js';
import { OFFSETS_TOPIC } from '../group/group-coordinator.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { Partition } from '../replica/partition.js';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import { readUnsafeFault } from '../unsafe-fault.js';
import { CallLog } from './call-log.js';

export interface ProduceDeps {
  partitions: PartitionRegistry;
  produceQueue: DeadlineQueue<DelayedProduce>;
  now: () => number;
  logger: Logger;
  /** Whether the topic exists in the cluster (for UNKNOWN_TOPIC_OR_PARTITION vs NOT_LEADER). */
  topicExists: (topic: string) => boolean;
  /** Bound on produce requests awaiting an answer on one stream before reading pauses. */
  maxInFlightPerStream?: number;
  metrics?: BrokerMetrics;
  /** Who may write where; absent: everyone everywhere. */
  access?: RequestAccess;
}

const MAX_TIMEOUT_MS = 5 * 60_000;

interface Settled {
  baseOffset: number;
  logStartOffset: number;
  error?: RunnelError;
}

/**
 * The Produce stream: each request carries batches for many partitions; each partition is
 * appended by its leader and answered on its own. acks=0 gets no answer, acks=1 is answered
 * after the leader's append, acks=all when the high watermark covers the write (or at the
 * request's timeout). A stream with too many unanswered requests stops being read, so HTTP/2 flow
 * control pushes back on the client instead of the broker queueing without bound.
 */
export function produceHandler(deps: ProduceDeps): grpc.handleBidiStreamingCall<pb.ProduceRequest__Output, pb.ProduceResponse> {
  const maxInFlight = deps.maxInFlightPerStream ?? 1024;
  // Deliberately broken for chaos tests only (see unsafe-fault.ts): acks=all answered like acks=1.
  const acksAllEarly = readUnsafeFault(process.env, deps.logger) === 'acks-all-early';
  return (call) => {
    const calls = new CallLog(deps.logger, call);
    let inFlight = 0;
    let paused = false;
    let closed = false;
    // Checked before existence, so a topic the caller may not write to looks the same whether or not it exists.
    const refused = deps.access?.topics(callRequester(call), 'WRITE') ?? (() => null);
    const done = (): void => {
      inFlight--;
      if (paused && inFlight <= maxInFlight / 2) {
        paused = false;
        call.resume();
      }
    };
    const respond = (request: pb.ProduceRequest__Output, results: Map<string, Settled>, startedMs: number): void => {
      done();
      if (deps.metrics || calls.debug) {
        let error = 'NONE';
        for (const r of results.values()) if (r.error) error = r.error.errorName;
        deps.metrics?.answered('Produce', error, deps.now() - startedMs);
        if (calls.debug) {
          const failed = [...results].filter(([, r]) => r.error).map(([key, r]) => `${key}: ${r.error!.errorName}`);
          calls.log.debug({ correlationId: request.correlationId, acks: request.acks, partitions: results.size, failed, ms: deps.now() - startedMs }, 'produce answered');
        }
      }
      if (closed || request.acks === 0) return;
      call.write({
        correlationId: request.correlationId,
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => {
            const r = results.get(`${t.name}-${p.partition}`)!;
            const e = r.error;
            return {
              partition: p.partition,
              errorCode: e ? e.code : 0,
              errorMessage: e ? e.message : '',
              baseOffset: e ? -1 : r.baseOffset,
              logAppendTimeMs: -1,
              logStartOffset: r.logStartOffset,
              currentLeaderId: e?.details['leader-id'] !== undefined ? Number(e.details['leader-id']) : -1,
              currentLeaderEpoch: e?.details['leader-epoch'] !== undefined ? Number(e.details['leader-epoch']) : -1,
            };
          }),
        })),
      });
    };

    const handle = async (request: pb.ProduceRequest__Output): Promise<void> => {
      const startedMs = deps.now();
      const results = new Map<string, Settled>();
      const fail = (key: string, error: RunnelError): void => {
        results.set(key, { baseOffset: -1, logStartOffset: -1, error });
      };
      const acks = request.acks;
      const invalidAcks = acks !== 0 && acks !== 1 && acks !== -1;
      const waiting: { key: string; required: number; partition: Partition }[] = [];
      await Promise.all(
        request.topics.flatMap((t) =>
          t.partitions.map(async (p) => {
            const key = `${t.name}-${p.partition}`;
            if (results.has(key)) return fail(key, new RunnelError('INVALID_REQUEST', `partition ${key} appears twice in one produce request`));
            if (invalidAcks) return fail(key, new RunnelError('INVALID_REQUIRED_ACKS', `acks=${acks} is not one of 0, 1, -1 (all)`));
            const denied = refused(t.name);
            if (denied) return fail(key, denied);
            // Only the group coordinator writes its topic (Kafka refuses clients the same way).
            if (t.name === OFFSETS_TOPIC) return fail(key, new RunnelError('INVALID_TOPIC_EXCEPTION', `cannot produce to the internal topic ${OFFSETS_TOPIC}; it is written by the group coordinator`));
            const partition = deps.partitions.get(t.name, p.partition);
            if (!partition) {
              return fail(key, deps.topicExists(t.name)
                ? new RunnelError('NOT_LEADER_OR_FOLLOWER', `broker does not lead ${key}`)
                : new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${t.name}' partition ${p.partition} does not exist`));
            }
            results.set(key, { baseOffset: -1, logStartOffset: -1 });
            try {
              const r = await partition.appendAsLeader(p.records, acks);
              results.set(key, { baseOffset: r.baseOffset, logStartOffset: r.logStartOffset });
              if (!r.duplicate) deps.metrics?.appended(t.name, p.records.length, r.lastOffset - r.baseOffset + 1);
              if (acks === -1 && !acksAllEarly) waiting.push({ key, required: r.requiredHighWatermark, partition });
            } catch (err) {
              fail(key, calls.partitionFailure(err, { topic: t.name, partition: p.partition, correlationId: request.correlationId }, 'produce'));
            }
          }),
        ),
      );
      if (waiting.length === 0) return respond(request, results, startedMs);
      const timeout = Math.min(Math.max(request.timeoutMs, 0), MAX_TIMEOUT_MS);
      const op = new DelayedProduce(
        deps.now() + timeout,
        waiting.map((w) => w.key),
        (acksByPartition) => {
          for (const [key, ack] of acksByPartition) {
            if (ack.errorName !== 'NONE') {
              const prev = results.get(key)!;
              results.set(key, { ...prev, error: new RunnelError(ack.errorName, ack.errorMessage) });
            }
          }
          respond(request, results, startedMs);
        },
        deps.produceQueue,
      );
      deps.produceQueue.add(op);
      for (const w of waiting) w.partition.awaitHighWatermark(op, w.required);
    };

    call.on('data', (request: pb.ProduceRequest__Output) => {
      inFlight++;
      if (inFlight >= maxInFlight && !paused) {
        paused = true;
        call.pause();
      }
      handle(request).catch((err: unknown) => {
        calls.log.error({ correlationId: request.correlationId, err }, 'produce request failed unexpectedly');
        call.destroy(err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err)));
      });
    });
    const close = (): void => {
      closed = true;
    };
    call.on('end', () => {
      close();
      call.end();
    });
    call.on('cancelled', close);
    call.on('error', close);
  };
}
