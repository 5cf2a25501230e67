import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import {
  CLIENT_ID_KEY, REQUEST_ID_KEY, addService, bindServer, callUnary, createClient, createServer, decodeRecordBatches, encodeRecordBatch, errorName, shutdownServer,
  type ClientOf, type pb,
} from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '@runnel/storage';
import { DeadlineQueue } from '../src/delayed/deadline-queue.js';
import type { DelayedFetch } from '../src/delayed/delayed-fetch.js';
import type { DelayedProduce } from '../src/delayed/delayed-produce.js';
import { Partition } from '../src/replica/partition.js';
import { PartitionRegistry } from '../src/replica/partition-registry.js';
import { fetchHandler } from '../src/services/fetch-handler.js';
import { listOffsetsHandler } from '../src/services/list-offsets-handler.js';
import { produceHandler } from '../src/services/produce-handler.js';

/** Every line the broker logs, parsed: debug level, so request logs show. */
const logLines: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug', base: { nodeId: 1 } }, { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) });

/** Request/answer over one bidi stream, matched by correlation id. */
class StreamClient<Req extends { correlationId?: number | string | unknown }, Res extends { correlationId: number }> {
  private next = 1;
  private readonly waiting = new Map<number, (r: Res) => void>();
  constructor(private readonly stream: grpc.ClientDuplexStream<Req, Res>) {
    stream.on('data', (r: Res) => {
      this.waiting.get(r.correlationId)?.(r);
      this.waiting.delete(r.correlationId);
    });
  }
  send(request: Omit<Req, 'correlationId'>): Promise<Res> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.stream.write({ ...request, correlationId: id } as unknown as Req);
    });
  }
  end(): void {
    this.stream.end();
  }
}

describe('Produce and Fetch streams', () => {
  let dir: string;
  let server: grpc.Server;
  let client: ClientOf<'Broker'>;
  let address: string;
  let produce: StreamClient<pb.ProduceRequest, pb.ProduceResponse__Output>;
  let fetch: StreamClient<pb.FetchRequest, pb.FetchResponse__Output>;
  const partitions = new PartitionRegistry();
  const minIsr = { value: 1 };
  const produceQueue = new DeadlineQueue<DelayedProduce>();
  const fetchQueue = new DeadlineQueue<DelayedFetch>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-streams-'));
    for (const [topic, index, isr] of [['solo', 0, [1]], ['solo', 1, [1]], ['replicated', 0, [1, 2]]] as const) {
      const log = await Log.open({ dir: join(dir, `${topic}-${index}`), topic, partition: index, config: { ...DEFAULT_LOG_CONFIG }, logger });
      const p = new Partition(topic, index, log, 1, () => ({ minInsyncReplicas: minIsr.value, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 }), logger);
      p.makeLeader({ leaderId: 1, leaderEpoch: 0, partitionEpoch: 0, replicas: [1, 2], isr: [...isr] }, Date.now());
      partitions.add(p);
    }
    const topicExists = (t: string): boolean => t === 'solo' || t === 'replicated';
    server = createServer();
    const unused = (): never => {
      throw new Error('not used here');
    };
    addService(server, 'Broker', {
      Produce: produceHandler({ partitions, produceQueue, now: Date.now, logger, topicExists }),
      Fetch: fetchHandler({ partitions, fetchQueue, now: Date.now, logger, topicExists, maxResponseBytes: 50 << 20 }),
      Metadata: unused,
      ListOffsets: listOffsetsHandler({ partitions, topicExists, logger }),
      InitProducerId: unused,
    });
    const port = await bindServer(server, '127.0.0.1:0');
    address = `127.0.0.1:${port}`;
    client = createClient('Broker', address);
    produce = new StreamClient(client.produce());
    fetch = new StreamClient(client.fetch());
  });

  afterAll(async () => {
    produce.end();
    fetch.end();
    client.close();
    await shutdownServer(server, 500);
    produceQueue.close();
    fetchQueue.close();
    for (const p of partitions.all()) await p.log.close();
    await rm(dir, { recursive: true, force: true });
  });

  const records = (...values: string[]): Promise<Buffer> => encodeRecordBatch(values.map((v) => ({ value: Buffer.from(v) })));
  const partitionOf = (r: pb.ProduceResponse__Output, topic: string, p: number) => r.topics.find((t) => t.name === topic)!.partitions.find((x) => x.partition === p)!;

  it('appends and reads back the same batches', async () => {
    const r = await produce.send({ acks: 1, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 0, records: await records('a', 'b') }] }] });
    expect(partitionOf(r, 'solo', 0)).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const f = await fetch.send({ maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, topics: [{ name: 'solo', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1 }] }] });
    const fp = f.topics[0]!.partitions[0]!;
    expect(fp).toMatchObject({ errorCode: 0, highWatermark: 2, lastStableOffset: 2, logStartOffset: 0 });
    const values = (await decodeRecordBatches(fp.records)).flatMap((b) => b.records.map((x) => x.value!.toString()));
    expect(values).toEqual(['a', 'b']);
  });

  it('answers each partition on its own: a bad batch or unknown topic fails only itself', async () => {
    const bad = await records('x');
    bad[bad.length - 1]! ^= 1;
    const r = await produce.send({
      acks: -1,
      timeoutMs: 1000,
      topics: [
        { name: 'solo', partitions: [{ partition: 1, records: await records('ok') }, { partition: 0, records: bad }] },
        { name: 'nope', partitions: [{ partition: 0, records: await records('y') }] },
      ],
    });
    expect(partitionOf(r, 'solo', 1).errorCode).toBe(0);
    expect(errorName(partitionOf(r, 'solo', 0).errorCode)).toBe('CORRUPT_MESSAGE');
    expect(errorName(partitionOf(r, 'nope', 0).errorCode)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(partitions.get('solo', 0)!.log.logEndOffset).toBe(2);
  });

  it('puts the request id and client.id the client sent on the log lines about its request', async () => {
    const metadata = new grpc.Metadata();
    metadata.set(REQUEST_ID_KEY, 'corrupt-req-7');
    metadata.set(CLIENT_ID_KEY, 'streams-test');
    const own = new StreamClient<pb.ProduceRequest, pb.ProduceResponse__Output>(client.produce(metadata));
    const bad = await records('x');
    bad[bad.length - 1]! ^= 1;
    const r = await own.send({ acks: 1, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 0, records: bad }] }] });
    own.end();
    expect(errorName(partitionOf(r, 'solo', 0).errorCode)).toBe('CORRUPT_MESSAGE');
    const about = logLines.filter((l) => l.requestId === 'corrupt-req-7');
    expect(about.find((l) => l.level === 40)).toMatchObject({ clientId: 'streams-test', nodeId: 1, topic: 'solo', partition: 0, correlationId: 1, errorName: 'CORRUPT_MESSAGE', msg: 'produce refused damaged data' });
    expect(about.find((l) => l.level === 20)).toMatchObject({ clientId: 'streams-test', correlationId: 1, failed: ['solo-0: CORRUPT_MESSAGE'], msg: 'produce answered' });
  });

  it('gives a stream without a request id one of its own, and the SDK\'s clients send one per call with their client.id', async () => {
    const sdk = createClient('Broker', address, { clientId: 'sdk-test' });
    try {
      const first = new StreamClient<pb.ProduceRequest, pb.ProduceResponse__Output>(sdk.produce());
      const second = new StreamClient<pb.ProduceRequest, pb.ProduceResponse__Output>(sdk.produce());
      for (const stream of [first, first, second]) await stream.send({ acks: 1, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 1, records: await records('id') }] }] });
      first.end();
      second.end();
      const answered = logLines.filter((l) => l.clientId === 'sdk-test' && l.msg === 'produce answered');
      expect(answered).toHaveLength(3);
      const ids = answered.map((l) => String(l.requestId));
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
      // One id per stream: both requests of the first stream share it, the second stream has another.
      expect(ids[0]).toBe(ids[1]);
      expect(ids[2]).not.toBe(ids[0]);
    } finally {
      sdk.close();
    }
  });

  it('refuses produce to the internal offsets topic, which only the group coordinator writes', async () => {
    const r = await produce.send({ acks: 1, timeoutMs: 1000, topics: [{ name: '__consumer_offsets', partitions: [{ partition: 0, records: await records('forged') }] }] });
    const p = partitionOf(r, '__consumer_offsets', 0);
    expect(errorName(p.errorCode)).toBe('INVALID_TOPIC_EXCEPTION');
    expect(p.errorMessage).toMatch(/written by the group coordinator/);
  });

  it('refuses invalid acks', async () => {
    const r = await produce.send({ acks: 2, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 0, records: await records('z') }] }] });
    expect(errorName(partitionOf(r, 'solo', 0).errorCode)).toBe('INVALID_REQUIRED_ACKS');
  });

  it('refuses acks=all below min.insync.replicas and times out when followers never fetch', async () => {
    minIsr.value = 2;
    try {
      const refused = await produce.send({ acks: -1, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 0, records: await records('z') }] }] });
      expect(errorName(partitionOf(refused, 'solo', 0).errorCode)).toBe('NOT_ENOUGH_REPLICAS');
      const timedOut = await produce.send({ acks: -1, timeoutMs: 150, topics: [{ name: 'replicated', partitions: [{ partition: 0, records: await records('z') }] }] });
      expect(errorName(partitionOf(timedOut, 'replicated', 0).errorCode)).toBe('REQUEST_TIMED_OUT');
    } finally {
      minIsr.value = 1;
    }
  });

  it('long-polls until a produce moves the high watermark', async () => {
    const start = partitions.get('solo', 1)!.log.logEndOffset;
    const answer = fetch.send({ maxWaitMs: 30_000, minBytes: 1, maxBytes: 1 << 20, topics: [{ name: 'solo', partitions: [{ partition: 1, fetchOffset: start, partitionMaxBytes: 1 << 20, currentLeaderEpoch: 0 }] }] });
    let answered = false;
    void answer.then(() => (answered = true));
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    await produce.send({ acks: 1, timeoutMs: 1000, topics: [{ name: 'solo', partitions: [{ partition: 1, records: await records('late') }] }] });
    const f = await answer;
    const values = (await decodeRecordBatches(f.topics[0]!.partitions[0]!.records)).flatMap((b) => b.records.map((x) => x.value!.toString()));
    expect(values).toEqual(['late']);
  });

  it('refuses offsets past the log end and stale leader epochs', async () => {
    const f = await fetch.send({
      maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
      topics: [{ name: 'solo', partitions: [{ partition: 0, fetchOffset: 999, partitionMaxBytes: 1024, currentLeaderEpoch: -1 }] }],
    });
    expect(errorName(f.topics[0]!.partitions[0]!.errorCode)).toBe('OFFSET_OUT_OF_RANGE');
    const stale = await fetch.send({
      maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
      topics: [{ name: 'solo', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024, currentLeaderEpoch: 5 }] }],
    });
    expect(errorName(stale.topics[0]!.partitions[0]!.errorCode)).toBe('UNKNOWN_LEADER_EPOCH');
  });

  it('lists earliest, latest (the high watermark) and by-time offsets', async () => {
    // Later than any record written so far in this partition, so time order matches offsets.
    const base = Date.now() + 1_000_000;
    await produce.send({
      acks: 1,
      timeoutMs: 1000,
      topics: [{ name: 'replicated', partitions: [{ partition: 0, records: await encodeRecordBatch([1000, 2000, 3000].map((d) => ({ value: Buffer.from('t'), timestamp: base + d }))) }] }],
    });
    const list = (timestamp: number) =>
      callUnary(client.listOffsets.bind(client), { topics: [{ name: 'replicated', partitions: [{ partition: 0, timestamp, currentLeaderEpoch: -1 }] }] })
        .then((r) => r.topics[0]!.partitions[0]!);
    // ISR [1, 2] and follower 2 never fetched: nothing is committed yet.
    expect(await list(-1)).toMatchObject({ errorCode: 0, offset: 0 });
    const p = partitions.get('replicated', 0)!;
    await p.readForFollower(2, p.log.logEndOffset, p.log.latestEpoch, 1 << 20, Date.now());
    const end = p.log.logEndOffset;
    expect(p.highWatermark).toBe(end);
    expect(await list(-1)).toMatchObject({ offset: end });
    expect(await list(-2)).toMatchObject({ offset: 0 });
    expect(await list(base + 1500)).toMatchObject({ offset: end - 2, timestamp: base + 2000 });
    expect(await list(base + 5000)).toMatchObject({ offset: -1 });
    const unknown = await callUnary(client.listOffsets.bind(client), { topics: [{ name: 'nope', partitions: [{ partition: 0, timestamp: -1 }] }] });
    expect(errorName(unknown.topics[0]!.partitions[0]!.errorCode)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
});
