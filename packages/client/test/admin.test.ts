import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '../src/index.js';
import { TestCluster } from './cluster-fixture.js';

describe('Admin', () => {
  let cluster: TestCluster;
  let admin: Admin;

  beforeEach(async () => {
    cluster = await TestCluster.start([1, 2]);
    admin = new Admin({ bootstrap: cluster.bootstrap, retryBackoffMs: 10 });
  });
  afterEach(async () => {
    await admin.close();
    await cluster.close();
  });

  it('creates, lists, describes and deletes topics', async () => {
    const created = await admin.createTopics([{ name: 'orders', numPartitions: 3, configs: { 'retention.ms': '1000' } }, { name: 'audit' }]);
    expect(created).toEqual([{ name: 'orders', numPartitions: 3, replicationFactor: 1 }, { name: 'audit', numPartitions: 1, replicationFactor: 1 }]);
    expect(await admin.listTopics()).toEqual(['audit', 'orders']);
    const [orders] = await admin.describeTopics(['orders']);
    expect(orders!.partitions.map((p) => [p.partition, p.leader, p.replicas, p.isr])).toEqual([[0, 1, [1], [1]], [1, 2, [2], [2]], [2, 1, [1], [1]]]);
    const dup = await admin.createTopics([{ name: 'orders' }, { name: 'fresh' }]).catch((e: unknown) => e);
    expect(dup).toMatchObject({ errorName: 'TOPIC_ALREADY_EXISTS', details: { resource: 'orders' } });
    await admin.deleteTopics(['audit']);
    expect(await admin.listTopics()).toEqual(['fresh', 'orders']);
    await expect(admin.describeTopics(['audit'])).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(admin.deleteTopics(['audit'])).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('adds partitions and reports offline leaders', async () => {
    await admin.createTopics([{ name: 't', numPartitions: 2 }]);
    await admin.createPartitions([{ topic: 't', count: 4 }]);
    expect((await admin.describeTopics(['t']))[0]!.partitions.length).toBe(4);
    await expect(admin.createPartitions([{ topic: 't', count: 2 }])).rejects.toMatchObject({ errorName: 'INVALID_PARTITIONS' });
    cluster.stopBroker(2);
    const parts = (await admin.describeTopics(['t']))[0]!.partitions;
    expect(parts[1]).toMatchObject({ leader: -1, offlineReplicas: [2], error: 'LEADER_NOT_AVAILABLE' });
    expect(parts[0]).toMatchObject({ leader: 1, error: 'NONE' });
  });

  it('describes and alters configs', async () => {
    await admin.createTopics([{ name: 't', configs: { 'retention.ms': '1000' } }]);
    const [d] = await admin.describeConfigs([{ type: 'topic', name: 't' }]);
    expect(d!.configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' });
    await admin.incrementalAlterConfigs([{ type: 'topic', name: 't', configs: [{ name: 'retention.ms', op: 'delete' }, { name: 'cleanup.policy', value: 'compact' }] }]);
    const [after] = await admin.describeConfigs([{ type: 'topic', name: 't', keys: ['retention.ms', 'cleanup.policy'] }]);
    expect(after!.configs.map((c) => [c.name, c.value, c.source]).sort()).toEqual([['cleanup.policy', 'compact', 'DYNAMIC_TOPIC_CONFIG'], ['retention.ms', '604800000', 'DEFAULT_CONFIG']]);
    await expect(admin.describeConfigs([{ type: 'topic', name: 'nope' }])).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('describes the cluster', async () => {
    const d = await admin.describeCluster();
    expect(d.clusterId).toBe('test-cluster');
    expect(d.controllerId).toBe(1);
    expect(d.brokers.map((b) => [b.nodeId, b.state])).toEqual([[1, 'UNFENCED'], [2, 'UNFENCED']]);
  });

  it('lists earliest, latest and by-time offsets from each leader', async () => {
    await admin.createTopics([{ name: 't', numPartitions: 2 }]);
    const producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0 });
    const base = 1_800_000_000_000;
    await producer.send([0, 1, 2].map((i) => ({ topic: 't', partition: 1, value: `${i}`, timestamp: base + i * 1000 })));
    await producer.close();
    const offsets = await admin.listOffsets([
      { topic: 't', partition: 0, spec: 'latest' },
      { topic: 't', partition: 1, spec: 'earliest' },
      { topic: 't', partition: 1, spec: 'latest' },
      { topic: 't', partition: 1, spec: { timestamp: base + 1500 } },
    ]);
    expect(offsets.map((o) => o.offset)).toEqual([0, 0, 3, 2]);
    expect(offsets[3]!.timestamp).toBe(base + 2000);
    await expect(admin.listOffsets([{ topic: 't', partition: 9, spec: 'latest' }])).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(admin.listOffsets([{ topic: 'nope', partition: 0, spec: 'latest' }])).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });
});
