import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch, type RunnelError } from '@runnel/protocol';
import { Consumer, Producer, type ConsumerRecord } from '../src/index.js';
import { TestCluster } from './cluster-fixture.js';

const text = (records: ConsumerRecord[]): string[] => records.map((r) => r.value!.toString());

/** Poll until `n` records have come back (bounded by the test timeout). */
async function pollN(consumer: Consumer, n: number): Promise<ConsumerRecord[]> {
  const out: ConsumerRecord[] = [];
  while (out.length < n) out.push(...(await consumer.poll(5_000)));
  return out;
}

describe('Consumer', () => {
  let cluster: TestCluster;
  let producer: Producer;
  const consumers: Consumer[] = [];
  const consumer = (config: Partial<ConstructorParameters<typeof Consumer>[0]> = {}): Consumer => {
    const c = new Consumer({ bootstrap: cluster.bootstrap, retryBackoffMs: 10, ...config });
    consumers.push(c);
    return c;
  };

  beforeEach(async () => {
    cluster = await TestCluster.start([1, 2]);
    await cluster.createTopic('t', 2, [1, 2]);
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0 });
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.close();
    await producer.close();
    await cluster.close();
  });

  it('reads assigned partitions from the beginning in order, with keys, headers and timestamps', async () => {
    await producer.send(Array.from({ length: 20 }, (_, i) => ({ topic: 't', partition: i % 2, key: `k${i}`, value: `v${i}`, headers: { i: String(i) }, timestamp: 1_000 + i })));
    const c = consumer({ autoOffsetReset: 'earliest' });
    c.assign([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
    const records = await pollN(c, 20);
    expect(records.length).toBe(20);
    for (const p of [0, 1]) {
      const mine = records.filter((r) => r.partition === p);
      expect(mine.map((r) => r.offset)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(text(mine)).toEqual(Array.from({ length: 10 }, (_, i) => `v${2 * i + p}`));
    }
    const r5 = records.find((r) => r.value!.toString() === 'v5')!;
    expect(r5.key!.toString()).toBe('k5');
    expect(r5.timestamp).toBe(1_005);
    expect(r5.headers.map((h) => [h.key, h.value!.toString()])).toEqual([['i', '5']]);
    expect(await c.position({ topic: 't', partition: 0 })).toBe(10);
  });

  it('starts at the batch holding the position and skips the records before it', async () => {
    await producer.send(Array.from({ length: 10 }, (_, i) => ({ topic: 't', partition: 0, value: `${i}` })));
    expect((await cluster.read('t', 0)).length).toBe(10);
    const c = consumer();
    c.assign([{ topic: 't', partition: 0 }]);
    c.seek({ topic: 't', partition: 0 }, 7);
    const records = await pollN(c, 3);
    expect(records.map((r) => r.offset)).toEqual([7, 8, 9]);
  });

  it('applies autoOffsetReset: latest waits for new records, none refuses to guess', async () => {
    await producer.send([{ topic: 't', partition: 0, value: 'old' }]);
    const latest = consumer({ autoOffsetReset: 'latest' });
    latest.assign([{ topic: 't', partition: 0 }]);
    expect(await latest.position({ topic: 't', partition: 0 })).toBe(1);
    const next = pollN(latest, 1);
    await producer.send({ topic: 't', partition: 0, value: 'new' });
    expect(text(await next)).toEqual(['new']);

    const none = consumer({ autoOffsetReset: 'none' });
    none.assign([{ topic: 't', partition: 0 }]);
    await expect(none.poll(5_000)).rejects.toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE' });
    none.seek({ topic: 't', partition: 0 }, 0);
    expect(text(await pollN(none, 2))).toEqual(['old', 'new']);
  });

  it('resets on OFFSET_OUT_OF_RANGE, or reports it when autoOffsetReset is none', async () => {
    await producer.send([{ topic: 't', partition: 1, value: 'a' }, { topic: 't', partition: 1, value: 'b' }]);
    const c = consumer({ autoOffsetReset: 'earliest' });
    c.assign([{ topic: 't', partition: 1 }]);
    c.seek({ topic: 't', partition: 1 }, 50);
    expect(text(await pollN(c, 2))).toEqual(['a', 'b']);

    const strict = consumer({ autoOffsetReset: 'none' });
    strict.assign([{ topic: 't', partition: 1 }]);
    strict.seek({ topic: 't', partition: 1 }, 50);
    const err = (await strict.poll(5_000).catch((e: unknown) => e)) as RunnelError;
    expect(err.errorName).toBe('OFFSET_OUT_OF_RANGE');
    expect(err.details).toMatchObject({ topic: 't', partition: '1' });
  });

  it('seekToBeginning and seekToEnd resolve lazily through ListOffsets', async () => {
    await producer.send(Array.from({ length: 5 }, (_, i) => ({ topic: 't', partition: 0, value: `${i}` })));
    const c = consumer({ autoOffsetReset: 'earliest' });
    c.assign([{ topic: 't', partition: 0 }]);
    c.seekToEnd();
    expect(await c.position({ topic: 't', partition: 0 })).toBe(5);
    c.seekToBeginning([{ topic: 't', partition: 0 }]);
    expect(await c.position({ topic: 't', partition: 0 })).toBe(0);
    expect(text(await pollN(c, 5))).toEqual(['0', '1', '2', '3', '4']);
  });

  it('follows a leadership change without losing or repeating records', async () => {
    const c = consumer({ autoOffsetReset: 'earliest', fetchMaxWaitMs: 100 });
    c.assign([{ topic: 't', partition: 0 }]);
    await producer.send(Array.from({ length: 5 }, (_, i) => ({ topic: 't', partition: 0, value: `${i}` })));
    const first = await pollN(c, 5);
    await cluster.moveLeader('t', 0, 2);
    await producer.send(Array.from({ length: 5 }, (_, i) => ({ topic: 't', partition: 0, value: `${i + 5}` })));
    const second = await pollN(c, 5);
    expect([...first, ...second].map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(text(second)).toEqual(['5', '6', '7', '8', '9']);
  });

  it('pause holds a partition back until resume; poll returns at most maxPollRecords', async () => {
    await producer.send(Array.from({ length: 30 }, (_, i) => ({ topic: 't', partition: i < 15 ? 0 : 1, value: `${i}` })));
    const c = consumer({ autoOffsetReset: 'earliest', maxPollRecords: 4 });
    c.assign([{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }]);
    c.pause([{ topic: 't', partition: 1 }]);
    const got: ConsumerRecord[] = [];
    while (got.length < 15) {
      const batch = await c.poll(5_000);
      expect(batch.length).toBeLessThanOrEqual(4);
      got.push(...batch);
    }
    expect(got.every((r) => r.partition === 0)).toBe(true);
    expect(await c.poll(50)).toEqual([]);
    expect(c.paused()).toEqual([{ topic: 't', partition: 1 }]);
    c.resume([{ topic: 't', partition: 1 }]);
    const rest = await pollN(c, 15);
    expect(rest.map((r) => r.offset)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('a seek during a long-poll refetches from the new position at once', async () => {
    await producer.send(Array.from({ length: 3 }, (_, i) => ({ topic: 't', partition: 0, value: `${i}` })));
    const c = consumer({ autoOffsetReset: 'earliest', fetchMaxWaitMs: 30_000 });
    c.assign([{ topic: 't', partition: 0 }]);
    expect((await pollN(c, 3)).length).toBe(3);
    // Now a long-poll is waiting at offset 3; a seek back must not wait for it.
    c.seek({ topic: 't', partition: 0 }, 1);
    expect(text(await pollN(c, 2))).toEqual(['1', '2']);
  });

  it('skips control batches and iterates with for await', async () => {
    const marker = await encodeRecordBatch([{ key: Buffer.from([0, 0, 0, 0]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }], { control: true, transactional: true });
    await producer.send({ topic: 't', partition: 0, value: 'before' });
    const partition = cluster.topics.get('t')![0]!.partition;
    await partition.appendAsLeader(marker, 1);
    await producer.send({ topic: 't', partition: 0, value: 'after' });
    const c = consumer({ autoOffsetReset: 'earliest', fetchMaxWaitMs: 50 });
    c.assign([{ topic: 't', partition: 0 }]);
    const seen: ConsumerRecord[] = [];
    for await (const r of c) {
      seen.push(r);
      if (seen.length === 2) break;
    }
    expect(seen.map((r) => [r.offset, r.value!.toString()])).toEqual([[0, 'before'], [2, 'after']]);
  });

  it('reads what a compressing producer wrote', async () => {
    for (const compressionType of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const zipped = new Producer({ bootstrap: cluster.bootstrap, compressionType, lingerMs: 0 });
      await zipped.send(Array.from({ length: 20 }, (_, i) => ({ topic: 't', partition: 1, value: `${compressionType}-${i}`.repeat(10) })));
      await zipped.close();
    }
    const c = consumer({ autoOffsetReset: 'earliest' });
    c.assign([{ topic: 't', partition: 1 }]);
    const records = await pollN(c, 80);
    expect(records.map((r) => r.offset)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(records[79]!.value!.toString()).toBe('zstd-19'.repeat(10));
  });

  it('refuses bad calls clearly', () => {
    const c = consumer();
    expect(() => c.assign([{ topic: '', partition: 0 }])).toThrow(/topic name/);
    expect(() => c.seek({ topic: 't', partition: 0 }, 1)).toThrow(/not assigned/);
    c.assign([{ topic: 't', partition: 0 }]);
    expect(() => c.seek({ topic: 't', partition: 0 }, -1)).toThrow(/non-negative/);
    expect(() => new Consumer({ bootstrap: cluster.bootstrap, autoOffsetReset: 'smallest' as 'earliest' })).toThrow(/autoOffsetReset/);
  });
});
