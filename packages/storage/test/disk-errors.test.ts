import { afterEach, describe, expect, it } from 'vitest';
import { splitBatches } from '@runnel/protocol';
import { nodeFs } from '../src/file-io.js';
import type { LogFile, StorageFs } from '../src/file-io.js';
import { batchOf, openLog, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

/** A file system whose .log writes fail with `code` while `failing` is set, after writing half. */
function faultyFs(state: { failing: boolean; code: string }): StorageFs {
  return {
    ...nodeFs,
    async open(path: string, flags: string): Promise<LogFile> {
      const f = await nodeFs.open(path, flags);
      if (!path.endsWith('.log')) return f;
      return {
        read: (b, o, l, p) => f.read(b, o, l, p),
        truncate: (n) => f.truncate(n),
        sync: () => f.sync(),
        datasync: () => f.datasync(),
        size: () => f.size(),
        close: () => f.close(),
        async write(b, o, l, p) {
          if (!state.failing) return f.write(b, o, l, p);
          // A partial write lands, then the disk fills up.
          await f.write(b, o, Math.floor(l / 2), p);
          throw Object.assign(new Error(`${state.code}: simulated`), { code: state.code });
        },
      };
    },
  };
}

describe('disk errors', () => {
  it('turns ENOSPC into KAFKA_STORAGE_ERROR and keeps the log readable, writable and recoverable', async () => {
    const dir = await tempDir();
    const state = { failing: false, code: 'ENOSPC' };
    const log = await openLog(dir, {}, { fs: faultyFs(state) });
    await log.append(await batchOf(3), { leaderEpoch: 0 });
    await log.append(await batchOf(2), { leaderEpoch: 0 });
    const before = { leo: log.logEndOffset, size: log.size };
    state.failing = true;
    const err = await log.append(await batchOf(4, { valueBytes: 300 }), { leaderEpoch: 0 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ errorName: 'KAFKA_STORAGE_ERROR' });
    expect(String((err as Error).message)).toMatch(/ENOSPC/);
    state.code = 'EIO';
    await expect(log.append(await batchOf(1), { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'KAFKA_STORAGE_ERROR' });
    expect({ leo: log.logEndOffset, size: log.size }).toEqual(before);
    expect(splitBatches((await log.read(0, 1 << 20)).records).map((b) => b.header.baseOffset)).toEqual([0, 3]);

    // Space comes back: appends continue at the same offset.
    state.failing = false;
    const r = await log.append(await batchOf(2), { leaderEpoch: 0 });
    expect(r.firstOffset).toBe(5);
    // Fail once more, then reopen without a clean close: recovery keeps exactly the good batches.
    state.failing = true;
    await expect(log.append(await batchOf(6, { valueBytes: 100 }), { leaderEpoch: 0 })).rejects.toMatchObject({ errorName: 'KAFKA_STORAGE_ERROR' });
    const reopened = await openLog(dir);
    expect(reopened.logEndOffset).toBe(7);
    expect(splitBatches((await reopened.read(0, 1 << 20)).records).map((b) => b.header.baseOffset)).toEqual([0, 3, 5]);
    await reopened.close();
  });
});
