import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import {
  RunnelError, addService, bindServer, createServer, encodeAssignment, encodeSubscription, errorCode, shutdownServer,
  unaryHandler, type ErrorName, type HandlersOf, type pb,
} from '@runnel/protocol';
import { Admin } from '../src/index.js';

/**
 * Two brokers whose Groups service answers from a table the test sets: which broker
 * coordinates each group, the groups each lists, and scripted per-call answers. What the admin
 * client sends is recorded, so the tests check both directions of the wire.
 */
class FakeGroupsCluster {
  readonly servers = new Map<number, { server: grpc.Server; port: number }>();
  /** group id -> coordinating broker id */
  readonly coordinators = new Map<string, number>();
  /** broker id -> the groups it lists */
  readonly listed = new Map<number, pb.ListedGroup[]>();
  readonly described = new Map<string, pb.DescribedGroup>();
  /** Errors DescribeGroups/DeleteGroups give for a group before answering for real (one per call). */
  readonly itemErrors = new Map<string, ErrorName[]>();
  readonly deleteErrors = new Map<string, ErrorName>();
  readonly commits: { broker: number; request: pb.OffsetCommitRequest__Output }[] = [];
  readonly deletedOffsets: pb.DeleteOffsetsRequest__Output[] = [];
  offsetFetch: (r: pb.OffsetFetchRequest__Output) => pb.OffsetFetchResponse = () => ({ errorCode: 0, topics: [] });
  commitAnswer: (r: pb.OffsetCommitRequest__Output) => pb.OffsetCommitResponse = (r) => ({
    errorCode: 0,
    topics: r.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: 0 })) })),
  });
  readonly deletedGroups: { broker: number; group: string }[] = [];

  static async start(ids: number[]): Promise<FakeGroupsCluster> {
    const c = new FakeGroupsCluster();
    for (const id of ids) {
      const server = createServer();
      addService(server, 'Broker', c.brokerHandlers());
      addService(server, 'Groups', c.groupsHandlers(id));
      const port = await bindServer(server, '127.0.0.1:0');
      c.servers.set(id, { server, port });
    }
    return c;
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.servers.get(1)!.port}`;
  }

  private node(id: number): pb.BrokerNode {
    return { nodeId: id, host: '127.0.0.1', port: this.servers.get(id)!.port, rack: '' };
  }

  private brokerHandlers(): HandlersOf<'Broker'> {
    const refuse = unaryHandler(async () => {
      throw new RunnelError('INVALID_REQUEST', 'not served by this fake');
    });
    return {
      Metadata: unaryHandler(async () => ({ clusterId: 'fake', controllerId: 1, brokers: [...this.servers.keys()].map((id) => this.node(id)), topics: [] })),
      ListOffsets: refuse,
      InitProducerId: refuse,
      Produce: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.end(),
      Fetch: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.end(),
    } as unknown as HandlersOf<'Broker'>;
  }

  /** The next scripted error of `group`, or NONE; a group coordinated elsewhere is NOT_COORDINATOR. */
  private itemError(broker: number, group: string): number {
    const scripted = this.itemErrors.get(group)?.shift();
    if (scripted) return errorCode(scripted);
    return this.coordinators.get(group) === broker ? 0 : errorCode('NOT_COORDINATOR');
  }

  private groupsHandlers(broker: number): HandlersOf<'Groups'> {
    const refuse = unaryHandler(async () => {
      throw new RunnelError('INVALID_REQUEST', 'not served by this fake');
    });
    const coordinatorOnly = (group: string): void => {
      if (this.coordinators.get(group) !== broker) throw new RunnelError('NOT_COORDINATOR', `broker ${broker} does not coordinate ${group}`);
    };
    return {
      FindCoordinator: unaryHandler(async (r: pb.FindCoordinatorRequest__Output) => ({
        coordinators: r.keys.map((key) => {
          const id = this.coordinators.get(key);
          return id === undefined ? { key, errorCode: errorCode('COORDINATOR_NOT_AVAILABLE') } : { key, errorCode: 0, node: this.node(id) };
        }),
      })),
      ListGroups: unaryHandler(async (r: pb.ListGroupsRequest__Output) => ({
        errorCode: 0,
        groups: (this.listed.get(broker) ?? []).filter((g) => r.statesFilter.length === 0 || r.statesFilter.includes(g.groupState!)),
      })),
      DescribeGroups: unaryHandler(async (r: pb.DescribeGroupsRequest__Output) => ({
        groups: r.groups.map((g) => {
          const error = this.itemError(broker, g);
          if (error !== 0) return { groupId: g, errorCode: error };
          return this.described.get(g) ?? { groupId: g, errorCode: 0, groupState: 'Dead', coordinatorId: broker };
        }),
      })),
      DeleteGroups: unaryHandler(async (r: pb.DeleteGroupsRequest__Output) => ({
        results: r.groups.map((g) => {
          const error = this.itemError(broker, g);
          if (error !== 0) return { groupId: g, errorCode: error };
          const refused = this.deleteErrors.get(g);
          if (refused) return { groupId: g, errorCode: errorCode(refused), errorMessage: `group '${g}' refused` };
          this.deletedGroups.push({ broker, group: g });
          return { groupId: g, errorCode: 0 };
        }),
      })),
      OffsetFetch: unaryHandler(async (r: pb.OffsetFetchRequest__Output) => {
        coordinatorOnly(r.groupId);
        return this.offsetFetch(r);
      }),
      OffsetCommit: unaryHandler(async (r: pb.OffsetCommitRequest__Output) => {
        coordinatorOnly(r.groupId);
        this.commits.push({ broker, request: r });
        return this.commitAnswer(r);
      }),
      DeleteOffsets: unaryHandler(async (r: pb.DeleteOffsetsRequest__Output) => {
        coordinatorOnly(r.groupId);
        this.deletedOffsets.push(r);
        return {
          errorCode: 0,
          topics: r.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partition: p, errorCode: t.name === 'subscribed' ? errorCode('GROUP_SUBSCRIBED_TO_TOPIC') : 0 })),
          })),
        };
      }),
      JoinGroup: refuse,
      SyncGroup: refuse,
      Heartbeat: refuse,
      LeaveGroup: refuse,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => shutdownServer(s.server, 100)));
  }
}

describe('Admin consumer-group calls', () => {
  let fake: FakeGroupsCluster;
  let admin: Admin;

  beforeEach(async () => {
    fake = await FakeGroupsCluster.start([1, 2]);
    admin = new Admin({ bootstrap: fake.bootstrap, retryBackoffMs: 10, requestTimeoutMs: 3_000 });
  });
  afterEach(async () => {
    await admin.close();
    await fake.close();
  });

  it('lists the groups of every broker, merged and sorted, passing the state filter on', async () => {
    fake.listed.set(1, [{ groupId: 'payments', protocolType: 'consumer', groupState: 'Stable' }, { groupId: 'audit', protocolType: 'consumer', groupState: 'Empty' }]);
    fake.listed.set(2, [{ groupId: 'connect-sink', protocolType: 'connect', groupState: 'Stable' }]);
    expect(await admin.listGroups()).toEqual([
      { groupId: 'audit', protocolType: 'consumer', state: 'Empty' },
      { groupId: 'connect-sink', protocolType: 'connect', state: 'Stable' },
      { groupId: 'payments', protocolType: 'consumer', state: 'Stable' },
    ]);
    expect((await admin.listGroups({ states: ['Stable'] })).map((g) => g.groupId)).toEqual(['connect-sink', 'payments']);
  });

  it('describes a group on its coordinator, with assignments decoded, after the coordinator moved', async () => {
    fake.coordinators.set('g', 2);
    fake.described.set('g', {
      groupId: 'g', errorCode: 0, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range', generationId: 7, coordinatorId: 2,
      members: [
        {
          memberId: 'm-1', groupInstanceId: '', clientId: 'app', clientHost: '/10.0.0.5',
          memberMetadata: encodeSubscription({ topics: ['orders', 'refunds'] }),
          memberAssignment: encodeAssignment({ partitions: [{ topic: 'orders', partitions: [0, 2] }, { topic: 'refunds', partitions: [1] }], userData: null }),
        },
        { memberId: 'm-2', groupInstanceId: 'pod-2', clientId: 'app', clientHost: '/10.0.0.6', memberMetadata: encodeSubscription({ topics: ['orders'] }), memberAssignment: Buffer.alloc(0) },
      ],
    });
    // The first answer says the coordinator moved: the client must find it again and retry.
    fake.itemErrors.set('g', ['NOT_COORDINATOR']);
    const [d] = await admin.describeGroups(['g']);
    expect(d).toEqual({
      groupId: 'g', state: 'Stable', protocolType: 'consumer', assignor: 'range', generationId: 7,
      coordinator: { nodeId: 2, host: '127.0.0.1', port: fake.servers.get(2)!.port, rack: '' },
      members: [
        { memberId: 'm-1', groupInstanceId: null, clientId: 'app', host: '/10.0.0.5', subscribedTopics: ['orders', 'refunds'], assignment: [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }, { topic: 'refunds', partition: 1 }] },
        { memberId: 'm-2', groupInstanceId: 'pod-2', clientId: 'app', host: '/10.0.0.6', subscribedTopics: ['orders'], assignment: [] },
      ],
    });
    expect(fake.itemErrors.get('g')).toEqual([]);
  });

  it('reports a group error by its Kafka name, naming the group', async () => {
    fake.coordinators.set('g', 1);
    fake.itemErrors.set('g', ['GROUP_AUTHORIZATION_FAILED']);
    await expect(admin.describeGroups(['g'])).rejects.toMatchObject({ errorName: 'GROUP_AUTHORIZATION_FAILED', details: { resource: 'g' } });
    await expect(admin.describeGroups([''])).rejects.toMatchObject({ errorName: 'INVALID_GROUP_ID' });
  });

  it('fetches committed offsets, of some partitions or all', async () => {
    fake.coordinators.set('g', 2);
    const asked: pb.OffsetFetchRequest__Output[] = [];
    fake.offsetFetch = (r) => {
      asked.push(r);
      return {
        errorCode: 0,
        topics: [
          { name: 'orders', partitions: [{ partition: 1, committedOffset: 40, committedLeaderEpoch: 3, metadata: 'm', errorCode: 0 }, { partition: 0, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 }] },
          { name: 'audit', partitions: [{ partition: 0, committedOffset: 5, committedLeaderEpoch: -1, metadata: '', errorCode: 0 }] },
        ],
      };
    };
    expect(await admin.listGroupOffsets('g', [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 1 }, { topic: 'audit', partition: 0 }])).toEqual([
      { topic: 'audit', partition: 0, offset: 5, leaderEpoch: -1, metadata: '' },
      { topic: 'orders', partition: 0, offset: -1, leaderEpoch: -1, metadata: '' },
      { topic: 'orders', partition: 1, offset: 40, leaderEpoch: 3, metadata: 'm' },
    ]);
    expect(asked[0]!.topics).toEqual([{ name: 'orders', partitions: [0, 1] }, { name: 'audit', partitions: [0] }]);
    await admin.listGroupOffsets('g');
    expect(asked[1]!.topics).toEqual([]);

    fake.offsetFetch = () => ({ errorCode: errorCode('GROUP_AUTHORIZATION_FAILED'), topics: [] });
    await expect(admin.listGroupOffsets('g')).rejects.toMatchObject({ errorName: 'GROUP_AUTHORIZATION_FAILED' });
  });

  it('alters offsets with a simple commit and reports refused partitions', async () => {
    fake.coordinators.set('g', 1);
    await admin.alterGroupOffsets('g', [{ topic: 'orders', partition: 0, offset: 12 }, { topic: 'orders', partition: 2, offset: 0, leaderEpoch: 4, metadata: 'reset' }]);
    expect(fake.commits).toHaveLength(1);
    expect(fake.commits[0]!.request).toMatchObject({
      groupId: 'g', generationId: -1, memberId: '', groupInstanceId: '',
      topics: [{ name: 'orders', partitions: [{ partition: 0, committedOffset: 12, committedLeaderEpoch: -1, committedMetadata: '' }, { partition: 2, committedOffset: 0, committedLeaderEpoch: 4, committedMetadata: 'reset' }] }],
    });

    // A group with live members refuses a simple commit per partition.
    fake.commitAnswer = (r) => ({
      errorCode: 0,
      topics: r.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: errorCode('UNKNOWN_MEMBER_ID') })) })),
    });
    await expect(admin.alterGroupOffsets('g', [{ topic: 'orders', partition: 0, offset: 1 }])).rejects.toMatchObject({ errorName: 'UNKNOWN_MEMBER_ID', details: { resource: 'orders-0' } });

    // A bad offset is refused before anything is sent.
    const before = fake.commits.length;
    await expect(admin.alterGroupOffsets('g', [{ topic: 'orders', partition: 0, offset: -5 }])).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
    expect(fake.commits.length).toBe(before);
  });

  it('deletes groups on their own coordinators and names the ones refused', async () => {
    fake.coordinators.set('a', 1);
    fake.coordinators.set('b', 2);
    fake.coordinators.set('busy', 2);
    fake.deleteErrors.set('busy', 'NON_EMPTY_GROUP');
    const err = await admin.deleteGroups(['a', 'busy', 'b']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunnelError);
    expect(err).toMatchObject({ errorName: 'NON_EMPTY_GROUP', details: { failed: 'busy' } });
    expect((err as Error).message).toMatch(/busy/);
    expect(fake.deletedGroups.sort((x, y) => x.group.localeCompare(y.group))).toEqual([{ broker: 1, group: 'a' }, { broker: 2, group: 'b' }]);
  });

  it('deletes committed offsets and reports partitions of subscribed topics', async () => {
    fake.coordinators.set('g', 2);
    await admin.deleteGroupOffsets('g', [{ topic: 'old', partition: 0 }, { topic: 'old', partition: 1 }]);
    expect(fake.deletedOffsets[0]).toMatchObject({ groupId: 'g', topics: [{ name: 'old', partitions: [0, 1] }] });
    await expect(admin.deleteGroupOffsets('g', [{ topic: 'subscribed', partition: 3 }])).rejects.toMatchObject({ errorName: 'GROUP_SUBSCRIBED_TO_TOPIC', details: { resource: 'subscribed-3' } });
  });
});
