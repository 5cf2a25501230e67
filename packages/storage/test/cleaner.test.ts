import { afterEach, describe, expect, it } from 'vitest';
import { CompressionType, decodeRecordBatches, encodeRecordBatch, splitBatches } from '@runnel/protocol';
import { LogCleaner } from '../src/cleaner.js';
import type { Log } from '../src/log.js';
import { FakeClock, openLog, removeTempDirs, silent, tempDir } from './helpers.js';

afterEach(removeTempDirs);

interface Written {
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: number;
}

async function readAll(log: Log): Promise<Written[]> {
  const { records } = await log.read(log.logStartOffset, 1 << 24);
  const out: Written[] = [];
  for (const b of await decodeRecordBatches(records)) {
    for (const r of b.records) out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, timestamp: r.timestamp });
  }
  return out;
}

/** What compaction must leave: below `cleanBelow`, the last record per key among those below it, minus expired tombstones. */
function expected(written: Written[], cleanBelow: number, horizon: number): Written[] {
  const last = new Map<string, number>();
  for (const w of written) if (w.key !== null && w.offset < cleanBelow) last.set(w.key, w.offset);
  return written.filter((w) => {
    if (w.offset >= cleanBelow || w.key === null) return true;
    if (last.get(w.key) !== w.offset) return false;
    return !(w.value === null && w.timestamp < horizon);
  });
}

describe('log cleaner', () => {
  it('keeps the latest value per key at its original offset and drops old tombstones', async () => {
    const clock = new FakeClock(10_000_000);
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 700, cleanupPolicy: 'compact', deleteRetentionMs: 1000 }, { clock });
    const written: Written[] = [];
    let n = 0;
    const codecs = [CompressionType.None, CompressionType.Gzip, CompressionType.Lz4];
    for (let b = 0; b < 40; b++) {
      const recs = [];
      for (let i = 0; i < 4; i++) {
        const k = (b * 7 + i * 3) % 9;
        // Late writes of keys 5 and 7 are tombstones: key 5's are old enough to drop, key 7's recent.
        const tomb = (k === 5 || k === 7) && b > 20;
        const timestamp = tomb && k === 5 ? clock.t - 5000 : clock.t;
        const value = tomb ? null : `v${n}`;
        recs.push({ key: i === 3 && b % 5 === 0 ? null : Buffer.from(`k${k}`), value: value === null ? null : Buffer.from(value), timestamp });
        n++;
      }
      const bytes = await encodeRecordBatch(recs, { compression: codecs[b % 3] });
      const r = await log.append(bytes, { leaderEpoch: 1 });
      recs.forEach((x, i) => written.push({ offset: r.firstOffset + i, key: x.key?.toString() ?? null, value: x.value?.toString() ?? null, timestamp: x.timestamp }));
    }
    log.updateHighWatermark(log.logEndOffset);
    const leo = log.logEndOffset;
    const segmentsBefore = log.segmentCount;
    const activeBase = log.segmentBaseOffsets.at(-1)!;
    expect(await readAll(log)).toEqual(written);

    const cleaner = new LogCleaner({ clock, logger: silent });
    const stats = await cleaner.clean(log, 0);
    expect(stats).not.toBeNull();
    expect(stats!.cleanedUpTo).toBe(activeBase);
    expect(stats!.recordsRemoved).toBeGreaterThan(0);
    const want = expected(written, activeBase, clock.t - 1000);
    expect(await readAll(log)).toEqual(want);
    // Tombstones: the expired ones are gone, a recent one stays.
    expect(want.some((w) => w.key === 'k7' && w.value === null && w.offset < activeBase)).toBe(true);
    expect(want.some((w) => w.key === 'k5' && w.offset < activeBase)).toBe(false);
    expect(written.some((w) => w.key === 'k5' && w.value === null && w.offset < activeBase)).toBe(true);
    expect(log.logEndOffset).toBe(leo);
    expect(stats!.bytesAfter).toBeLessThan(stats!.bytesBefore);
    expect(log.segmentCount).toBeLessThanOrEqual(segmentsBefore);
    // Every batch on disk is valid and reads still locate by offset.
    splitBatches((await log.read(0, 1 << 24)).records);
    for (const w of want) {
      const first = (await decodeRecordBatches((await log.read(w.offset, 1)).records))[0]!;
      expect(first.records.some((r) => r.offset === w.offset)).toBe(true);
    }
    // A second pass right away finds nothing dirty.
    expect(await cleaner.clean(log, stats!.cleanedUpTo)).toBeNull();
    // Appends continue at the same end.
    const after = await log.append(await encodeRecordBatch([{ key: Buffer.from('k1'), value: Buffer.from('new'), timestamp: clock.t }]), { leaderEpoch: 1 });
    expect(after.firstOffset).toBe(leo);
    await log.close();

    // The compacted log survives restarts, clean and unclean.
    const reopened = await openLog(dir, { segmentBytes: 700, cleanupPolicy: 'compact' }, { clock, hadCleanShutdown: true });
    expect((await readAll(reopened)).slice(0, want.length)).toEqual(want);
    const reopenedUnclean = await openLog(dir, { segmentBytes: 700, cleanupPolicy: 'compact' }, { clock });
    expect((await readAll(reopenedUnclean)).slice(0, want.length)).toEqual(want);
    await reopenedUnclean.close();
    await reopened.close();
  });

  it('waits for min.cleanable.dirty.ratio unless forced and never cleans above the high watermark', async () => {
    const clock = new FakeClock();
    const log = await openLog(await tempDir(), { segmentBytes: 300, cleanupPolicy: 'compact', minCleanableDirtyRatio: 0.99 }, { clock });
    for (let b = 0; b < 10; b++) {
      await log.append(await encodeRecordBatch([{ key: Buffer.from('same'), value: Buffer.from(`v${b}`), timestamp: clock.t }]), { leaderEpoch: 0 });
    }
    const cleaner = new LogCleaner({ clock, logger: silent });
    expect(await cleaner.clean(log, 0, true)).toBeNull(); // high watermark 0: nothing cleanable
    log.updateHighWatermark(log.logEndOffset);
    const firstPass = await cleaner.clean(log, 0);
    expect(firstPass).not.toBeNull();
    const dirty = firstPass!.cleanedUpTo;
    for (let b = 0; b < 3; b++) {
      await log.append(await encodeRecordBatch([{ key: Buffer.from('same'), value: Buffer.from(`w${b}`), timestamp: clock.t }]), { leaderEpoch: 0 });
    }
    log.updateHighWatermark(log.logEndOffset);
    expect(cleaner.dirtyState(log, dirty).ratio).toBeLessThan(0.99);
    expect(await cleaner.clean(log, dirty)).toBeNull();
    expect(await cleaner.clean(log, dirty, true)).not.toBeNull();
    await log.close();
  });
});
