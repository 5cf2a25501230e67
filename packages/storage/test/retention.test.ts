import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { splitBatches } from '@runnel/protocol';
import { FakeClock, batchOf, openLog, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

describe('retention', () => {
  it('deletes the oldest whole segments past retention.bytes, never above the high watermark', async () => {
    const dir = await tempDir();
    const log = await openLog(dir, { segmentBytes: 600, retentionBytes: 1500 }, { clock: new FakeClock() });
    for (let i = 0; i < 40; i++) await log.append(await batchOf(3, { prefix: `r${i}` }), { leaderEpoch: 0 });
    const bases = log.segmentBaseOffsets;
    expect(bases.length).toBeGreaterThan(4);
    // Nothing is replicated yet: nothing may go.
    expect(await log.deleteOldSegments()).toBe(0);
    log.updateHighWatermark(log.logEndOffset);
    const sizeBefore = log.size;
    const deleted = await log.deleteOldSegments();
    expect(deleted).toBeGreaterThan(0);
    expect(log.size).toBeLessThan(sizeBefore);
    // Kafka's rule: a segment goes only if the log stays at or above retention.bytes without it.
    expect(log.size).toBeGreaterThanOrEqual(1500);
    expect(log.size).toBeLessThan(1500 + 600);
    expect(log.logStartOffset).toBe(bases[deleted]);
    expect(log.segmentBaseOffsets).toEqual(bases.slice(deleted));
    const files = (await readdir(dir)).filter((n) => n.endsWith('.log'));
    expect(files.length).toBe(log.segmentCount);
    const first = splitBatches((await log.read(log.logStartOffset, 1 << 20)).records)[0]!;
    expect(first.header.baseOffset).toBe(log.logStartOffset);
    await log.close();
  });

  it('deletes segments whose newest record is older than retention.ms, rolling if all are expired', async () => {
    const clock = new FakeClock(1_000_000);
    const log = await openLog(await tempDir(), { segmentBytes: 400, retentionMs: 10_000 }, { clock });
    for (let i = 0; i < 6; i++) await log.append(await batchOf(3, { timestamp: 1_000_000 + i * 1000 }), { leaderEpoch: 0 });
    for (let i = 0; i < 6; i++) await log.append(await batchOf(3, { timestamp: 1_050_000 }), { leaderEpoch: 0 });
    log.updateHighWatermark(log.logEndOffset);
    clock.t = 1_050_000;
    const before = log.segmentBaseOffsets;
    // The first segment to keep is the first holding a batch newer than 10 s before now.
    const all = splitBatches((await log.read(0, 1 << 20)).records);
    const recent = all.find((b) => b.header.maxTimestamp >= 1_040_000)!.header.baseOffset;
    const keepFrom = before.filter((b) => b <= recent).at(-1)!;
    expect(keepFrom).toBeGreaterThan(0);
    expect(await log.deleteOldSegments()).toBe(before.indexOf(keepFrom));
    expect(log.logStartOffset).toBe(keepFrom);
    // Much later everything has expired: the log rolls and keeps an empty active segment.
    clock.t = 2_000_000;
    const leo = log.logEndOffset;
    await log.deleteOldSegments();
    expect([log.logStartOffset, log.logEndOffset, log.size]).toEqual([leo, leo, 0]);
    expect((await log.append(await batchOf(1), { leaderEpoch: 0 })).firstOffset).toBe(leo);
    await log.close();
  });

  it('removes segments below a raised log start offset (DeleteRecords) and keeps compacted logs otherwise', async () => {
    const log = await openLog(await tempDir(), { segmentBytes: 400, cleanupPolicy: 'compact', retentionBytes: 1 });
    for (let i = 0; i < 10; i++) await log.append(await batchOf(3), { leaderEpoch: 0 });
    log.updateHighWatermark(log.logEndOffset);
    expect(await log.deleteOldSegments()).toBe(0);
    const bases = log.segmentBaseOffsets;
    await log.incrementLogStartOffset(bases[2]! + 1);
    expect(await log.deleteOldSegments()).toBe(2);
    expect(log.logStartOffset).toBe(bases[2]! + 1);
    await expect(log.read(bases[2]!, 100)).rejects.toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE' });
    await expect(log.incrementLogStartOffset(log.logEndOffset + 1)).rejects.toMatchObject({ errorName: 'OFFSET_OUT_OF_RANGE' });
    await log.close();
  });
});
