import { readdir, stat, truncate as fsTruncate, open as fsOpen, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBatchHeader, splitBatches } from '@runnel/protocol';
import type { Log } from '../src/log.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP } from '../src/log.js';
import { FakeClock, batchOf, openLog, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

/** Base offsets of the batches in a read, checking each is valid. */
function baseOffsets(records: Buffer): number[] {
  return splitBatches(records).map((b) => b.header.baseOffset);
}

async function fill(log: Log, batches: number, perBatch: number, opts: { valueBytes?: number; epoch?: number } = {}): Promise<{ first: number; last: number }[]> {
  const out = [];
  for (let i = 0; i < batches; i++) {
    const r = await log.append(await batchOf(perBatch, { prefix: `b${i}`, valueBytes: opts.valueBytes }), { leaderEpoch: opts.epoch ?? 0 });
    out.push({ first: r.firstOffset, last: r.lastOffset });
  }
  return out;
}

describe('append', () => {
  it('assigns dense offsets by rewriting only the base offset and leader epoch', async () => {
    const log = await openLog(await tempDir());
    const a = await batchOf(3);
    const original = Buffer.from(a);
    const r1 = await log.append(a, { leaderEpoch: 7 });
    expect(r1).toMatchObject({ firstOffset: 0, lastOffset: 2, batchCount: 1 });
    const b = await batchOf(5);
    const originalB = Buffer.from(b);
    const r2 = await log.append(b, { leaderEpoch: 7 });
    expect(r2).toMatchObject({ firstOffset: 3, lastOffset: 7 });
    expect(log.logEndOffset).toBe(8);

    const { records } = await log.read(0, 1 << 20);
    const views = splitBatches(records); // CRC still valid
    expect(views.map((v) => v.header.baseOffset)).toEqual([0, 3]);
    expect(views.map((v) => v.header.partitionLeaderEpoch)).toEqual([7, 7]);
    // Bytes after the leader epoch field are untouched.
    expect(views[1]!.bytes.subarray(16).equals(originalB.subarray(16))).toBe(true);
    expect(views[0]!.bytes.subarray(8, 12).equals(original.subarray(8, 12))).toBe(true);
    await log.close();
  });

  it('accepts several batches in one append and serialises concurrent appends', async () => {
    const log = await openLog(await tempDir());
    const multi = Buffer.concat([await batchOf(2), await batchOf(4)]);
    const r = await log.append(multi, { leaderEpoch: 0 });
    expect(r).toMatchObject({ firstOffset: 0, lastOffset: 5, batchCount: 2 });
    const results = await Promise.all(Array.from({ length: 40 }, async (_, i) => log.append(await batchOf((i % 3) + 1), { leaderEpoch: 0 })));
    const ranges = results.map((x) => [x.firstOffset, x.lastOffset] as const).sort((p, q) => p[0] - q[0]);
    let next = 6;
    for (const [f, l] of ranges) {
      expect(f).toBe(next);
      next = l + 1;
    }
    expect(log.logEndOffset).toBe(next);
    await log.close();
  });

  it('refuses a corrupt or oversized batch and leaves the log unchanged', async () => {
    const log = await openLog(await tempDir(), { maxMessageBytes: 2000 });
    await log.append(await batchOf(2), { leaderEpoch: 0 });
    const before = { leo: log.logEndOffset, size: log.size };
    const bad = await batchOf(2);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    await expect(log.append(bad, { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'CORRUPT_MESSAGE' });
    const short = (await batchOf(2)).subarray(0, 40);
    await expect(log.append(short, { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'CORRUPT_MESSAGE' });
    const lying = await batchOf(2);
    lying.writeInt32BE(lying.readInt32BE(8) + 100, 8);
    await expect(log.append(lying, { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'CORRUPT_MESSAGE' });
    const big = await batchOf(1, { valueBytes: 3000 });
    await expect(log.append(big, { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'MESSAGE_TOO_LARGE' });
    // A good batch followed by a bad one: nothing of the request is written.
    const mixed = Buffer.concat([await batchOf(1), bad]);
    await expect(log.append(mixed, { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'CORRUPT_MESSAGE' });
    expect({ leo: log.logEndOffset, size: log.size }).toEqual(before);
    expect(baseOffsets((await log.read(0, 1 << 20)).records)).toEqual([0]);
    await log.close();
  });

  it('keeps follower offsets and epochs and refuses overlap', async () => {
    const log = await openLog(await tempDir());
    const b1 = await batchOf(3, { baseOffset: 0, partitionLeaderEpoch: 1 });
    const b2 = await batchOf(2, { baseOffset: 3, partitionLeaderEpoch: 2 });
    // A gap between batches (a compacted leader) is allowed; going backwards is not.
    const b3 = await batchOf(2, { baseOffset: 9, partitionLeaderEpoch: 2 });
    await log.appendAsFollower(Buffer.concat([b1, b2]));
    await log.appendAsFollower(b3);
    expect(log.logEndOffset).toBe(11);
    expect(log.epochEntries).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: 3 },
    ]);
    await expect(log.appendAsFollower(await batchOf(1, { baseOffset: 10 }))).rejects.toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE' });
    expect(log.logEndOffset).toBe(11);
    const views = splitBatches((await log.read(0, 1 << 20)).records);
    expect(views.map((v) => [v.header.baseOffset, v.header.partitionLeaderEpoch])).toEqual([
      [0, 1],
      [3, 2],
      [9, 2],
    ]);
    await log.close();
  });
});

describe('segments and reads', () => {
  it('serves reads during appends with whole, contiguous batches only', async () => {
    const log = await openLog(await tempDir(), { segmentBytes: 4000, indexIntervalBytes: 200 });
    const other = await openLog(await tempDir());
    let done = false;
    const writer = (async () => {
      for (let i = 0; i < 150; i++) {
        // Another partition's appends interleave freely with this one's.
        await Promise.all([log.append(await batchOf(1 + (i % 4), { valueBytes: 100 }), { leaderEpoch: 0 }), other.append(await batchOf(1), { leaderEpoch: 0 })]);
      }
      done = true;
    })();
    let reads = 0;
    while (!done || reads === 0) {
      const from = Math.floor(log.logEndOffset / 2);
      const { records, logEndOffset } = await log.read(from, 5000);
      const views = splitBatches(records);
      for (let i = 1; i < views.length; i++) expect(views[i]!.header.baseOffset).toBe(views[i - 1]!.header.baseOffset + views[i - 1]!.header.lastOffsetDelta + 1);
      if (views.length > 0) {
        expect(views[0]!.header.baseOffset).toBeLessThanOrEqual(from);
        expect(views.at(-1)!.header.baseOffset + views.at(-1)!.header.lastOffsetDelta).toBeLessThan(logEndOffset);
      }
      reads++;
      // An empty read completes without I/O; yield so the appends' I/O callbacks get to run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    expect(other.logEndOffset).toBe(150);
    await log.close();
    await other.close();
  });

  it('rolls on segment.bytes with 20-digit base-offset names and reads across segment boundaries', async () => {
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 1000 });
    const ranges = await fill(log, 40, 4);
    expect(log.segmentCount).toBeGreaterThan(3);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();
    expect(names[0]).toBe('00000000000000000000.log');
    for (const n of names) expect(n).toMatch(/^\d{20}\.log$/);
    // Each segment starts at a batch base offset and stays within segment.bytes.
    const bases = log.segmentBaseOffsets;
    for (const b of bases) expect(ranges.some((r) => r.first === b)).toBe(true);
    for (const n of names) expect((await stat(join(dir, n))).size).toBeLessThanOrEqual(1000);
    // One read from the first offset returns every batch, across all segments.
    const all = await log.read(0, 1 << 20);
    expect(baseOffsets(all.records)).toEqual(ranges.map((r) => r.first));
    // Inactive segments' index files are trimmed to their entries.
    for (const n of names.slice(0, -1)) expect((await stat(join(dir, n.replace('.log', '.index')))).size % 8).toBe(0);
    await log.close();
  });

  it('rolls on segment.ms measured from the first batch timestamp', async () => {
    const log = await openLog(await tempDir(), { segmentMs: 1000 });
    await log.append(await batchOf(1, { timestamp: 10_000 }), { leaderEpoch: 0 });
    await log.append(await batchOf(1, { timestamp: 10_900 }), { leaderEpoch: 0 });
    expect(log.segmentCount).toBe(1);
    await log.append(await batchOf(1, { timestamp: 11_001 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets).toEqual([0, 2]);
    // New settings apply from the next append.
    log.updateConfig({ ...log.config, segmentMs: 1_000_000, segmentBytes: 1 });
    await log.append(await batchOf(1, { timestamp: 11_002 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets).toEqual([0, 2, 3]);
    await log.close();
  });

  it('finds the batch holding any offset, at and between index entries', async () => {
    for (const interval of [1, 300, 1_000_000]) {
      const log = await openLog(await tempDir(), { indexIntervalBytes: interval, segmentBytes: 3000 });
      const ranges = await fill(log, 30, 3);
      for (const r of ranges) {
        for (let o = r.first; o <= r.last; o++) {
          const { records } = await log.read(o, 1);
          expect(baseOffsets(records)).toEqual([r.first]);
        }
      }
      await log.close();
    }
  });

  it('caps reads at maxBytes but always returns one whole batch', async () => {
    const log = await openLog(await tempDir());
    const ranges = await fill(log, 5, 2, { valueBytes: 500 });
    const one = (await log.read(0, 1 << 20)).records;
    const size = readBatchHeader(one).batchLength + 12;
    expect(baseOffsets((await log.read(0, 10)).records)).toEqual([0]);
    expect(baseOffsets((await log.read(0, size * 2 + Math.floor(size / 2))).records)).toEqual([ranges[0]!.first, ranges[1]!.first]);
    expect(baseOffsets((await log.read(ranges[3]!.first + 1, 1 << 20)).records)).toEqual([ranges[3]!.first, ranges[4]!.first]);
    // maxOffset (the high watermark) excludes batches that reach it.
    expect(baseOffsets((await log.read(0, 1 << 20, { maxOffset: ranges[2]!.last })).records)).toEqual([ranges[0]!.first, ranges[1]!.first]);
    await log.close();
  });

  it('returns empty at or past the end and OFFSET_OUT_OF_RANGE below the start', async () => {
    const log = await openLog(await tempDir(), { segmentBytes: 500, retentionBytes: 0 });
    await fill(log, 6, 3);
    expect((await log.read(log.logEndOffset, 100)).records.length).toBe(0);
    expect((await log.read(log.logEndOffset + 5, 100)).records.length).toBe(0);
    log.updateHighWatermark(log.logEndOffset);
    await log.deleteOldSegments();
    expect(log.logStartOffset).toBeGreaterThan(0);
    await expect(log.read(log.logStartOffset - 1, 100)).rejects.toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE' });
    await log.close();
  });

  it('looks offsets up by timestamp', async () => {
    const log = await openLog(await tempDir(), { indexIntervalBytes: 1, segmentBytes: 800 });
    // Timestamps rise by 100 per batch, with one batch going back in time.
    const stamps = [1000, 1100, 1200, 1150, 1300, 1400, 1500, 1600, 1700, 1800];
    const firsts: number[] = [];
    for (const ts of stamps) firsts.push((await log.append(await batchOf(2, { timestamp: ts }), { leaderEpoch: 0 })).firstOffset);
    expect(log.segmentCount).toBeGreaterThan(1);
    expect(await log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 1000 });
    expect(await log.offsetForTimestamp(1100)).toEqual({ offset: firsts[1], timestamp: 1100 });
    expect(await log.offsetForTimestamp(1101)).toEqual({ offset: firsts[2], timestamp: 1200 });
    expect(await log.offsetForTimestamp(1250)).toEqual({ offset: firsts[4], timestamp: 1300 });
    expect(await log.offsetForTimestamp(1800)).toEqual({ offset: firsts[9], timestamp: 1800 });
    expect(await log.offsetForTimestamp(1801)).toBeNull();
    expect(await log.offsetForTimestamp(EARLIEST_TIMESTAMP)).toEqual({ offset: 0, timestamp: -1 });
    expect(await log.offsetForTimestamp(LATEST_TIMESTAMP)).toEqual({ offset: log.logEndOffset, timestamp: -1 });
    await log.close();
  });

  it('answers with the exact record inside a batch, compressed or not', async () => {
    const log = await openLog(await tempDir());
    const { encodeRecordBatch, CompressionType } = await import('@runnel/protocol');
    await log.append(await encodeRecordBatch([10, 20, 30, 40].map((t) => ({ value: Buffer.from('x'), timestamp: t }))), { leaderEpoch: 0 });
    await log.append(await encodeRecordBatch([50, 60].map((t) => ({ value: Buffer.from('y'), timestamp: t })), { compression: CompressionType.Gzip }), { leaderEpoch: 0 });
    expect(await log.offsetForTimestamp(25)).toEqual({ offset: 2, timestamp: 30 });
    expect(await log.offsetForTimestamp(55)).toEqual({ offset: 5, timestamp: 60 });
    expect(await log.offsetForTimestamp(MAX_TIMESTAMP)).toEqual({ offset: 5, timestamp: 60 });
    await log.close();
  });
});

describe('truncation', () => {
  it('truncates within and across segments and appends continue from the new end', async () => {
    const log = await openLog(await tempDir(), { segmentBytes: 300, indexIntervalBytes: 1 });
    await fill(log, 4, 2, { epoch: 1 });
    const ranges = await fill(log, 8, 2, { epoch: 2 });
    const segs = log.segmentBaseOffsets.length;
    expect(segs).toBeGreaterThan(2);
    const target = ranges[1]!.first;
    await log.truncateTo(target);
    expect(log.logEndOffset).toBe(target);
    expect(log.segmentCount).toBeLessThan(segs);
    expect(log.epochEntries.at(-1)).toEqual({ epoch: 2, startOffset: ranges[0]!.first });
    const r = await log.append(await batchOf(3), { leaderEpoch: 3 });
    expect(r.firstOffset).toBe(target);
    const read = await log.read(0, 1 << 20);
    const views = splitBatches(read.records);
    expect(views.at(-1)!.header.baseOffset).toBe(target);
    expect(views.at(-2)!.header.baseOffset).toBe(ranges[0]!.first);
    // Truncating into the middle of a batch removes that whole batch.
    await log.truncateTo(target + 1);
    expect(log.logEndOffset).toBe(target);
    // Truncating below the first epoch's entries drops them.
    await log.truncateTo(1);
    expect(log.logEndOffset).toBe(0);
    expect(log.epochEntries).toEqual([]);
    await log.close();
  });

  it('finds batches appended after a truncation through the index', async () => {
    const log = await openLog(await tempDir(), { indexIntervalBytes: 1 });
    const firsts: number[] = [];
    for (let i = 0; i < 10; i++) firsts.push((await log.append(await batchOf(2, { valueBytes: 50 }), { leaderEpoch: 0 })).firstOffset);
    await log.truncateTo(firsts[5]!);
    const ranges = [];
    for (let i = 0; i < 10; i++) ranges.push(await log.append(await batchOf(3, { valueBytes: 7 }), { leaderEpoch: 0 }));
    for (const r of ranges.reverse()) {
      for (let o = r.lastOffset; o >= r.firstOffset; o--) expect(baseOffsets((await log.read(o, 1)).records)).toEqual([r.firstOffset]);
    }
    await log.close();
  });

  it('truncateFullyAndStartAt empties the log and starts at the offset', async () => {
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 500 });
    await fill(log, 6, 3, { epoch: 4 });
    await log.truncateFullyAndStartAt(1000);
    expect([log.logStartOffset, log.logEndOffset, log.segmentCount]).toEqual([1000, 1000, 1]);
    expect(log.epochEntries).toEqual([]);
    const r = await log.append(await batchOf(2), { leaderEpoch: 5 });
    expect(r.firstOffset).toBe(1000);
    await log.close();
    const reopened = await openLog(dir, {}, { logStartOffset: 1000 });
    expect([reopened.logStartOffset, reopened.logEndOffset]).toEqual([1000, 1002]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.log'))).toEqual(['00000000000000001000.log']);
    await reopened.close();
  });
});

describe('leader epoch cache', () => {
  it('answers OffsetsForLeaderEpoch and survives a restart', async () => {
    const dir = await tempDir();
    const log = await openLog(dir);
    await fill(log, 2, 5, { epoch: 1 }); // 0..9
    await fill(log, 1, 5, { epoch: 3 }); // 10..14
    await fill(log, 1, 5, { epoch: 6 }); // 15..19
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 10 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 1, endOffset: 10 });
    expect(log.endOffsetForEpoch(3)).toEqual({ epoch: 3, endOffset: 15 });
    expect(log.endOffsetForEpoch(6)).toEqual({ epoch: 6, endOffset: 20 });
    expect(log.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 0 });
    expect(log.endOffsetForEpoch(7)).toEqual({ epoch: -1, endOffset: -1 });
    await log.close();
    const again = await openLog(dir);
    expect(again.epochEntries).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 10 },
      { epoch: 6, startOffset: 15 },
    ]);
    await again.close();
  });
});

describe('flush policy', () => {
  it('fsyncs every append with flush.messages=1 and lags otherwise', async () => {
    const synced = await openLog(await tempDir(), { flushMessages: 1 });
    await fill(synced, 3, 2);
    expect(synced.recoveryPoint).toBe(synced.logEndOffset);
    await synced.close();

    const clock = new FakeClock();
    const lazy = await openLog(await tempDir(), { flushMs: 1000 }, { clock });
    await fill(lazy, 3, 2);
    expect(lazy.recoveryPoint).toBe(0);
    expect(await lazy.flushIfDue()).toBe(false);
    clock.t += 1000;
    expect(await lazy.flushIfDue()).toBe(true);
    expect(lazy.recoveryPoint).toBe(6);
    await lazy.close();
  });
});

describe('recovery', () => {
  async function crashAfter(dir: string, batches: number, overrides = {}): Promise<Buffer> {
    const log = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 100, ...overrides });
    await fill(log, batches, 3);
    const all = (await log.read(0, 1 << 24)).records;
    // No close(): the files are left as a killed process would leave them.
    return all;
  }

  it('reopens an uncleanly stopped log with every batch intact', async () => {
    const dir = await tempDir();
    const before = await crashAfter(dir, 25);
    const log = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 100 });
    expect(log.logEndOffset).toBe(75);
    expect((await log.read(0, 1 << 24)).records.equals(before)).toBe(true);
    const r = await log.append(await batchOf(1), { leaderEpoch: 0 });
    expect(r.firstOffset).toBe(75);
    await log.close();
  });

  it('truncates at the first bad byte and drops later segments', async () => {
    const dir = await tempDir();
    const before = await crashAfter(dir, 25);
    const logs = (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();
    const victim = join(dir, logs[1]!);
    const victimSize = (await stat(victim)).size;
    // Flip a byte inside the second batch of the second segment.
    const fh = await fsOpen(victim, 'r+');
    const buf = Buffer.alloc(victimSize);
    await fh.read(buf, 0, victimSize, 0);
    const firstSize = readBatchHeader(buf).batchLength + 12;
    const at = firstSize + 70;
    buf[at] = buf[at]! ^ 0x55;
    await fh.write(buf, at, 1, at);
    await fh.close();
    const log = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 100 });
    const firstInVictim = Number(logs[1]!.slice(0, 20));
    expect(log.logEndOffset).toBe(firstInVictim + 3);
    expect(log.segmentCount).toBe(2);
    const after = (await log.read(0, 1 << 24)).records;
    expect(before.subarray(0, after.length).equals(after)).toBe(true);
    expect(splitBatches(after).length).toBeGreaterThan(0);
    await log.close();
  });

  it('cuts a torn tail write', async () => {
    const dir = await tempDir();
    await crashAfter(dir, 4);
    const logs = (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();
    const last = join(dir, logs.at(-1)!);
    const size = (await stat(last)).size;
    await fsTruncate(last, size - 7);
    const log = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 100 });
    expect(log.logEndOffset).toBe(9);
    expect(log.segmentCount).toBe(1);
    expect((await stat(last)).size).toBe(log.size);
    expect(log.size).toBeLessThan(size - 7);
    await log.close();
  });

  it('rebuilds missing or damaged indexes of segments below the recovery point', async () => {
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 1 });
    const ranges = await fill(log, 25, 3);
    await log.close();
    const names = (await readdir(dir)).sort();
    const indexes = names.filter((n) => n.endsWith('.index'));
    await unlink(join(dir, indexes[0]!));
    const fh = await fsOpen(join(dir, indexes[1]!), 'r+');
    await fh.write(Buffer.alloc(8, 0xff), 0, 8, 0);
    await fh.close();
    await unlink(join(dir, names.find((n) => n.endsWith('.timeindex'))!));
    const again = await openLog(dir, { segmentBytes: 900, indexIntervalBytes: 1 }, { hadCleanShutdown: true });
    for (const r of ranges) expect(baseOffsets((await again.read(r.last, 1)).records)).toEqual([r.first]);
    expect((await stat(join(dir, indexes[0]!))).size).toBeGreaterThan(0);
    await again.close();
  });

  it('skips the scan after a clean shutdown', async () => {
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 100_000 });
    await fill(log, 50, 5, { valueBytes: 1000 });
    const leo = log.logEndOffset;
    const size = log.size;
    await log.close();
    const { nodeFs } = await import('../src/file-io.js');
    let bytesRead = 0;
    const counting = {
      ...nodeFs,
      async open(path: string, flags: string) {
        const f = await nodeFs.open(path, flags);
        return Object.assign(Object.create(Object.getPrototypeOf(f)), f, {
          read: async (b: Buffer, o: number, l: number, p: number) => {
            const r = await f.read(b, o, l, p);
            bytesRead += r.bytesRead;
            return r;
          },
        });
      },
    };
    const clean = await openLog(dir, { segmentBytes: 100_000 }, { hadCleanShutdown: true, fs: counting });
    expect(clean.logEndOffset).toBe(leo);
    expect(bytesRead).toBeLessThan(size / 10);
    await clean.close();
    bytesRead = 0;
    const unclean = await openLog(dir, { segmentBytes: 100_000 }, { fs: counting });
    expect(unclean.logEndOffset).toBe(leo);
    expect(bytesRead).toBeGreaterThanOrEqual(size);
    await unclean.close();
  });
});
