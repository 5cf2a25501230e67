import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Consumer, Producer, type CompressionName } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { kafkaPartition } from '../harness/kafka-reference.js';

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

  it('carries every codec end to end, placing each key where Kafka would', async () => {
    const admin = new Admin({ bootstrap: cluster.bootstrap });
    await admin.createTopics([{ name: 'codecs', numPartitions: 6, replicationFactor: 3, configs: {} }]);
    await admin.close();
    const codecs: CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
    const sent: { key: string; value: string; partition: number; offset: number }[] = [];
    for (const compressionType of codecs) {
      const producer = new Producer({ bootstrap: cluster.bootstrap, compressionType, lingerMs: 20 });
      const values = Array.from({ length: 60 }, (_, i) => ({ key: `user-${i % 17}`, value: `${compressionType}-${i}-${'x'.repeat(i * 7)}` }));
      const meta = await Promise.all(values.map((v) => producer.send({ topic: 'codecs', key: v.key, value: v.value })));
      await producer.close();
      meta.forEach((m, i) => sent.push({ ...values[i]!, partition: m.partition, offset: m.offset }));
    }
    for (const s of sent) expect(s.partition).toBe(kafkaPartition(Buffer.from(s.key), 6));
    const consumer = new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'earliest' });
    consumer.assign(Array.from({ length: 6 }, (_, partition) => ({ topic: 'codecs', partition })));
    const read = new Map<string, string>();
    for await (const r of consumer) {
      read.set(`${r.partition}/${r.offset}`, `${r.key!.toString()}=${r.value!.toString()}`);
      if (read.size === sent.length) break;
    }
    await consumer.close();
    for (const s of sent) expect(read.get(`${s.partition}/${s.offset}`)).toBe(`${s.key}=${s.value}`);
  }, 60_000);
});
