import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { RunnelError, errorCode, errorName, toServiceError, unaryHandler, type HandlersOf, type pb } from '@runnel/protocol';
import type { RequestAccess } from '@runnel/controller';
import type { DeadlineQueue } from '../delayed/deadline-queue.js';
import { DelayedFetch } from '../delayed/delayed-fetch.js';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import { CallLog } from './call-log.js';

export interface ReplicationServiceDeps {
  partitions: PartitionRegistry;
  fetchQueue: DeadlineQueue<DelayedFetch>;
  now: () => number;
  logger: Logger;
  /** Whether `brokerEpoch` is the current registration of `brokerId` (a restarted broker is new). */
  isCurrentBrokerEpoch: (brokerId: number, brokerEpoch: number) => boolean;
  /** Replication needs CLUSTER_ACTION on the cluster, which nodes have; absent: anyone may replicate. */
  access?: RequestAccess;
}

/** A hard bound on how many partitions one replica fetch may name. */
const MAX_PARTITIONS_PER_FETCH = 100_000;

function partitionError(p: pb.ReplicaFetchPartition__Output, e: RunnelError): pb.ReplicaFetchPartitionResponse {
  return { topic: p.topic, partition: p.partition, errorCode: e.code, errorMessage: e.message, highWatermark: -1, logStartOffset: -1 };
}

/**
 * The leader side of replication: follower brokers' fetch streams and their
 * OffsetsForLeaderEpoch calls. A fetch records the follower's position (which moves the high
 * watermark and settles acks=all) and long-polls until new data is appended or the wait ends.
 */
export function replicationHandlers(deps: ReplicationServiceDeps): HandlersOf<'Replication'> {
  async function readAll(request: pb.ReplicaFetchRequest__Output, calls: CallLog): Promise<{ partitions: pb.ReplicaFetchPartitionResponse[]; bytes: number }> {
    let budget = request.maxBytes > 0 ? request.maxBytes : 10 * 1024 * 1024;
    let bytes = 0;
    const now = deps.now();
    const partitions = await Promise.all(
      request.partitions.map(async (p) => {
        try {
          const partition = deps.partitions.require(p.topic, p.partition);
          if (p.currentLeaderEpoch !== partition.leaderEpoch) {
            throw new RunnelError(
              p.currentLeaderEpoch < partition.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH',
              `replica fetch of ${partition.key} at leader epoch ${p.currentLeaderEpoch}; this broker is at ${partition.leaderEpoch}`,
            );
          }
          const max = Math.min(p.partitionMaxBytes > 0 ? p.partitionMaxBytes : 1024 * 1024, Math.max(budget, 1));
          const r = await partition.readForFollower(request.replicaId, p.fetchOffset, p.lastFetchedEpoch, max, now);
          budget -= r.records.length;
          bytes += r.records.length;
          const out: pb.ReplicaFetchPartitionResponse = {
            topic: p.topic,
            partition: p.partition,
            errorCode: 0,
            highWatermark: r.highWatermark,
            logStartOffset: r.logStartOffset,
            records: r.records,
          };
          if (r.divergingEpoch) out.divergingEpoch = r.divergingEpoch;
          return out;
        } catch (err) {
          const out = partitionError(p, calls.partitionFailure(err, { topic: p.topic, partition: p.partition, correlationId: request.correlationId }, 'replica fetch'));
          // Out of range: the follower needs the leader's log start to know whether to restart there.
          const partition = deps.partitions.get(p.topic, p.partition);
          if (partition && out.errorCode === errorCode('OFFSET_OUT_OF_RANGE')) out.logStartOffset = partition.log.logStartOffset;
          return out;
        }
      }),
    );
    return { partitions, bytes };
  }

  const ReplicaFetch: grpc.handleBidiStreamingCall<pb.ReplicaFetchRequest__Output, pb.ReplicaFetchResponse> = (call) => {
    try {
      deps.access?.cluster(call, 'CLUSTER_ACTION', 'replica fetching');
    } catch (err) {
      call.emit('error', toServiceError(err));
      return;
    }
    const calls = new CallLog(deps.logger, call);
    let pending: DelayedFetch | null = null;
    let closed = false;
    const answer = (response: pb.ReplicaFetchResponse): void => {
      // Followers fetch all the time: only answers with failures are worth a debug line.
      if (calls.debug) {
        const failed = (response.partitions ?? []).filter((p) => p.errorCode).map((p) => `${p.topic}-${p.partition}: ${errorName(p.errorCode ?? 0)}`);
        if (response.errorCode || failed.length > 0) calls.log.debug({ correlationId: response.correlationId, errorCode: response.errorCode, failed }, 'replica fetch answered with failures');
      }
      if (!closed) call.write(response);
    };
    const failed = (err: unknown): void => {
      calls.log.error({ err }, 'replica fetch failed unexpectedly');
      call.emit('error', toServiceError(err));
    };
    call.on('data', (request: pb.ReplicaFetchRequest__Output) => {
      // One fetch in flight per stream: a new request supersedes a waiting one.
      pending?.cancel();
      pending = null;
      if (request.partitions.length > MAX_PARTITIONS_PER_FETCH) {
        answer({ correlationId: request.correlationId, errorCode: errorCode('INVALID_REQUEST'), errorMessage: `a replica fetch may name at most ${MAX_PARTITIONS_PER_FETCH} partitions` });
        return;
      }
      if (!deps.isCurrentBrokerEpoch(request.replicaId, request.brokerEpoch)) {
        answer({ correlationId: request.correlationId, errorCode: errorCode('STALE_BROKER_EPOCH'), errorMessage: `broker ${request.replicaId} epoch ${request.brokerEpoch} is not its current registration` });
        return;
      }
      void readAll(request, calls).then(({ partitions, bytes }) => {
        const anyError = partitions.some((p) => p.errorCode !== 0 || p.divergingEpoch);
        if (closed || bytes >= Math.max(request.minBytes, 1) || anyError || request.maxWaitMs <= 0) {
          answer({ correlationId: request.correlationId, errorCode: 0, partitions });
          return;
        }
        const available = (): number =>
          request.partitions.reduce((sum, p) => sum + (deps.partitions.get(p.topic, p.partition)?.replicaBytesAvailable(p.fetchOffset) ?? 0), 0);
        const op = new DelayedFetch(
          deps.now() + request.maxWaitMs,
          Math.max(request.minBytes, 1),
          available,
          (reason) => {
            if (reason === 'cancelled') return;
            void readAll(request, calls).then(
              (again) => answer({ correlationId: request.correlationId, errorCode: 0, partitions: again.partitions }),
              failed,
            );
          },
          deps.fetchQueue,
        );
        pending = op;
        for (const p of request.partitions) {
          const partition = deps.partitions.get(p.topic, p.partition);
          if (partition) op.watch(partition.replicaWaiters);
        }
        deps.fetchQueue.add(op);
        op.wake();
      }, failed);
    });
    const close = (): void => {
      closed = true;
      pending?.cancel();
      pending = null;
    };
    call.on('end', () => {
      close();
      call.end();
    });
    call.on('cancelled', close);
    call.on('error', close);
  };

  const OffsetsForLeaderEpoch = unaryHandler<pb.OffsetsForLeaderEpochRequest__Output, pb.OffsetsForLeaderEpochResponse>(async (request, call) => {
    deps.access?.cluster(call, 'CLUSTER_ACTION', 'OffsetsForLeaderEpoch');
    return {
      partitions: request.partitions.map((p) => {
        try {
          const partition = deps.partitions.require(p.topic, p.partition);
          if (!partition.isLeader) throw partition.notLeader();
          if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch !== partition.leaderEpoch) {
            throw new RunnelError(
              p.currentLeaderEpoch < partition.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH',
              `OffsetsForLeaderEpoch on ${partition.key} at epoch ${p.currentLeaderEpoch}; this broker is at ${partition.leaderEpoch}`,
            );
          }
          const end = partition.log.endOffsetForEpoch(p.leaderEpoch);
          return { topic: p.topic, partition: p.partition, errorCode: 0, leaderEpoch: end.epoch, endOffset: end.endOffset };
        } catch (err) {
          const e = new CallLog(deps.logger, call).partitionFailure(err, { topic: p.topic, partition: p.partition }, 'OffsetsForLeaderEpoch');
          return { topic: p.topic, partition: p.partition, errorCode: e.code, errorMessage: e.message, leaderEpoch: -1, endOffset: -1 };
        }
      }),
    };
  });

  return { ReplicaFetch, OffsetsForLeaderEpoch };
}
