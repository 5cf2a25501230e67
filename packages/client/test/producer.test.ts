import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunnelError, type RunnelError } from '@runnel/protocol';
import { Producer, jsonRecord, type RecordMetadata } from '../src/index.js';
import { keyPartition } from '../src/partitioner.js';
import { TestCluster } from './cluster-fixture.js';
import { waitFor } from '../../../test/harness/processes.js';

/** Wait until `cond` holds, re-checking every few milliseconds. */
const until = (cond: () => boolean): Promise<unknown> => waitFor('a producer condition', cond, { timeoutMs: 20_000, intervalMs: 2 });

function values(records: { value: Buffer | null }[]): string[] {
  return records.map((r) => r.value!.toString());
}

describe('Producer', () => {
  let cluster: TestCluster;
  let producer: Producer | undefined;

  beforeEach(async () => {
    cluster = await TestCluster.start([1, 2]);
  });
  afterEach(async () => {
    await producer?.close().catch(() => undefined);
    producer = undefined;
    await cluster.close();
  });

  it('sends records and resolves each with its partition, offset and timestamp', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap });
    const results = await producer.send([
      { topic: 't', value: 'a', timestamp: 1_700_000_000_000 },
      { topic: 't', value: Buffer.from('b'), headers: { h: 'x' } },
      jsonRecord('t', { n: 3 }),
    ]);
    expect(results.map((r) => [r.partition, r.offset])).toEqual([[0, 0], [0, 1], [0, 2]]);
    expect(results[0]!.timestamp).toBe(1_700_000_000_000);
    const log = await cluster.read('t', 0);
    expect(values(log)).toEqual(['a', 'b', '{"n":3}']);
    expect(log[1]!.headers.map((h) => [h.key, h.value!.toString()])).toEqual([['h', 'x']]);
    // Idempotent by default: the batch carries the producer id the cluster handed out.
    expect(cluster.initProducerIdCalls.length).toBe(1);
    expect(cluster.seen[0]!.producerId).toBe(1000);
    expect(cluster.seen[0]!.baseSequence).toBe(0);
  });

  it('partitions keyed records by murmur2 and honours explicit partitions', async () => {
    await cluster.createTopic('keyed', 6, [1, 2]);
    producer = new Producer({ bootstrap: cluster.bootstrap });
    const keys = Array.from({ length: 60 }, (_, i) => `key-${i}`);
    const results = await producer.send(keys.map((k) => ({ topic: 'keyed', key: k, value: k })));
    results.forEach((r, i) => expect(r.partition).toBe(keyPartition(Buffer.from(keys[i]!), 6)));
    const explicit = await producer.send({ topic: 'keyed', key: 'key-0', value: 'x', partition: 5 });
    expect(explicit.partition).toBe(5);
    await expect(producer.send({ topic: 'keyed', value: 'x', partition: 6 })).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
    const custom = new Producer({ bootstrap: cluster.bootstrap, partitioner: ({ partitionCount }) => partitionCount - 2 });
    expect((await custom.send({ topic: 'keyed', value: 'c' })).partition).toBe(4);
    await custom.close();
  });

  it('sticks keyless records to one partition until its batch is complete', async () => {
    await cluster.createTopic('sticky', 4);
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    // Each batch holds about four 200-byte records.
    producer = new Producer({ bootstrap: cluster.bootstrap, batchSize: 1000, lingerMs: 60_000, random });
    const value = Buffer.alloc(200, 1);
    const sent = producer.send(Array.from({ length: 40 }, () => ({ topic: 'sticky', value })));
    await producer.flush();
    const results = await sent;
    const runs: number[][] = [];
    for (const r of results) {
      const last = runs.at(-1);
      if (last && last[0] === r.partition) last.push(r.offset);
      else runs.push([r.partition, r.offset]);
    }
    // Runs of consecutive records per partition, each a whole batch, never two in a row on one partition.
    expect(runs.length).toBeGreaterThan(4);
    for (let i = 1; i < runs.length; i++) expect(runs[i]![0]).not.toBe(runs[i - 1]![0]);
    for (const run of runs.slice(0, -1)) expect(run.length - 1).toBe(4);
  });

  it('batches records per partition and sends several partitions of a broker in one request', async () => {
    await cluster.createTopic('multi', 4, [1]);
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 50 });
    await producer.send([0, 1, 2, 3].flatMap((p) => [1, 2, 3].map((i) => ({ topic: 'multi', partition: p, value: `${p}-${i}` }))));
    expect(cluster.brokers.get(1)!.produceRequests).toBe(1);
    expect(cluster.seen.length).toBe(4);
    for (const p of [0, 1, 2, 3]) expect(values(await cluster.read('multi', p))).toEqual([1, 2, 3].map((i) => `${p}-${i}`));
  });

  it('refuses bad records with a clear error and queues nothing', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, maxRequestSize: 1000 });
    await expect(producer.send({ topic: '', value: 'x' })).rejects.toMatchObject({ errorName: 'INVALID_TOPIC_EXCEPTION' });
    await expect(producer.send({ topic: 't', value: Buffer.alloc(2000) })).rejects.toMatchObject({ errorName: 'MESSAGE_TOO_LARGE' });
    await expect(producer.send({ topic: 't', value: 7 as unknown as string })).rejects.toMatchObject({ errorName: 'INVALID_RECORD' });
    await expect(producer.send([{ topic: 't', value: 'ok' }, { topic: 't', value: 'x', timestamp: -5 }])).rejects.toMatchObject({ errorName: 'INVALID_TIMESTAMP' });
    await producer.flush();
    expect(await cluster.read('t', 0)).toEqual([]);
    expect(() => new Producer({ bootstrap: cluster.bootstrap, acks: 1, enableIdempotence: true })).toThrow(/acks='all'/);
    expect(() => new Producer({ bootstrap: 'nohost' })).toThrow(/host:port/);
  });

  it('fails sends to a topic that does not exist after maxBlockMs', async () => {
    producer = new Producer({ bootstrap: cluster.bootstrap, maxBlockMs: 200, retryBackoffMs: 20 });
    await expect(producer.send({ topic: 'missing', value: 'x' })).rejects.toMatchObject({ errorName: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('sends its client.id and a request id of its own with every call, one per produce stream', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, clientId: 'billing-producer' });
    await producer.send({ topic: 't', value: 'a' });
    await producer.send({ topic: 't', value: 'b' });
    const calls = cluster.callIds.filter((c) => c.clientId === 'billing-producer');
    expect(calls.map((c) => c.method)).toEqual(expect.arrayContaining(['Metadata', 'InitProducerId', 'Produce']));
    expect(calls.filter((c) => c.method === 'Produce')).toHaveLength(1);
    for (const c of calls) expect(c.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(calls.length);
  });

  it('retries a refused batch after a metadata refresh and writes it once', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 10 });
    await producer.send({ topic: 't', value: 'warm' });
    cluster.addFault({ topic: 't', partition: 0, kind: 'reject', error: 'NOT_LEADER_OR_FOLLOWER', times: 2 });
    const before = cluster.metadataCalls;
    const r = await producer.send({ topic: 't', value: 'x' });
    expect(r.offset).toBe(1);
    expect(cluster.metadataCalls).toBeGreaterThan(before);
    expect(values(await cluster.read('t', 0))).toEqual(['warm', 'x']);
  });

  it('dedups a retried batch that was written but not acknowledged, answering its original offsets', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 10 });
    await producer.send({ topic: 't', value: 'first' });
    cluster.addFault({ topic: 't', partition: 0, kind: 'reject-after-append', error: 'REQUEST_TIMED_OUT' });
    cluster.addFault({ topic: 't', partition: 0, kind: 'drop-stream-after-append', skip: 1 });
    const a = await producer.send({ topic: 't', value: 'a' });
    const b = await producer.send({ topic: 't', value: 'b' });
    expect([a.offset, b.offset]).toEqual([1, 2]);
    expect(values(await cluster.read('t', 0))).toEqual(['first', 'a', 'b']);
    // The resends carried the same sequence as the first attempts.
    const seqs = cluster.seen.map((s) => s.baseSequence);
    expect(seqs).toEqual([0, 1, 1, 2, 2]);
  });

  it('keeps send order with several batches in flight when one in the middle is refused', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 5, lingerMs: 0, batchSize: 100 });
    await producer.send({ topic: 't', value: 'warm' });
    // Hold answers so several requests pile up in flight, then refuse the second batch: the
    // broker refuses the later ones as out of order and all must come back in order.
    cluster.hold(1);
    cluster.addFault({ topic: 't', partition: 0, kind: 'reject', error: 'NOT_ENOUGH_REPLICAS', skip: 2 });
    const sends: Promise<RecordMetadata>[] = [];
    for (let i = 0; i < 5; i++) {
      sends.push(producer.send({ topic: 't', value: `v${i}-`.padEnd(120, 'x') }));
      await until(() => cluster.brokers.get(1)!.produceRequests === i + 2);
    }
    expect(cluster.heldCount(1)).toBe(5);
    cluster.release(1);
    const results = await Promise.all(sends);
    expect(results.map((r) => r.offset)).toEqual([1, 2, 3, 4, 5]);
    expect(values(await cluster.read('t', 0)).map((v) => v.slice(0, 3))).toEqual(['war', 'v0-', 'v1-', 'v2-', 'v3-', 'v4-']);
    expect(cluster.brokers.get(1)!.maxProduceInFlight).toBe(5);
  });

  it('keeps at most maxInFlightRequestsPerConnection requests unanswered per broker', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0, batchSize: 100, maxInFlightRequestsPerConnection: 2 });
    await producer.send({ topic: 't', value: 'warm' });
    cluster.hold(1);
    const sends = Array.from({ length: 6 }, (_, i) => producer!.send({ topic: 't', value: `${i}`.padEnd(120, 'x') }));
    await until(() => cluster.heldCount(1) === 2);
    // Nothing more goes out until answers come back.
    await new Promise((r) => setImmediate(r));
    expect(cluster.brokers.get(1)!.produceRequests).toBe(3);
    cluster.release(1);
    const results = await Promise.all(sends);
    expect(results.map((r) => r.offset)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cluster.brokers.get(1)!.maxProduceInFlight).toBeLessThanOrEqual(2);
  });

  it('re-routes to the new leader when a broker goes away', async () => {
    await cluster.createTopic('t', 2, [1, 2]);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 10, requestTimeoutMs: 2000, deliveryTimeoutMs: 20_000 });
    await producer.send([{ topic: 't', partition: 0, value: 'a' }, { topic: 't', partition: 1, value: 'b' }]);
    cluster.hold(1);
    const pending = producer.send({ topic: 't', partition: 0, value: 'c' });
    await until(() => cluster.heldCount(1) === 1);
    // The write reached the log, the answer never will: the broker dies, leadership moves.
    cluster.stopBroker(1);
    await cluster.moveLeader('t', 0, 2);
    const r = await pending;
    expect(r.offset).toBe(1);
    expect(values(await cluster.read('t', 0))).toEqual(['a', 'c']);
    expect((await producer.send({ topic: 't', partition: 0, value: 'd' })).offset).toBe(2);
  });

  it('fails a batch with a non-retriable error and carries on with later ones', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 5 });
    await producer.send({ topic: 't', value: 'warm' });
    cluster.addFault({ topic: 't', partition: 0, kind: 'reject', error: 'INVALID_RECORD' });
    const err = (await producer.send({ topic: 't', value: 'bad' }).catch((e: unknown) => e)) as RunnelError;
    expect(isRunnelError(err, 'INVALID_RECORD')).toBe(true);
    expect(err.retriable).toBe(false);
    expect(err.details).toMatchObject({ topic: 't', partition: '0' });
    // The lost sequence is a gap: the producer bumps its epoch and goes on.
    expect((await producer.send({ topic: 't', value: 'next' })).offset).toBe(1);
    expect(values(await cluster.read('t', 0))).toEqual(['warm', 'next']);
    expect(cluster.initProducerIdCalls.at(-1)).toMatchObject({ producerId: 1000, producerEpoch: 0 });
    expect(cluster.seen.at(-1)).toMatchObject({ producerEpoch: 1, baseSequence: 0 });
  });

  it('expires records after deliveryTimeoutMs and says why', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, retryBackoffMs: 20, deliveryTimeoutMs: 300, requestTimeoutMs: 200, lingerMs: 0 });
    await producer.send({ topic: 't', value: 'warm' });
    cluster.addFault({ topic: 't', partition: 0, kind: 'reject', error: 'NOT_ENOUGH_REPLICAS', times: 1_000 });
    const err = (await producer.send({ topic: 't', value: 'x' }).catch((e: unknown) => e)) as RunnelError;
    expect(err.errorName).toBe('REQUEST_TIMED_OUT');
    expect(err.message).toMatch(/NOT_ENOUGH_REPLICAS/);
    expect(err.details.reason).toBe('delivery-timeout');
    expect(values(await cluster.read('t', 0))).toEqual(['warm']);
  });

  it('waits for buffer memory instead of growing, and fails after maxBlockMs', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, bufferMemory: 4000, maxBlockMs: 60_000, lingerMs: 0 });
    await producer.send({ topic: 't', value: 'warm' });
    cluster.hold(1);
    const value = Buffer.alloc(900, 2);
    const sends = Array.from({ length: 8 }, () => producer!.send({ topic: 't', value }));
    let settled = 0;
    for (const s of sends) void s.then(() => settled++);
    await until(() => cluster.heldCount(1) >= 1);
    // Four records fit in 4000 bytes; the rest wait, none is sent or queued before memory frees.
    const seenBefore = cluster.seen.reduce((n, s) => n + s.records, 0);
    expect(seenBefore).toBeLessThanOrEqual(1 + 4);
    expect(settled).toBe(0);
    cluster.release(1);
    const results = await Promise.all(sends);
    expect(results.map((r) => r.offset)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const blocked = new Producer({ bootstrap: cluster.bootstrap, bufferMemory: 2000, maxBlockMs: 100, lingerMs: 0 });
    await blocked.send({ topic: 't', value: 'warm' });
    cluster.hold(1);
    const first = blocked.send({ topic: 't', value: Buffer.alloc(1500) });
    const err = (await blocked.send({ topic: 't', value: Buffer.alloc(1500) }).catch((e: unknown) => e)) as RunnelError;
    expect(err.errorName).toBe('REQUEST_TIMED_OUT');
    expect(err.message).toMatch(/bufferMemory/);
    cluster.release(1);
    expect((await first).offset).toBe(10);
    await blocked.close();
  });

  it('sends lingering batches at once when send() is waiting for memory', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, bufferMemory: 3000, lingerMs: 60_000, batchSize: 100_000 });
    // Three records fill the memory: the fourth waits, so the lingering batch goes out now.
    const sends = Array.from({ length: 12 }, (_, i) => producer!.send({ topic: 't', value: Buffer.alloc(900, i) }));
    expect((await Promise.all(sends.slice(0, 9))).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // The last three fit without anyone waiting: they linger until flushed.
    expect(cluster.seen.map((s) => s.records)).toEqual([3, 3, 3]);
    await producer.flush();
    expect((await Promise.all(sends.slice(9))).map((r) => r.offset)).toEqual([9, 10, 11]);
  });

  it('flush sends lingering batches; acks=0 resolves with offset -1', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 60_000 });
    const p = producer.send({ topic: 't', value: 'lingering' });
    await producer.partitionsFor('t');
    await until(() => cluster.initProducerIdCalls.length === 1);
    expect(cluster.seen.length).toBe(0);
    await producer.flush();
    expect((await p).offset).toBe(0);
    const fireAndForget = new Producer({ bootstrap: cluster.bootstrap, acks: 0, lingerMs: 0 });
    expect(await fireAndForget.send({ topic: 't', value: 'zero' })).toMatchObject({ offset: -1, partition: 0 });
    await until(() => cluster.seen.length === 2);
    expect(cluster.seen[1]!.producerId).toBe(-1);
    await fireAndForget.close();
  });

  it('close flushes everything and refuses later sends', async () => {
    await cluster.createTopic('t', 1);
    producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 60_000 });
    const sends = Array.from({ length: 10 }, (_, i) => producer!.send({ topic: 't', value: `${i}` }));
    await producer.close();
    expect((await Promise.all(sends)).map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(producer.send({ topic: 't', value: 'late' })).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
  });
});
