import type * as grpc from '@grpc/grpc-js';
import {
  bindServer,
  callUnary,
  createClient,
  createServer,
  errorCode,
  shutdownServer,
  type ClientOf,
} from '@runnel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addControllerService } from '../src/quorum/controller-service.js';
import { TOPIC_CONFIGS } from '../src/topic-config.js';
import { uuidToBytes } from '../src/uuid.js';
import { TEST_BROKER_CONFIGS } from './helpers.js';
import { Quorum, type Member } from './quorum-cluster.js';

let q: Quorum;
const servers: grpc.Server[] = [];
const clients = new Map<number, ClientOf<'Controller'>>();
let active: Member;
let client: ClientOf<'Controller'>;
const epochs = new Map<number, number>();

type Method<Req, Res> = (c: ClientOf<'Controller'>) => (req: Req, cb: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;
function call<Req, Res>(c: ClientOf<'Controller'>, method: Method<Req, Res>, req: Req): Promise<Res> {
  return callUnary(method(c).bind(c), req, { timeoutMs: 10_000 });
}

beforeAll(async () => {
  q = await Quorum.start({ numPartitions: 2, defaultReplicationFactor: 2, brokerSessionTimeoutMs: 60_000 });
  for (const [id, m] of q.members) {
    const server = createServer();
    addControllerService(server, m.controller, { clusterId: 'test-cluster', brokerConfigs: TEST_BROKER_CONFIGS });
    const port = await bindServer(server, '127.0.0.1:0');
    servers.push(server);
    clients.set(id, createClient('Controller', `127.0.0.1:${port}`));
  }
  active = await q.active();
  client = clients.get(active.id)!;
  for (const brokerId of [1, 2, 3]) {
    const reg = await call(client, (c) => c.registerBroker, {
      brokerId,
      clusterId: 'test-cluster',
      incarnationId: uuidToBytes(q.newIncarnation()),
      listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9100 + brokerId }],
      rack: '',
    });
    expect(reg.errorCode).toBe(0);
    epochs.set(brokerId, reg.brokerEpoch);
    for (let i = 0; i < 2; i++) {
      await call(client, (c) => c.brokerHeartbeat, {
        brokerId,
        brokerEpoch: reg.brokerEpoch,
        currentMetadataOffset: active.controller.appliedIndex,
        wantFence: false,
        wantShutDown: false,
      });
    }
  }
});

afterAll(async () => {
  for (const c of clients.values()) c.close();
  for (const s of servers) await shutdownServer(s, 1000);
  await q?.close();
});

describe('Controller gRPC service', () => {
  it('answers NOT_CONTROLLER on a follower with the leader in trailing metadata', async () => {
    const followerId = [...clients.keys()].find((id) => id !== active.id)!;
    const err = await call(clients.get(followerId)!, (c) => c.createTopics, { topics: [{ name: 'nope' }] }).catch((e: unknown) => e);
    const voter = q.voters.find((v) => v.id === active.id)!;
    expect(err).toMatchObject({ errorName: 'NOT_CONTROLLER', details: { 'leader-id': String(active.id), 'leader-endpoint': `${voter.host}:${voter.port}` } });
  });

  it('answers registration problems in the response', async () => {
    const wrongCluster = await call(client, (c) => c.registerBroker, {
      brokerId: 7,
      clusterId: 'other',
      incarnationId: uuidToBytes(q.newIncarnation()),
      listeners: [{ name: 'PLAINTEXT', host: 'h', port: 1 }],
    });
    expect(wrongCluster.errorCode).toBe(errorCode('INCONSISTENT_CLUSTER_ID'));
    const duplicate = await call(client, (c) => c.registerBroker, {
      brokerId: 1,
      clusterId: 'test-cluster',
      incarnationId: uuidToBytes(q.newIncarnation()),
      listeners: [{ name: 'PLAINTEXT', host: 'h', port: 1 }],
    });
    expect(duplicate.errorCode).toBe(errorCode('DUPLICATE_BROKER_REGISTRATION'));
    const stale = await call(client, (c) => c.brokerHeartbeat, { brokerId: 1, brokerEpoch: 999_999, currentMetadataOffset: 0 });
    expect(stale.errorCode).toBe(errorCode('STALE_BROKER_EPOCH'));
  });

  it('creates topics with cluster defaults, validate_only and explicit assignments', async () => {
    const dry = await call(client, (c) => c.createTopics, { topics: [{ name: 'dry', numPartitions: -1, replicationFactor: -1 }], validateOnly: true });
    expect(dry.topics[0]).toMatchObject({ name: 'dry', errorCode: 0, numPartitions: 2, replicationFactor: 2 });
    expect(active.controller.image.topicsByName.has('dry')).toBe(false);

    const res = await call(client, (c) => c.createTopics, {
      topics: [
        { name: 'defaults', numPartitions: -1, replicationFactor: -1, configs: [{ name: 'retention.ms', value: '1000' }] },
        { name: 'manual', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 1, brokerIds: [3, 1] }, { partition: 0, brokerIds: [2, 3] }] },
        { name: 'gap', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 1, brokerIds: [1] }] },
        { name: 'bad config', numPartitions: 1, replicationFactor: 1 },
        { name: 'badcfg', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: 'soon' }] },
      ],
    });
    expect(res.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['defaults', 0],
      ['manual', 0],
      ['gap', errorCode('INVALID_REPLICA_ASSIGNMENT')],
      ['bad config', errorCode('INVALID_TOPIC_EXCEPTION')],
      ['badcfg', errorCode('INVALID_CONFIG')],
    ]);
    const defaults = res.topics[0]!;
    expect(defaults.topicId).toHaveLength(16);
    expect(defaults.configs.find((c) => c.name === 'retention.ms')?.value).toBe('1000');
    expect(defaults.configs.find((c) => c.name === 'segment.bytes')?.value).toBe(TOPIC_CONFIGS['segment.bytes']!.default);
    const image = active.controller.image;
    expect(image.topicsByName.get('defaults')!.partitions.size).toBe(2);
    expect(image.topicsByName.get('manual')!.partitions.get(0)!.replicas).toEqual([2, 3]);
    expect(image.topicsByName.get('manual')!.partitions.get(1)!.replicas).toEqual([3, 1]);
    expect(image.topicsByName.has('gap')).toBe(false);

    const again = await call(client, (c) => c.createTopics, { topics: [{ name: 'defaults', numPartitions: 1, replicationFactor: 1 }] });
    expect(again.topics[0]!.errorCode).toBe(errorCode('TOPIC_ALREADY_EXISTS'));
  });

  it('grows and deletes topics', async () => {
    await call(client, (c) => c.createTopics, { topics: [{ name: 'grow', numPartitions: 1, replicationFactor: 2 }, { name: 'doomed', numPartitions: 1, replicationFactor: 1 }] });
    const grown = await call(client, (c) => c.createPartitions, { topics: [{ name: 'grow', count: 3 }, { name: 'missing', count: 2 }, { name: 'grow', count: 1 }] });
    expect(grown.results.map((r) => r.errorCode)).toEqual([0, errorCode('UNKNOWN_TOPIC_OR_PARTITION'), errorCode('INVALID_REQUEST')]);
    expect(active.controller.image.topicsByName.get('grow')!.partitions.size).toBe(3);
    const dry = await call(client, (c) => c.createPartitions, { topics: [{ name: 'grow', count: 5 }], validateOnly: true });
    expect(dry.results[0]!.errorCode).toBe(0);
    expect(active.controller.image.topicsByName.get('grow')!.partitions.size).toBe(3);

    const deleted = await call(client, (c) => c.deleteTopics, { topicNames: ['doomed', 'never-was'] });
    expect(deleted.results.map((r) => [r.name, r.errorCode])).toEqual([
      ['doomed', 0],
      ['never-was', errorCode('UNKNOWN_TOPIC_OR_PARTITION')],
    ]);
    expect(active.controller.image.topicsByName.has('doomed')).toBe(false);
  });

  it('alters topic configs, with every resource applied whole or not at all', async () => {
    await call(client, (c) => c.createTopics, { topics: [{ name: 'cfg', numPartitions: 1, replicationFactor: 1 }] });
    const res = await call(client, (c) => c.incrementalAlterConfigs, {
      resources: [
        {
          resourceType: 'CONFIG_RESOURCE_TOPIC',
          resourceName: 'cfg',
          configs: [
            { name: 'retention.ms', op: 'ALTER_CONFIG_SET', value: '5000' },
            { name: 'cleanup.policy', op: 'ALTER_CONFIG_APPEND', value: 'compact' },
          ],
        },
        { resourceType: 'CONFIG_RESOURCE_TOPIC', resourceName: 'cfg', configs: [{ name: 'no.such.key', op: 'ALTER_CONFIG_SET', value: '1' }] },
      ],
    });
    expect(res.results.map((r) => r.errorCode)).toEqual([0, errorCode('INVALID_CONFIG')]);
    const configs = active.controller.image.configs.topic.get('cfg')!;
    expect(configs.get('retention.ms')).toBe('5000');
    expect(configs.get('cleanup.policy')).toBe('delete,compact');

    const removed = await call(client, (c) => c.incrementalAlterConfigs, {
      resources: [{ resourceType: 'CONFIG_RESOURCE_TOPIC', resourceName: 'cfg', configs: [{ name: 'retention.ms', op: 'ALTER_CONFIG_DELETE' }] }],
    });
    expect(removed.results[0]!.errorCode).toBe(0);
    expect(active.controller.image.configs.topic.get('cfg')!.has('retention.ms')).toBe(false);
  });

  it('stores dynamic broker configs per broker and as the cluster-wide default, and refuses bad ones without storing anything', async () => {
    const alter = (resourceName: string, configs: { name: string; op: string; value?: string }[]) =>
      call(client, (c) => c.incrementalAlterConfigs, {
        resources: [{ resourceType: 'CONFIG_RESOURCE_BROKER', resourceName, configs: configs.map((x) => ({ value: '', ...x })) as never }],
      }).then((r) => r.results[0]!);
    const broker = (name: string): Record<string, string> => Object.fromEntries(active.controller.image.configs.broker.get(name) ?? []);

    expect((await alter('2', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_SET', value: ' 60000 ' }])).errorCode).toBe(0);
    expect((await alter('', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_SET', value: '120000' }, { name: 'unclean.leader.election.enable', op: 'ALTER_CONFIG_SET', value: 'true' }])).errorCode).toBe(0);
    expect(broker('2')).toEqual({ 'log.retention.ms': '60000' });
    expect(broker('')).toEqual({ 'log.retention.ms': '120000', 'unclean.leader.election.enable': 'true' });

    const refusals: [string, { name: string; op: string; value?: string }[], string, RegExp][] = [
      // A good key beside a bad one: neither is stored.
      ['2', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_SET', value: '1' }, { name: 'no.such.key', op: 'ALTER_CONFIG_SET', value: '1' }], 'INVALID_CONFIG', /no\.such\.key/],
      ['2', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_SET', value: 'soon' }], 'INVALID_CONFIG', /log\.retention\.ms/],
      ['2', [{ name: 'node.id', op: 'ALTER_CONFIG_SET', value: '7' }], 'INVALID_REQUEST', /node\.id/],
      ['2', [{ name: 'unclean.leader.election.enable', op: 'ALTER_CONFIG_SET', value: 'true' }], 'INVALID_REQUEST', /cluster-wide/],
      ['2', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_APPEND', value: '1' }], 'INVALID_REQUEST', /whole list/],
      ['', [{ name: 'follower.replication.throttled.rate', op: 'ALTER_CONFIG_SET', value: '100' }], 'INVALID_REQUEST', /partitions reassign/],
      ['two', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_SET', value: '1' }], 'INVALID_REQUEST', /not a broker id/],
    ];
    for (const [name, configs, error, message] of refusals) {
      const r = await alter(name, configs);
      expect(r.errorCode, JSON.stringify(configs)).toBe(errorCode(error as never));
      expect(r.errorMessage).toMatch(message);
    }
    expect(broker('2')).toEqual({ 'log.retention.ms': '60000' });
    expect(broker('')).toEqual({ 'log.retention.ms': '120000', 'unclean.leader.election.enable': 'true' });

    expect((await alter('', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_DELETE' }, { name: 'unclean.leader.election.enable', op: 'ALTER_CONFIG_DELETE' }])).errorCode).toBe(0);
    expect((await alter('2', [{ name: 'log.retention.ms', op: 'ALTER_CONFIG_DELETE' }])).errorCode).toBe(0);
    expect(broker('')).toEqual({});
    expect(broker('2')).toEqual({});
  });

  it('maps AlterPartition by topic name or id, with per-partition results as committed', async () => {
    await call(client, (c) => c.createTopics, { topics: [{ name: 'isr', numPartitions: 1, replicationFactor: 3 }] });
    const topic = active.controller.image.topicsByName.get('isr')!;
    const p = topic.partitions.get(0)!;
    const follower = p.replicas.find((r) => r !== p.leader)!;
    const newIsr = p.isr.filter((r) => r !== follower);
    const res = await call(client, (c) => c.alterPartition, {
      brokerId: p.leader,
      brokerEpoch: epochs.get(p.leader)!,
      topics: [
        { topic: 'isr', partitions: [{ partition: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr }, { partition: 9, leaderEpoch: 0, partitionEpoch: 0, newIsr }] },
        { topic: 'no-such-topic', partitions: [{ partition: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1] }] },
      ],
    });
    expect(res.errorCode).toBe(0);
    expect(res.topics[0]!.topicId).toEqual(uuidToBytes(topic.id));
    expect(res.topics[0]!.partitions[0]).toMatchObject({ partition: 0, errorCode: 0, leaderId: p.leader, leaderEpoch: p.leaderEpoch, isr: newIsr, partitionEpoch: p.partitionEpoch + 1 });
    expect(res.topics[0]!.partitions[1]!.errorCode).toBe(errorCode('UNKNOWN_TOPIC_OR_PARTITION'));
    expect(res.topics[1]!.partitions[0]!.errorCode).toBe(errorCode('UNKNOWN_TOPIC_OR_PARTITION'));

    const byId = await call(client, (c) => c.alterPartition, {
      brokerId: p.leader,
      brokerEpoch: epochs.get(p.leader)!,
      topics: [{ topicId: uuidToBytes(topic.id), partitions: [{ partition: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [...p.isr] }] }],
    });
    expect(byId.topics[0]!.topic).toBe('isr');
    expect(byId.topics[0]!.partitions[0]).toMatchObject({ errorCode: errorCode('INVALID_UPDATE_VERSION'), isr: newIsr, partitionEpoch: p.partitionEpoch + 1 });

    const staleBroker = await call(client, (c) => c.alterPartition, { brokerId: p.leader, brokerEpoch: 12345, topics: [] });
    expect(staleBroker.errorCode).toBe(errorCode('STALE_BROKER_EPOCH'));
  });

  it('elects preferred leaders on demand', async () => {
    await call(client, (c) => c.createTopics, { topics: [{ name: 'pref', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2] }] }] });
    // Broker 1 leaves and returns: leadership moves to 2 and stays there.
    await call(client, (c) => c.brokerHeartbeat, { brokerId: 1, brokerEpoch: epochs.get(1)!, currentMetadataOffset: active.controller.appliedIndex, wantFence: true });
    expect(active.controller.image.topicsByName.get('pref')!.partitions.get(0)!.leader).toBe(2);
    await call(client, (c) => c.brokerHeartbeat, { brokerId: 1, brokerEpoch: epochs.get(1)!, currentMetadataOffset: active.controller.appliedIndex });
    expect(active.controller.image.brokers.get(1)!.fenced).toBe(false);
    const before = active.controller.image.topicsByName.get('pref')!.partitions.get(0)!;
    // Broker 1 must be back in the ISR (its leader asks for that) before it can lead.
    await call(client, (c) => c.alterPartition, {
      brokerId: 2,
      brokerEpoch: epochs.get(2)!,
      topics: [{ topic: 'pref', partitions: [{ partition: 0, leaderEpoch: before.leaderEpoch, partitionEpoch: before.partitionEpoch, newIsr: [1, 2] }] }],
    });
    const res = await call(client, (c) => c.electLeaders, { electionType: 0, topicPartitions: [{ topic: 'pref', partitions: [0] }, { topic: 'pref', partitions: [5] }] });
    expect(res.results.map((r) => [r.partition, r.errorCode])).toEqual([
      [0, 0],
      [5, errorCode('UNKNOWN_TOPIC_OR_PARTITION')],
    ]);
    const after = active.controller.image.topicsByName.get('pref')!.partitions.get(0)!;
    expect(after.leader).toBe(1);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    const bad = await call(client, (c) => c.electLeaders, { electionType: 7 });
    expect(bad.errorCode).toBe(errorCode('INVALID_REQUEST'));
  });

  it('elects an unclean leader for an offline partition on demand', async () => {
    await call(client, (c) => c.createTopics, { topics: [{ name: 'unclean', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [3, 2] }] }] });
    const p = active.controller.image.topicsByName.get('unclean')!.partitions.get(0)!;
    expect(p.leader).toBe(3);
    await call(client, (c) => c.alterPartition, {
      brokerId: 3,
      brokerEpoch: epochs.get(3)!,
      topics: [{ topic: 'unclean', partitions: [{ partition: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [3] }] }],
    });
    // The only in-sync replica goes away: the partition is offline, and a clean election cannot help.
    await call(client, (c) => c.brokerHeartbeat, { brokerId: 3, brokerEpoch: epochs.get(3)!, currentMetadataOffset: active.controller.appliedIndex, wantFence: true });
    expect(active.controller.image.topicsByName.get('unclean')!.partitions.get(0)).toMatchObject({ leader: -1, isr: [3] });
    const preferred = await call(client, (c) => c.electLeaders, { electionType: 0, topicPartitions: [{ topic: 'unclean', partitions: [0] }] });
    expect(preferred.results[0]!.errorCode).toBe(errorCode('PREFERRED_LEADER_NOT_AVAILABLE'));

    const res = await call(client, (c) => c.electLeaders, { electionType: 1, topicPartitions: [{ topic: 'unclean', partitions: [0] }] });
    expect(res.results[0]!.errorCode).toBe(0);
    expect(active.controller.image.topicsByName.get('unclean')!.partitions.get(0)).toMatchObject({ leader: 2, isr: [2] });
    const again = await call(client, (c) => c.electLeaders, { electionType: 1, topicPartitions: [{ topic: 'unclean', partitions: [0] }] });
    expect(again.results[0]!.errorCode).toBe(errorCode('ELECTION_NOT_NEEDED'));
    await call(client, (c) => c.brokerHeartbeat, { brokerId: 3, brokerEpoch: epochs.get(3)!, currentMetadataOffset: active.controller.appliedIndex });
    expect(active.controller.image.brokers.get(3)!.fenced).toBe(false);
  });

  it('allocates producer ids, unregisters brokers and describes the quorum', async () => {
    const a = await call(client, (c) => c.allocateProducerIds, { brokerId: 2, brokerEpoch: epochs.get(2)! });
    const b = await call(client, (c) => c.allocateProducerIds, { brokerId: 3, brokerEpoch: epochs.get(3)! });
    expect(a.errorCode).toBe(0);
    expect(b.producerIdStart).toBeGreaterThanOrEqual(a.producerIdStart + a.producerIdLen);

    const reg = await call(client, (c) => c.registerBroker, {
      brokerId: 50,
      incarnationId: uuidToBytes(q.newIncarnation()),
      listeners: [{ name: 'PLAINTEXT', host: 'h', port: 1 }],
    });
    expect(reg.errorCode).toBe(0);
    expect((await call(client, (c) => c.unregisterBroker, { brokerId: 50 })).errorCode).toBe(0);
    expect(active.controller.image.brokers.has(50)).toBe(false);
    expect((await call(client, (c) => c.unregisterBroker, { brokerId: 50 })).errorCode).toBe(errorCode('INVALID_REQUEST'));

    const quorum = await call(client, (c) => c.describeQuorum, {});
    expect(quorum.leaderId).toBe(active.id);
    expect(quorum.leaderEpoch).toBe(active.raft.term);
    expect(quorum.highWatermark).toBeGreaterThanOrEqual(active.controller.appliedIndex);
    expect(quorum.voters.map((v) => v.replicaId).sort()).toEqual([1, 2, 3]);
  });

  it('answers voter change problems in the response', async () => {
    const noEndpoint = await call(client, (c) => c.addVoter, { voterId: 9 });
    expect(noEndpoint.errorCode).toBe(errorCode('INVALID_REQUEST'));
    const existing = await call(client, (c) => c.addVoter, { voterId: active.id, endpoint: { host: 'h', port: 1 } });
    expect(existing).toMatchObject({ errorCode: errorCode('INVALID_REQUEST'), errorMessage: expect.stringMatching(/already a voter/) });
    const unknown = await call(client, (c) => c.removeVoter, { voterId: 77 });
    expect(unknown).toMatchObject({ errorCode: errorCode('INVALID_REQUEST'), errorMessage: expect.stringMatching(/not a voter/) });
  });

  it('starts, lists and cancels partition reassignments', async () => {
    const created = await call(client, (c) => c.createTopics, {
      topics: [{ name: 'moving', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1, 2] }] }],
    });
    expect(created.topics[0]!.errorCode).toBe(0);
    const started = await call(client, (c) => c.alterPartitionReassignments, {
      partitions: [
        { topic: 'moving', partition: 0, replicas: [2, 3] },
        { topic: 'moving', partition: 5, replicas: [2, 3] },
      ],
      throttleBytesPerSec: 4096,
    });
    expect(started.results.map((r) => [r.partition, r.errorCode])).toEqual([
      [0, 0],
      [5, errorCode('UNKNOWN_TOPIC_OR_PARTITION')],
    ]);
    const listed = await call(client, (c) => c.listPartitionReassignments, { topicPartitions: [{ topic: 'moving', partitions: [0] }] });
    expect(listed.reassignments).toEqual([{ topic: 'moving', partition: 0, replicas: [2, 3, 1], addingReplicas: [3], removingReplicas: [1] }]);
    expect(active.controller.image.configs.broker.get('')?.get('follower.replication.throttled.rate')).toBe('4096');

    // An empty target is the wire's null: cancel, which also drops the throttle.
    const cancelled = await call(client, (c) => c.alterPartitionReassignments, { partitions: [{ topic: 'moving', partition: 0, replicas: [] }] });
    expect(cancelled.results[0]!.errorCode).toBe(0);
    expect(active.controller.image.topicsByName.get('moving')!.partitions.get(0)!.replicas).toEqual([2, 1]);
    expect(active.controller.image.configs.broker.get('')?.has('follower.replication.throttled.rate') ?? false).toBe(false);
    expect((await call(client, (c) => c.listPartitionReassignments, {})).reassignments).toEqual([]);
    const again = await call(client, (c) => c.alterPartitionReassignments, { partitions: [{ topic: 'moving', partition: 0, replicas: [] }] });
    expect(again.results[0]!.errorCode).toBe(errorCode('NO_REASSIGNMENT_IN_PROGRESS'));
  });
});
