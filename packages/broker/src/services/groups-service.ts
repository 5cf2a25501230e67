import type * as grpc from '@grpc/grpc-js';
import { RunnelError, clientIdOf, unaryHandler, type HandlersOf, type pb } from '@runnel/protocol';
import type { GroupCoordinator } from '../group/group-coordinator.js';
import type { ClientInfo } from '../group/group-state-machine.js';

export interface GroupsServiceDeps {
  coordinator: GroupCoordinator;
  brokerId: number;
}

function codes(e: RunnelError): { errorCode: number; errorMessage: string } {
  return { errorCode: e.code, errorMessage: e.message };
}

/** client.id from the `client-id` request header when the client sends one; the host from the peer address. */
function clientInfo(call: grpc.ServerUnaryCall<unknown, unknown>): ClientInfo {
  const peer = call.getPeer();
  const host = peer.replace(/^ipv[46]:/, '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return { clientId: clientIdOf(call), clientHost: `/${host}` };
}

function commitErrors(topics: { name: string; partitions: number[] }[], e: RunnelError): pb.OffsetCommitTopicResponse[] {
  return topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p, errorCode: e.code, errorMessage: e.message })) }));
}

/**
 * The Groups service: each group request goes to the state machine of the group's
 * __consumer_offsets partition when this broker coordinates it, else it is answered
 * NOT_COORDINATOR (or COORDINATOR_LOAD_IN_PROGRESS while the partition loads).
 */
export function groupsHandlers(deps: GroupsServiceDeps): HandlersOf<'Groups'> {
  const c = deps.coordinator;
  return {
    FindCoordinator: unaryHandler<pb.FindCoordinatorRequest__Output, pb.FindCoordinatorResponse>(async (req) => ({
      coordinators: req.keys.map((key): pb.Coordinator => {
        if (req.keyType !== 0) return { key, ...codes(new RunnelError('INVALID_REQUEST', 'only group coordinators (key_type 0) exist; transactions are not supported')) };
        if (!key) return { key, ...codes(new RunnelError('INVALID_GROUP_ID', 'the group id must not be empty')) };
        return c.findCoordinator(key);
      }),
    })),

    JoinGroup: unaryHandler<pb.JoinGroupRequest__Output, pb.JoinGroupResponse>((req, call) => {
      const m = c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve({ ...codes(m), generationId: -1, memberId: req.memberId, members: [] });
      return new Promise((resolve) => m.joinGroup(req, clientInfo(call), resolve));
    }),

    SyncGroup: unaryHandler<pb.SyncGroupRequest__Output, pb.SyncGroupResponse>((req) => {
      const m = c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve(codes(m));
      return new Promise((resolve) => m.syncGroup(req, resolve));
    }),

    Heartbeat: unaryHandler<pb.HeartbeatRequest__Output, pb.HeartbeatResponse>(async (req) => {
      const m = c.route(req.groupId);
      return m instanceof RunnelError ? codes(m) : m.heartbeat(req);
    }),

    LeaveGroup: unaryHandler<pb.LeaveGroupRequest__Output, pb.LeaveGroupResponse>(async (req) => {
      const m = c.route(req.groupId);
      return m instanceof RunnelError ? { ...codes(m), members: [] } : m.leaveGroup(req);
    }),

    OffsetCommit: unaryHandler<pb.OffsetCommitRequest__Output, pb.OffsetCommitResponse>((req) => {
      const m = c.route(req.groupId);
      if (m instanceof RunnelError) {
        return Promise.resolve({ errorCode: 0, errorMessage: '', topics: commitErrors(req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) })), m) });
      }
      return new Promise((resolve) => m.commitOffsets(req, resolve));
    }),

    OffsetFetch: unaryHandler<pb.OffsetFetchRequest__Output, pb.OffsetFetchResponse>(async (req) => {
      const m = c.route(req.groupId);
      return m instanceof RunnelError ? { ...codes(m), topics: [] } : m.fetchOffsets(req);
    }),

    ListGroups: unaryHandler<pb.ListGroupsRequest__Output, pb.ListGroupsResponse>(async (req) => {
      const states = new Set(req.statesFilter.map((s) => s.toLowerCase()));
      const groups = c.machines.flatMap((m) => m.listGroups(states));
      // Kafka answers what it has and flags that some partitions are still loading.
      return { errorCode: c.isLoading ? new RunnelError('COORDINATOR_LOAD_IN_PROGRESS').code : 0, groups };
    }),

    DescribeGroups: unaryHandler<pb.DescribeGroupsRequest__Output, pb.DescribeGroupsResponse>(async (req) => ({
      groups: req.groups.map((groupId): pb.DescribedGroup => {
        const m = c.route(groupId);
        if (m instanceof RunnelError) return { ...codes(m), groupId, groupState: '', members: [], generationId: -1, coordinatorId: deps.brokerId };
        return m.describeGroup(groupId, deps.brokerId);
      }),
    })),

    DeleteGroups: unaryHandler<pb.DeleteGroupsRequest__Output, pb.DeleteGroupsResponse>(async (req) => ({
      results: await Promise.all(
        [...new Set(req.groups)].map(async (groupId): Promise<pb.GroupError> => {
          const m = c.route(groupId);
          const e = m instanceof RunnelError ? m : await new Promise<RunnelError | null>((resolve) => m.deleteGroup(groupId, resolve));
          return e ? { groupId, ...codes(e) } : { groupId, errorCode: 0, errorMessage: '' };
        }),
      ),
    })),

    DeleteOffsets: unaryHandler<pb.DeleteOffsetsRequest__Output, pb.DeleteOffsetsResponse>((req) => {
      const m = c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve({ ...codes(m), topics: [] });
      return new Promise((resolve) => m.deleteOffsets(req, resolve));
    }),
  };
}
