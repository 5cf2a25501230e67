import type { Logger } from 'pino';
import { RunnelError, callRequester, unaryHandler, type pb } from '@runnel/protocol';
import type { RequestAccess } from '@runnel/controller';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '@runnel/storage';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import { CallLog } from './call-log.js';

/**
 * ListOffsets from the partition leader: earliest (-2) is the log start, latest (-1) the high
 * watermark (what a consumer can read), max timestamp (-3) the record with the largest time, any
 * other value the first record at or after that time — never an offset above the high watermark.
 */
export function listOffsetsHandler(deps: { partitions: PartitionRegistry; topicExists: (t: string) => boolean; logger: Logger; access?: RequestAccess }) {
  return unaryHandler<pb.ListOffsetsRequest__Output, pb.ListOffsetsResponse>(async (request, call) => {
    const refused = deps.access?.topics(callRequester(call), 'DESCRIBE') ?? (() => null);
    const calls = new CallLog(deps.logger, call);
    return {
      topics: await Promise.all(
        request.topics.map(async (t) => ({
          name: t.name,
          partitions: await Promise.all(
            t.partitions.map(async (p): Promise<pb.ListOffsetsPartitionResponse> => {
              try {
                const denied = refused(t.name);
                if (denied) throw denied;
                const partition = deps.partitions.get(t.name, p.partition);
                if (!partition || !partition.isLeader) {
                  throw partition
                    ? partition.notLeader()
                    : deps.topicExists(t.name)
                      ? new RunnelError('NOT_LEADER_OR_FOLLOWER', `this broker does not lead ${t.name}-${p.partition}`)
                      : new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${t.name}' partition ${p.partition} does not exist`);
                }
                if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch !== partition.leaderEpoch) {
                  throw new RunnelError(p.currentLeaderEpoch < partition.leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH', `ListOffsets on ${partition.key} at epoch ${p.currentLeaderEpoch}; the leader is at ${partition.leaderEpoch}`);
                }
                const hw = partition.highWatermark;
                if (p.timestamp === LATEST_TIMESTAMP) return { partition: p.partition, errorCode: 0, timestamp: -1, offset: hw, leaderEpoch: partition.leaderEpoch };
                if (p.timestamp === EARLIEST_TIMESTAMP) return { partition: p.partition, errorCode: 0, timestamp: -1, offset: partition.log.logStartOffset, leaderEpoch: partition.leaderEpoch };
                if (p.timestamp < EARLIEST_TIMESTAMP - 1) throw new RunnelError('INVALID_REQUEST', `timestamp ${p.timestamp} is not a time, -1 (latest), -2 (earliest) or -3 (max timestamp)`);
                const found = await partition.log.offsetForTimestamp(p.timestamp);
                if (!found || found.offset >= hw) return { partition: p.partition, errorCode: 0, timestamp: -1, offset: -1, leaderEpoch: partition.leaderEpoch };
                return { partition: p.partition, errorCode: 0, timestamp: found.timestamp, offset: found.offset, leaderEpoch: partition.leaderEpoch };
              } catch (err) {
                const e = calls.partitionFailure(err, { topic: t.name, partition: p.partition }, 'ListOffsets');
                return { partition: p.partition, errorCode: e.code, errorMessage: e.message, timestamp: -1, offset: -1, leaderEpoch: -1 };
              }
            }),
          ),
        })),
      ),
    };
  });
}
