import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { RunnelError, computeBatchCrc, decodeRecordBatches, encodeRecordBatch, readBatchHeader } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '@runnel/storage';
import { DelayedProduce, type PartitionAck } from '../src/delayed/delayed-produce.js';
import { Partition, type PartitionSettings } from '../src/replica/partition.js';

const logger = pino({ level: 'silent' });
const settings: PartitionSettings = { minInsyncReplicas: 2, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 };
const reg = { leaderId: 1, leaderEpoch: 3, partitionEpoch: 7, replicas: [1, 2, 3], isr: [1, 2, 3] };

function batch(values: string[], producer?: { id: number; epoch: number; seq: number }): Promise<Buffer> {
  return encodeRecordBatch(
    values.map((v) => ({ key: Buffer.from(`k-${v}`), value: Buffer.from(v) })),
    producer ? { producerId: producer.id, producerEpoch: producer.epoch, baseSequence: producer.seq } : {},
  );
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RunnelError) return e.errorName;
    throw e;
  }
  return 'NONE';
}

describe('Partition', () => {
  let dir: string;
  const logs: Log[] = [];

  async function partitionOn(broker: number, name = `b${broker}`): Promise<Partition> {
    const log = await Log.open({ dir: join(dir, name), topic: 't', partition: 0, config: { ...DEFAULT_LOG_CONFIG }, logger });
    logs.push(log);
    return new Partition('t', 0, log, broker, () => settings, logger);
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-partition-'));
  });

  afterEach(async () => {
    await Promise.all(logs.splice(0).map((l) => l.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses produce unless leader, naming the leader it knows', async () => {
    const p = await partitionOn(2);
    p.makeFollower(reg);
    const err = await p.appendAsLeader(await batch(['a']), -1).catch((e: RunnelError) => e);
    expect(err).toBeInstanceOf(RunnelError);
    expect((err as RunnelError).errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    expect((err as RunnelError).details['leader-id']).toBe('1');
  });

  it('refuses acks=all up front when the ISR is below min.insync.replicas, but takes acks=1', async () => {
    const p = await partitionOn(1);
    p.makeLeader({ ...reg, isr: [1] }, 0);
    expect(await errorOf(p.appendAsLeader(await batch(['a']), -1))).toBe('NOT_ENOUGH_REPLICAS');
    expect(p.log.logEndOffset).toBe(0);
    const r = await p.appendAsLeader(await batch(['a', 'b']), 1);
    expect(r).toMatchObject({ baseOffset: 0, lastOffset: 1 });
    // Alone in the ISR, the leader's own append is committed.
    expect(p.highWatermark).toBe(2);
  });

  it('refuses a corrupt batch and leaves the log unchanged', async () => {
    const p = await partitionOn(1);
    p.makeLeader(reg, 0);
    const bad = await batch(['a', 'b']);
    bad[bad.length - 1]! ^= 0xff;
    expect(await errorOf(p.appendAsLeader(bad, -1))).toBe('CORRUPT_MESSAGE');
    expect(p.log.logEndOffset).toBe(0);
  });

  it('refuses a batch whose records are not what its header says, though its CRC is good, and leaves the log unchanged', async () => {
    const p = await partitionOn(1);
    p.makeLeader(reg, 0);
    // Three records claiming a million: appended, it would move the log end a million offsets.
    const lying = await batch(['a', 'b', 'c']);
    lying.writeInt32BE(999_999, 23);
    lying.writeInt32BE(1_000_000, 57);
    lying.writeUInt32BE(computeBatchCrc(lying, 0, readBatchHeader(lying)), 17);
    expect(await errorOf(p.appendAsLeader(lying, 1))).toBe('CORRUPT_MESSAGE');
    // A gzip attribute over plain records: readers (consumers, the cleaner) could never decode it.
    const notGzip = await batch(['a']);
    notGzip.writeInt16BE(notGzip.readInt16BE(21) | 1, 21);
    notGzip.writeUInt32BE(computeBatchCrc(notGzip, 0, readBatchHeader(notGzip)), 17);
    expect(await errorOf(p.appendAsLeader(notGzip, 1))).toBe('CORRUPT_MESSAGE');
    expect(p.log.logEndOffset).toBe(0);
    expect((await p.appendAsLeader(await batch(['ok']), 1)).baseOffset).toBe(0);
  });

  it('answers acks=all only when every ISR follower has fetched past the batch', async () => {
    const p = await partitionOn(1);
    p.makeLeader(reg, 0);
    const appended = await p.appendAsLeader(await batch(['a', 'b', 'c']), -1);
    expect(appended).toMatchObject({ baseOffset: 0, lastOffset: 2, requiredHighWatermark: 3 });
    let answer: ReadonlyMap<string, PartitionAck> | undefined;
    const op = new DelayedProduce(Number.MAX_SAFE_INTEGER, [p.key], (r) => (answer = r));
    p.awaitHighWatermark(op, appended.requiredHighWatermark);
    await p.readForFollower(2, 3, 3, 1 << 20, 10);
    expect(answer).toBeUndefined();
    expect(p.highWatermark).toBe(0);
    await p.readForFollower(3, 1, 3, 1 << 20, 10);
    expect(p.highWatermark).toBe(1);
    expect(answer).toBeUndefined();
    await p.readForFollower(3, 3, 3, 1 << 20, 20);
    expect(p.highWatermark).toBe(3);
    expect(answer?.get(p.key)?.errorName).toBe('NONE');
  });

  it('serves consumers only up to the high watermark', async () => {
    const p = await partitionOn(1);
    p.makeLeader(reg, 0);
    await p.appendAsLeader(await batch(['a']), -1);
    await p.appendAsLeader(await batch(['b']), -1);
    await p.readForFollower(2, 1, 3, 1 << 20, 10);
    await p.readForFollower(3, 1, 3, 1 << 20, 10);
    const read = await p.readForConsumer(0, 1 << 20);
    expect(read.highWatermark).toBe(1);
    const records = (await decodeRecordBatches(read.records)).flatMap((b) => b.records.map((r) => r.value?.toString()));
    expect(records).toEqual(['a']);
    expect((await p.readForConsumer(1, 1 << 20)).records.length).toBe(0);
    expect(await errorOf(p.readForConsumer(3, 1 << 20))).toBe('OFFSET_OUT_OF_RANGE');
  });

  it('replicates to a follower that keeps the leader offsets and high watermark', async () => {
    const leader = await partitionOn(1);
    const follower = await partitionOn(2);
    leader.makeLeader({ ...reg, isr: [1, 2] }, 0);
    follower.makeFollower({ ...reg, isr: [1, 2] });
    await leader.appendAsLeader(await batch(['a', 'b']), -1);
    await leader.appendAsLeader(await batch(['c']), -1);
    const fetched = await leader.readForFollower(2, 0, -1, 1 << 20, 5);
    await follower.appendAsFollower(fetched.records, fetched.highWatermark);
    expect(follower.log.logEndOffset).toBe(3);
    const next = await leader.readForFollower(2, 3, 3, 1 << 20, 6);
    expect(leader.highWatermark).toBe(3);
    await follower.appendAsFollower(next.records, next.highWatermark);
    expect(follower.highWatermark).toBe(3);
  });

  it('tells a follower whose last epoch diverges where to truncate', async () => {
    const leader = await partitionOn(1);
    leader.makeLeader({ ...reg, leaderEpoch: 2 }, 0);
    await leader.appendAsLeader(await batch(['a', 'b']), 1);
    leader.makeLeader({ ...reg, leaderEpoch: 4 }, 0);
    await leader.appendAsLeader(await batch(['c']), 1);
    // The follower holds offsets 0..3 written at epoch 3, an epoch this leader never had.
    const r = await leader.readForFollower(2, 4, 3, 1 << 20, 10);
    expect(r.divergingEpoch).toEqual({ epoch: 2, endOffset: 2 });
    expect(r.records.length).toBe(0);
  });

  it('writes a retried idempotent batch once and answers with the original offsets', async () => {
    const p = await partitionOn(1);
    p.makeLeader({ ...reg, isr: [1] }, 0);
    const first = await p.appendAsLeader(await batch(['a', 'b'], { id: 9, epoch: 0, seq: 0 }), 1);
    await p.appendAsLeader(await batch(['c'], { id: 8, epoch: 0, seq: 0 }), 1);
    const retry = await p.appendAsLeader(await batch(['a', 'b'], { id: 9, epoch: 0, seq: 0 }), 1);
    expect(retry).toMatchObject({ baseOffset: first.baseOffset, lastOffset: first.lastOffset, duplicate: true });
    expect(p.log.logEndOffset).toBe(3);
    expect(await errorOf(p.appendAsLeader(await batch(['z'], { id: 9, epoch: 0, seq: 5 }), 1))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('rebuilds idempotence state from the log after a restart', async () => {
    const p = await partitionOn(1, 'restart');
    p.makeLeader({ ...reg, isr: [1] }, 0);
    await p.appendAsLeader(await batch(['a', 'b'], { id: 9, epoch: 0, seq: 0 }), 1);
    await p.log.close();
    logs.splice(logs.indexOf(p.log), 1);
    const again = await partitionOn(1, 'restart');
    await again.loadProducerState();
    again.makeLeader({ ...reg, isr: [1] }, 0);
    const retry = await again.appendAsLeader(await batch(['a', 'b'], { id: 9, epoch: 0, seq: 0 }), 1);
    expect(retry).toMatchObject({ baseOffset: 0, lastOffset: 1, duplicate: true });
  });

  it('fails waiting acks=all requests when leadership moves away', async () => {
    const p = await partitionOn(1);
    p.makeLeader(reg, 0);
    const appended = await p.appendAsLeader(await batch(['a']), -1);
    let answer: ReadonlyMap<string, PartitionAck> | undefined;
    p.awaitHighWatermark(new DelayedProduce(Number.MAX_SAFE_INTEGER, [p.key], (r) => (answer = r)), appended.requiredHighWatermark);
    p.makeFollower({ ...reg, leaderId: 2, leaderEpoch: 4 });
    expect(answer?.get(p.key)?.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
  });
});
