import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, Producer } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';

describe('a three-node cluster of runnel server processes', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start();
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  it('creates a replicated topic, takes acks=all writes and serves them back', async () => {
    const admin = new Admin({ bootstrap: cluster.bootstrap });
    await admin.createTopics([{ name: 'orders', numPartitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }]);
    const producer = new Producer({ bootstrap: cluster.bootstrap });
    const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => producer.send({ topic: 'orders', key: `k${i % 5}`, value: `v${i}` })));
    await producer.close();
    const consumer = new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'earliest' });
    consumer.assign([0, 1, 2].map((partition) => ({ topic: 'orders', partition })));
    const seen: string[] = [];
    for await (const r of consumer) {
      seen.push(r.value!.toString());
      if (seen.length === 30) break;
    }
    await consumer.close();
    await admin.close();
    expect(new Set(seen)).toEqual(new Set(sent.map((_, i) => `v${i}`)));
  });
});
