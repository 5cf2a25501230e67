import { describe, expect, it } from 'vitest';
import { alterTopicConfigs, createPartitions, createTopics, deleteTopics, describeTopics } from '../src/topic-operations.js';
import { TestCluster } from './helpers.js';

function cluster(ids = [1, 2, 3, 4], settings = {}): TestCluster {
  const c = new TestCluster(settings);
  c.start(ids);
  return c;
}

describe('creating topics', () => {
  it('writes a topic record, one partition record per partition and the configs', () => {
    const c = cluster();
    const result = createTopics(c.image, [{ name: 'orders', numPartitions: 3, replicationFactor: 2, configs: { 'retention.ms': '1000' } }], c.ctx());
    expect(result.response).toEqual([{ name: 'orders', topicId: expect.any(String), numPartitions: 3, replicationFactor: 2, error: null }]);
    const topicId = result.response[0]!.topicId!;
    expect(result.records.map((r) => r.type)).toEqual(['topic', 'partition', 'partition', 'partition', 'config']);
    c.commit(result);
    const topic = c.image.topicsByName.get('orders')!;
    expect(topic.id).toBe(topicId);
    for (const [, p] of topic.partitions) {
      expect(p.replicas).toHaveLength(2);
      expect(p.isr).toEqual(p.replicas);
      expect(p.leader).toBe(p.replicas[0]);
      expect([p.leaderEpoch, p.partitionEpoch]).toEqual([0, 0]);
    }
    expect(c.image.configs.topic.get('orders')?.get('retention.ms')).toBe('1000');
  });

  it('uses num.partitions and default.replication.factor when asked for defaults', () => {
    const c = cluster([1, 2, 3], { numPartitions: 5, defaultReplicationFactor: 3 });
    const [implicit, explicit] = c.commit(createTopics(c.image, [{ name: 'a' }, { name: 'b', numPartitions: -1, replicationFactor: -1 }], c.ctx()));
    expect([implicit?.numPartitions, implicit?.replicationFactor, explicit?.numPartitions, explicit?.replicationFactor]).toEqual([5, 3, 5, 3]);
    expect(c.image.topicsByName.get('b')?.partitions.size).toBe(5);
  });

  it.each([
    [{ name: 'bad name' }, 'INVALID_TOPIC_EXCEPTION'],
    [{ name: '..' }, 'INVALID_TOPIC_EXCEPTION'],
    [{ name: 'x'.repeat(250) }, 'INVALID_TOPIC_EXCEPTION'],
    [{ name: 'exists' }, 'TOPIC_ALREADY_EXISTS'],
    [{ name: 'with_dot' }, 'INVALID_TOPIC_EXCEPTION'],
    [{ name: 'p', numPartitions: 0 }, 'INVALID_PARTITIONS'],
    [{ name: 'p', numPartitions: -2 }, 'INVALID_PARTITIONS'],
    [{ name: 'p', numPartitions: 10_001 }, 'INVALID_PARTITIONS'],
    [{ name: 'r', replicationFactor: 0 }, 'INVALID_REPLICATION_FACTOR'],
    [{ name: 'r', replicationFactor: 5 }, 'INVALID_REPLICATION_FACTOR'],
    [{ name: 'c', configs: { 'retention.ms': 'soon' } }, 'INVALID_CONFIG'],
    [{ name: 'c', configs: { 'made.up': '1' } }, 'INVALID_CONFIG'],
  ])('answers %j with %s and writes nothing', (request, error) => {
    const c = cluster();
    c.commit(createTopics(c.image, [{ name: 'exists' }, { name: 'with.dot' }], c.ctx()));
    const result = createTopics(c.image, [request], c.ctx());
    expect(result.response[0]?.error?.errorName).toBe(error);
    expect(result.response[0]?.topicId).toBeNull();
    expect(result.records).toEqual([]);
  });

  it('counts only unfenced brokers for the replication factor', () => {
    const c = cluster([1, 2, 3]);
    c.heartbeat(3, { wantFence: true });
    const [r] = createTopics(c.image, [{ name: 't', replicationFactor: 3 }], c.ctx()).response;
    expect(r?.error?.errorName).toBe('INVALID_REPLICATION_FACTOR');
    expect(r?.error?.message).toMatch(/2 available brokers/);
  });

  it('judges each topic of a request on its own, seeing the earlier ones', () => {
    const c = cluster();
    const result = createTopics(c.image, [{ name: 'a.b' }, { name: 'a_b' }, { name: 'a.b' }, { name: 'ok', numPartitions: 2 }, { name: '' }], c.ctx());
    expect(result.response.map((r) => r.error?.errorName ?? null)).toEqual([null, 'INVALID_TOPIC_EXCEPTION', 'INVALID_REQUEST', null, 'INVALID_TOPIC_EXCEPTION']);
    c.commit(result);
    expect([...c.image.topicsByName.keys()].sort()).toEqual(['a.b', 'ok']);
  });

  it('writes nothing in validate-only mode', () => {
    const c = cluster();
    const result = createTopics(c.image, [{ name: 'v', numPartitions: 2 }], c.ctx(), true);
    expect(result.response[0]?.error).toBeNull();
    expect(result.records).toEqual([]);
  });

  it('balances replicas and leaders and spreads them over racks', () => {
    const c = new TestCluster();
    c.start([1, 2, 3, 4, 5, 6], ['a', 'a', 'b', 'b', 'c', 'c']);
    c.commit(createTopics(c.image, [{ name: 'big', numPartitions: 20, replicationFactor: 3 }], c.ctx()));
    const partitions = [...c.image.topicsByName.get('big')!.partitions.values()];
    const replicas = new Map<number, number>();
    const leaders = new Map<number, number>();
    for (const p of partitions) {
      expect(new Set(p.replicas.map((id) => c.image.brokers.get(id)!.rack)).size).toBe(3);
      for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
      leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4, 5, 6]) {
      expect(replicas.get(id)).toBeLessThanOrEqual((20 * 3) / 6 + 1);
      expect(leaders.get(id) ?? 0).toBeLessThanOrEqual(20 / 6 + 1);
    }
  });

  it('spreads leaders of many small topics over the cluster', () => {
    const c = cluster([1, 2, 3, 4]);
    c.commit(createTopics(c.image, Array.from({ length: 8 }, (_, i) => ({ name: `t${i}`, numPartitions: 1, replicationFactor: 1 })), c.ctx()));
    const leaders = [...c.image.topicsById.values()].map((t) => t.partitions.get(0)!.leader);
    expect(new Set(leaders)).toEqual(new Set([1, 2, 3, 4]));
    for (const id of [1, 2, 3, 4]) expect(leaders.filter((l) => l === id)).toHaveLength(2);
  });
});

describe('manual replica assignment', () => {
  it('uses the given replicas, with the first live one leading and live ones in the ISR', () => {
    const c = cluster([1, 2, 3, 4]);
    c.heartbeat(2, { wantFence: true });
    const [r] = c.commit(createTopics(c.image, [{ name: 'm', assignments: [[2, 3, 1], [4, 1, 3]] }], c.ctx()));
    expect(r).toMatchObject({ error: null, numPartitions: 2, replicationFactor: 3 });
    expect(c.partition('m', 0)).toEqual({ replicas: [2, 3, 1], isr: [3, 1], leader: 3, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] });
    expect(c.partition('m', 1)).toEqual({ replicas: [4, 1, 3], isr: [4, 1, 3], leader: 4, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] });
  });

  it.each([
    [[[1, 1]], /appears twice/],
    [[[1, 9]], /9 are not registered/],
    [[[1, 2], [3]], /same number of replicas/],
    [[[]], /no replicas/],
    [[[2]], /fenced or shutting down/],
  ])('rejects %j with INVALID_REPLICA_ASSIGNMENT', (assignments, message) => {
    const c = cluster([1, 2, 3]);
    c.heartbeat(2, { wantFence: true });
    const result = createTopics(c.image, [{ name: 'm', assignments }], c.ctx());
    expect(result.response[0]?.error?.errorName).toBe('INVALID_REPLICA_ASSIGNMENT');
    expect(result.response[0]?.error?.message).toMatch(message);
    expect(result.records).toEqual([]);
  });

  it('refuses assignments together with a partition count', () => {
    const c = cluster([1, 2]);
    const result = createTopics(c.image, [{ name: 'm', numPartitions: 2, assignments: [[1], [2]] }], c.ctx());
    expect(result.response[0]?.error?.errorName).toBe('INVALID_REQUEST');
  });
});

describe('deleting topics', () => {
  it('removes topics by name or id and reports unknown ones', () => {
    const c = cluster();
    c.commit(createTopics(c.image, [{ name: 'a' }, { name: 'b' }], c.ctx()));
    const idOfB = c.image.topicsByName.get('b')!.id;
    const result = c.commit(deleteTopics(c.image, [{ name: 'a' }, { topicId: idOfB }, { name: 'nope' }, { topicId: 'AAAAAAAAAAAAAAAAAAAAAg' }], c.ctx()));
    expect(result.map((r) => r.error?.errorName ?? null)).toEqual([null, null, 'UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID']);
    expect(result[1]?.name).toBe('b');
    expect(c.image.topicsByName.size).toBe(0);
  });

  it('lets a deleted name be used again, with a new id', () => {
    const c = cluster();
    c.commit(createTopics(c.image, [{ name: 'a', configs: { 'retention.ms': '5' } }], c.ctx()));
    const oldId = c.image.topicsByName.get('a')!.id;
    c.commit(deleteTopics(c.image, [{ name: 'a' }], c.ctx()));
    expect(c.image.configs.topic.has('a')).toBe(false);
    const [r] = c.commit(createTopics(c.image, [{ name: 'a' }], c.ctx()));
    expect(r?.error).toBeNull();
    expect(r?.topicId).not.toBe(oldId);
  });
});

describe('adding partitions', () => {
  it('adds partitions with the topic\'s replication factor, keeping balance', () => {
    const c = cluster([1, 2, 3, 4, 5]);
    c.commit(createTopics(c.image, [{ name: 't', numPartitions: 2, replicationFactor: 3 }], c.ctx()));
    const [r] = c.commit(createPartitions(c.image, [{ name: 't', count: 10 }], c.ctx()));
    expect(r?.error).toBeNull();
    const partitions = c.image.topicsByName.get('t')!.partitions;
    expect([...partitions.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const count = new Map<number, number>();
    for (const p of partitions.values()) {
      expect(p.replicas).toHaveLength(3);
      for (const id of p.replicas) count.set(id, (count.get(id) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4, 5]) expect(count.get(id)).toBeLessThanOrEqual(30 / 5 + 1);
  });

  it.each([
    [{ name: 't', count: 2 }, 'INVALID_PARTITIONS'],
    [{ name: 't', count: 1 }, 'INVALID_PARTITIONS'],
    [{ name: 't', count: 2.5 }, 'INVALID_PARTITIONS'],
    [{ name: 'missing', count: 4 }, 'UNKNOWN_TOPIC_OR_PARTITION'],
  ])('answers %j with %s', (request, error) => {
    const c = cluster();
    c.commit(createTopics(c.image, [{ name: 't', numPartitions: 2, replicationFactor: 3 }], c.ctx()));
    const result = createPartitions(c.image, [request], c.ctx());
    expect(result.response[0]?.error?.errorName).toBe(error);
    expect(result.records).toEqual([]);
  });

  it('refuses to add partitions when too few brokers are left for the replication factor', () => {
    const c = cluster([1, 2, 3]);
    c.commit(createTopics(c.image, [{ name: 't', numPartitions: 1, replicationFactor: 3 }], c.ctx()));
    c.heartbeat(1, { wantFence: true });
    expect(createPartitions(c.image, [{ name: 't', count: 2 }], c.ctx()).response[0]?.error?.errorName).toBe('INVALID_REPLICATION_FACTOR');
  });
});

describe('describing topics and altering configs', () => {
  it('describes partitions, offline replicas and configs', () => {
    const c = cluster([1, 2]);
    c.commit(createTopics(c.image, [{ name: 't', numPartitions: 1, replicationFactor: 2, configs: { 'cleanup.policy': 'compact' } }], c.ctx()));
    const follower = c.partition('t', 0).replicas[1]!;
    c.heartbeat(follower, { wantFence: true });
    const [d, missing] = describeTopics(c.image, ['t', 'missing']);
    expect(d?.configs).toEqual({ 'cleanup.policy': 'compact' });
    expect(d?.partitions).toEqual([
      { partitionId: 0, leader: c.partition('t', 0).leader, leaderEpoch: 0, replicas: c.partition('t', 0).replicas, isr: [c.partition('t', 0).leader], offlineReplicas: [follower] },
    ]);
    expect(missing?.error?.errorName).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(describeTopics(c.image).map((t) => t.name)).toEqual(['t']);
  });

  it('sets and deletes topic configs, validating them', () => {
    const c = cluster();
    c.commit(createTopics(c.image, [{ name: 't' }], c.ctx()));
    const ok = c.commit(alterTopicConfigs(c.image, [{ name: 't', ops: [{ key: 'retention.ms', op: 'set', value: '10' }] }], c.ctx()));
    expect(ok[0]?.error).toBeNull();
    expect(c.image.configs.topic.get('t')?.get('retention.ms')).toBe('10');
    const bad = alterTopicConfigs(
      c.image,
      [
        { name: 't', ops: [{ key: 'retention.ms', op: 'delete' }, { key: 'segment.bytes', op: 'set', value: '1' }] },
        { name: 'u', ops: [{ key: 'retention.ms', op: 'set', value: '1' }] },
        { name: 't', ops: [{ key: 'nope', op: 'delete' }] },
      ],
      c.ctx(),
    );
    expect(bad.response.map((r) => r.error?.errorName)).toEqual(['INVALID_CONFIG', 'UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_CONFIG']);
    expect(bad.records).toEqual([]);
    c.commit(alterTopicConfigs(c.image, [{ name: 't', ops: [{ key: 'retention.ms', op: 'delete' }] }], c.ctx()));
    expect(c.image.configs.topic.has('t')).toBe(false);
  });
});
