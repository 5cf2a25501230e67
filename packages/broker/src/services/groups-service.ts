import type * as grpc from '@grpc/grpc-js';
import { RunnelError, callHost, callRequester, clientIdOf, unaryHandler, type HandlersOf, type IncomingCall, type pb } from '@runnel/protocol';
import { CLUSTER_RESOURCE_NAME, type AclOperation, type RequestAccess } from '@runnel/controller';
import type { GroupCoordinator } from '../group/group-coordinator.js';
import type { ClientInfo } from '../group/group-state-machine.js';

export interface GroupsServiceDeps {
  coordinator: GroupCoordinator;
  brokerId: number;
  access: RequestAccess;
}

function codes(e: RunnelError): { errorCode: number; errorMessage: string } {
  return { errorCode: e.code, errorMessage: e.message };
}

/** client.id from the `client-id` request header when the client sends one; the host from the peer address. */
function clientInfo(call: grpc.ServerUnaryCall<unknown, unknown>): ClientInfo {
  return { clientId: clientIdOf(call), clientHost: `/${callHost(call)}` };
}

function commitErrors(topics: { name: string; partitions: number[] }[], e: RunnelError): pb.OffsetCommitTopicResponse[] {
  return topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p, errorCode: e.code, errorMessage: e.message })) }));
}

/** Splits topics into those `allowed` and those refused, with the refusal answered per partition. */
function splitTopics<T extends { name: string }>(
  topics: T[],
  refused: (topic: string) => RunnelError | null,
  partitionsOf: (t: T) => number[],
): { allowed: T[]; denied: pb.OffsetCommitTopicResponse[] } {
  const allowed: T[] = [];
  const denied: pb.OffsetCommitTopicResponse[] = [];
  for (const t of topics) {
    const e = refused(t.name);
    if (e) denied.push(...commitErrors([{ name: t.name, partitions: partitionsOf(t) }], e));
    else allowed.push(t);
  }
  return { allowed, denied };
}

/**
 * The Groups service: each group request goes to the state machine of the group's
 * __consumer_offsets partition when this broker coordinates it, else it is answered
 * NOT_COORDINATOR (or COORDINATOR_LOAD_IN_PROGRESS while the partition loads).
 *
 * Authorization is Kafka's: finding and describing a group needs DESCRIBE on it, joining and
 * committing READ, deleting DELETE; committed offsets of a topic need READ on the topic to commit
 * or delete and DESCRIBE to fetch; listing groups shows those the caller may describe (all of them
 * with DESCRIBE on the cluster). A refused group answers GROUP_AUTHORIZATION_FAILED whether or not
 * it exists.
 */
export function groupsHandlers(deps: GroupsServiceDeps): HandlersOf<'Groups'> {
  const c = deps.coordinator;
  const { access } = deps;
  const groupError = (call: IncomingCall, operation: AclOperation, group: string): RunnelError | null =>
    access.groupError(callRequester(call), operation, group);
  return {
    FindCoordinator: unaryHandler<pb.FindCoordinatorRequest__Output, pb.FindCoordinatorResponse>(async (req, call) => ({
      coordinators: req.keys.map((key): pb.Coordinator => {
        if (req.keyType !== 0) return { key, ...codes(new RunnelError('INVALID_REQUEST', 'only group coordinators (key_type 0) exist; transactions are not supported')) };
        if (!key) return { key, ...codes(new RunnelError('INVALID_GROUP_ID', 'the group id must not be empty')) };
        const denied = groupError(call, 'DESCRIBE', key);
        if (denied) return { key, ...codes(denied) };
        return c.findCoordinator(key);
      }),
    })),

    JoinGroup: unaryHandler<pb.JoinGroupRequest__Output, pb.JoinGroupResponse>((req, call) => {
      const m = groupError(call, 'READ', req.groupId) ?? c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve({ ...codes(m), generationId: -1, memberId: req.memberId, members: [] });
      return new Promise((resolve) => m.joinGroup(req, clientInfo(call), resolve));
    }),

    SyncGroup: unaryHandler<pb.SyncGroupRequest__Output, pb.SyncGroupResponse>((req, call) => {
      const m = groupError(call, 'READ', req.groupId) ?? c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve(codes(m));
      return new Promise((resolve) => m.syncGroup(req, resolve));
    }),

    Heartbeat: unaryHandler<pb.HeartbeatRequest__Output, pb.HeartbeatResponse>(async (req, call) => {
      const m = groupError(call, 'READ', req.groupId) ?? c.route(req.groupId);
      return m instanceof RunnelError ? codes(m) : m.heartbeat(req);
    }),

    LeaveGroup: unaryHandler<pb.LeaveGroupRequest__Output, pb.LeaveGroupResponse>(async (req, call) => {
      const m = groupError(call, 'READ', req.groupId) ?? c.route(req.groupId);
      return m instanceof RunnelError ? { ...codes(m), members: [] } : m.leaveGroup(req);
    }),

    OffsetCommit: unaryHandler<pb.OffsetCommitRequest__Output, pb.OffsetCommitResponse>((req, call) => {
      const m = groupError(call, 'READ', req.groupId) ?? c.route(req.groupId);
      if (m instanceof RunnelError) {
        return Promise.resolve({ errorCode: 0, errorMessage: '', topics: commitErrors(req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) })), m) });
      }
      const { allowed, denied } = splitTopics(req.topics, access.topics(callRequester(call), 'READ'), (t) => t.partitions.map((p) => p.partition));
      if (denied.length === 0) return new Promise((resolve) => m.commitOffsets(req, resolve));
      if (allowed.length === 0) return Promise.resolve({ errorCode: 0, errorMessage: '', topics: denied });
      return new Promise((resolve) => m.commitOffsets({ ...req, topics: allowed }, (r) => resolve({ ...r, topics: [...(r.topics ?? []), ...denied] })));
    }),

    OffsetFetch: unaryHandler<pb.OffsetFetchRequest__Output, pb.OffsetFetchResponse>(async (req, call) => {
      const m = groupError(call, 'DESCRIBE', req.groupId) ?? c.route(req.groupId);
      if (m instanceof RunnelError) return { ...codes(m), topics: [] };
      const refused = access.topics(callRequester(call), 'DESCRIBE');
      if (req.topics.length === 0) {
        // Every committed topic: only those the caller may describe.
        const all = m.fetchOffsets(req);
        return { ...all, topics: (all.topics ?? []).filter((t) => refused(t.name ?? '') === null) };
      }
      const { allowed, denied } = splitTopics(req.topics, refused, (t) => t.partitions);
      const fetched = allowed.length === 0 ? { errorCode: 0, errorMessage: '', topics: [] } : m.fetchOffsets({ ...req, topics: allowed });
      const refusedTopics = denied.map((t) => ({
        name: t.name,
        partitions: (t.partitions ?? []).map((p) => ({ partition: p.partition, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: p.errorCode })),
      }));
      return { ...fetched, topics: [...(fetched.topics ?? []), ...refusedTopics] };
    }),

    ListGroups: unaryHandler<pb.ListGroupsRequest__Output, pb.ListGroupsResponse>(async (req, call) => {
      const states = new Set(req.statesFilter.map((s) => s.toLowerCase()));
      const who = callRequester(call);
      const all = access.may(who, 'DESCRIBE', 'CLUSTER', CLUSTER_RESOURCE_NAME);
      const groups = c.machines.flatMap((m) => m.listGroups(states)).filter((g) => all || access.may(who, 'DESCRIBE', 'GROUP', g.groupId ?? ''));
      // Kafka answers what it has and flags that some partitions are still loading.
      return { errorCode: c.isLoading ? new RunnelError('COORDINATOR_LOAD_IN_PROGRESS').code : 0, groups };
    }),

    DescribeGroups: unaryHandler<pb.DescribeGroupsRequest__Output, pb.DescribeGroupsResponse>(async (req, call) => ({
      groups: req.groups.map((groupId): pb.DescribedGroup => {
        const m = groupError(call, 'DESCRIBE', groupId) ?? c.route(groupId);
        if (m instanceof RunnelError) return { ...codes(m), groupId, groupState: '', members: [], generationId: -1, coordinatorId: deps.brokerId };
        return m.describeGroup(groupId, deps.brokerId);
      }),
    })),

    DeleteGroups: unaryHandler<pb.DeleteGroupsRequest__Output, pb.DeleteGroupsResponse>(async (req, call) => ({
      results: await Promise.all(
        [...new Set(req.groups)].map(async (groupId): Promise<pb.GroupError> => {
          const m = groupError(call, 'DELETE', groupId) ?? c.route(groupId);
          const e = m instanceof RunnelError ? m : await new Promise<RunnelError | null>((resolve) => m.deleteGroup(groupId, resolve));
          return e ? { groupId, ...codes(e) } : { groupId, errorCode: 0, errorMessage: '' };
        }),
      ),
    })),

    DeleteOffsets: unaryHandler<pb.DeleteOffsetsRequest__Output, pb.DeleteOffsetsResponse>((req, call) => {
      const m = groupError(call, 'DELETE', req.groupId) ?? c.route(req.groupId);
      if (m instanceof RunnelError) return Promise.resolve({ ...codes(m), topics: [] });
      const { allowed, denied } = splitTopics(req.topics, access.topics(callRequester(call), 'READ'), (t) => t.partitions);
      if (denied.length === 0) return new Promise((resolve) => m.deleteOffsets(req, resolve));
      if (allowed.length === 0) return Promise.resolve({ errorCode: 0, errorMessage: '', topics: denied });
      return new Promise((resolve) => m.deleteOffsets({ ...req, topics: allowed }, (r) => resolve({ ...r, topics: [...(r.topics ?? []), ...denied] })));
    }),
  };
}
