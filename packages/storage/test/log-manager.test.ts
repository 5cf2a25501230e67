import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch, splitBatches } from '@runnel/protocol';
import { OffsetCheckpointFile, parsePartitionKey, partitionKey } from '../src/checkpoint-file.js';
import { nodeFs } from '../src/file-io.js';
import type { StorageFs } from '../src/file-io.js';
import { CLEAN_SHUTDOWN_MARKER, LogManager } from '../src/log-manager.js';
import type { LogManagerOptions } from '../src/log-manager.js';
import { FakeClock, batchOf, config, removeTempDirs, silent, tempDir } from './helpers.js';

afterEach(removeTempDirs);

function manager(dataDir: string, extra: Partial<LogManagerOptions> = {}): Promise<LogManager> {
  return LogManager.open({ dataDir, defaultConfig: config({ segmentBytes: 600 }), logger: silent, clock: new FakeClock(), ...extra });
}

describe('checkpoint files', () => {
  it('round-trip topic names with dashes and are replaced atomically', async () => {
    const dir = await tempDir();
    const f = new OffsetCheckpointFile(nodeFs, join(dir, 'cp'));
    const m = new Map([
      [partitionKey('orders-eu', 3), 42],
      [partitionKey('a', 0), 0],
    ]);
    await f.write(m);
    expect(await f.read()).toEqual(m);
    expect(await readFile(join(dir, 'cp'), 'utf8')).toBe('0\n2\norders-eu 3 42\na 0 0\n');
    expect(await readdir(dir)).toEqual(['cp']);
    expect(parsePartitionKey('orders-eu-3')).toEqual({ topic: 'orders-eu', partition: 3 });
  });
});

describe('log manager', () => {
  it('creates logs, checkpoints them and restores state after a clean restart', async () => {
    const dataDir = await tempDir();
    const m = await manager(dataDir);
    const a = await m.createLog('orders', 0);
    const b = await m.createLog('orders', 1);
    expect(await m.createLog('orders', 0)).toBe(a);
    for (let i = 0; i < 10; i++) await a.append(await batchOf(3), { leaderEpoch: 2 });
    await b.append(await batchOf(2), { leaderEpoch: 2 });
    a.updateHighWatermark(24);
    await a.incrementLogStartOffset(5);
    expect(m.sizes()).toEqual(new Map([
      ['orders-0', a.size],
      ['orders-1', b.size],
    ]));
    await m.close();
    expect(await readdir(dataDir)).toContain(CLEAN_SHUTDOWN_MARKER);

    const again = await manager(dataDir);
    expect(await readdir(dataDir)).not.toContain(CLEAN_SHUTDOWN_MARKER);
    const a2 = again.getLog('orders', 0)!;
    expect([a2.logStartOffset, a2.highWatermark, a2.logEndOffset, a2.recoveryPoint]).toEqual([5, 24, 30, 30]);
    expect(again.getLog('orders', 1)!.logEndOffset).toBe(2);
    await again.close();
  });

  it('recovers every log after an unclean stop, opening them in parallel', async () => {
    const dataDir = await tempDir();
    const m = await manager(dataDir);
    for (let p = 0; p < 8; p++) {
      const log = await m.createLog('t', p);
      for (let i = 0; i <= p; i++) await log.append(await batchOf(2), { leaderEpoch: 0 });
    }
    await m.checkpoint();
    // No close: as if the process died.
    const again = await manager(dataDir, { recoveryParallelism: 3 });
    for (let p = 0; p < 8; p++) {
      const log = again.getLog('t', p)!;
      expect(log.logEndOffset).toBe((p + 1) * 2);
      expect(splitBatches((await log.read(0, 1 << 20)).records).length).toBe(p + 1);
    }
    await again.close();
  });

  it('deletes a log and its directory', async () => {
    const dataDir = await tempDir();
    const m = await manager(dataDir);
    const log = await m.createLog('gone', 0);
    await log.append(await batchOf(2), { leaderEpoch: 0 });
    expect(await m.deleteLog('gone', 0)).toBe(true);
    expect(m.getLog('gone', 0)).toBeUndefined();
    expect((await readdir(dataDir)).filter((n) => n.startsWith('gone'))).toEqual([]);
    await expect(m.createLog('../x', 0)).rejects.toMatchObject({ errorName: 'INVALID_TOPIC_EXCEPTION' });
    await m.close();
  });

  it('runs retention and compaction over its logs, and the schedule drives them', async () => {
    const dataDir = await tempDir();
    const intervals: { fn: () => void; ms: number }[] = [];
    const timers = { setInterval: (fn: () => void, ms: number) => intervals.push({ fn, ms }), clearInterval: () => undefined };
    const m = await manager(dataDir, { timers, retentionCheckIntervalMs: 1000 });
    const del = await m.createLog('del', 0, config({ segmentBytes: 400, retentionBytes: 500 }));
    const cmp = await m.createLog('cmp', 0, config({ segmentBytes: 400, cleanupPolicy: 'compact', minCleanableDirtyRatio: 0.1 }));
    for (let i = 0; i < 20; i++) {
      await del.append(await batchOf(3), { leaderEpoch: 0 });
      await cmp.append(await encodeRecordBatch([{ key: Buffer.from(`k${i % 2}`), value: Buffer.from(`v${i}`), timestamp: 1 }]), { leaderEpoch: 0 });
    }
    del.updateHighWatermark(del.logEndOffset);
    cmp.updateHighWatermark(cmp.logEndOffset);
    m.start();
    expect(intervals.map((i) => i.ms)).toContain(1000);
    // Fire every scheduled task once, then wait for their effects.
    for (const i of intervals) i.fn();
    await expect.poll(() => del.logStartOffset).toBeGreaterThan(0);
    // Below the active segment only the last value of each of the two keys is left.
    const active = cmp.segmentBaseOffsets.at(-1)!;
    const belowActive = async () => splitBatches((await cmp.read(cmp.logStartOffset, 1 << 20)).records).filter((b) => b.header.baseOffset < active).length;
    await expect.poll(belowActive).toBe(2);
    await m.close();
  });
});

describe('compaction swap crash safety', () => {
  function failingRename(fail: (from: string, to: string) => boolean): StorageFs {
    return {
      ...nodeFs,
      async rename(from, to) {
        if (fail(from, to)) throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
        return nodeFs.rename(from, to);
      },
    };
  }

  for (const [name, fail, expectCleaned] of [
    ['before the swap files exist', (from: string) => from.endsWith('.log.cleaned'), false],
    ['after the old segments were renamed away', (from: string) => from.endsWith('.log.swap'), true],
  ] as const) {
    it(`recovers when interrupted ${name}`, async () => {
      const dataDir = await tempDir();
      const fs = failingRename(fail);
      const m = await manager(dataDir, { fs });
      const log = await m.createLog('c', 0, config({ segmentBytes: 300, cleanupPolicy: 'compact' }));
      for (let i = 0; i < 12; i++) await log.append(await encodeRecordBatch([{ key: Buffer.from('k'), value: Buffer.from(`v${i}`), timestamp: 1 }]), { leaderEpoch: 0 });
      log.updateHighWatermark(log.logEndOffset);
      const before = (await log.read(0, 1 << 20)).records;
      const active = log.segmentBaseOffsets.at(-1)!;
      await m.runCleaner(true);
      // The process "dies" here; a new one opens the directory.
      const again = await manager(dataDir);
      const reopened = again.getLog('c', 0)!;
      expect(reopened.logEndOffset).toBe(12);
      const offsets = splitBatches((await reopened.read(0, 1 << 20)).records).map((b) => b.header.baseOffset);
      if (expectCleaned) {
        expect(offsets.filter((o) => o < active).length).toBeLessThan(splitBatches(before).filter((b) => b.header.baseOffset < active).length);
      } else {
        expect((await reopened.read(0, 1 << 20)).records.equals(before)).toBe(true);
      }
      expect((await readdir(join(dataDir, 'c-0'))).filter((n) => /cleaned|swap|deleted/.test(n))).toEqual([]);
      await again.close();
    });
  }
});
