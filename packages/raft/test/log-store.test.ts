import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelLogStore } from '../src/log-store.js';
import type { Entry, Snapshot } from '../src/types.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'raft-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const entry = (index: number, term: number, text: string, type: Entry['type'] = 'normal'): Entry => ({ index, term, type, data: Buffer.from(text) });

describe('LevelLogStore', () => {
  it('starts empty', async () => {
    const store = await LevelLogStore.open(await tempDir());
    expect(await store.load()).toEqual({ hardState: { term: 0, vote: 0, commit: 0 }, snapshot: null, entries: [] });
    await store.close();
  });

  it('reopening restores exactly the persisted term, vote, commit and log, with overwritten tails gone', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([
      { hardState: { term: 1, vote: 2, commit: 0 }, entries: [entry(1, 1, 'a', 'noop'), entry(2, 1, 'b'), entry(3, 1, 'c'), entry(4, 1, 'd')], snapshot: null },
    ]);
    // Two Readies grouped into one batch: a new leader's entries replace the tail from index 3.
    await store.write([
      { hardState: { term: 2, vote: 0, commit: 2 }, entries: [entry(3, 2, 'C')], snapshot: null },
      { hardState: null, entries: [entry(4, 2, 'D', 'config'), entry(5, 2, 'E')], snapshot: null },
    ]);
    await store.write([{ hardState: null, entries: [entry(5, 3, 'E3')], snapshot: null }]);
    await store.close();

    store = await LevelLogStore.open(dir);
    const state = await store.load();
    expect(state.hardState).toEqual({ term: 2, vote: 0, commit: 2 });
    expect(state.snapshot).toBeNull();
    expect(state.entries).toEqual([entry(1, 1, 'a', 'noop'), entry(2, 1, 'b'), entry(3, 2, 'C'), entry(4, 2, 'D', 'config'), entry(5, 3, 'E3')]);
    await store.close();
  });

  it('keeps a commit-only write (the one kind written without sync) and the writes around it', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: { term: 3, vote: 1, commit: 0 }, entries: [entry(1, 3, 'a'), entry(2, 3, 'b')], snapshot: null }]);
    await store.write([{ hardState: { term: 3, vote: 1, commit: 2 }, entries: [], snapshot: null }]);
    await store.close();

    store = await LevelLogStore.open(dir);
    let state = await store.load();
    expect(state.hardState).toEqual({ term: 3, vote: 1, commit: 2 });
    // A vote in a new term after reopening is written (and synced) like any other change.
    await store.write([{ hardState: { term: 4, vote: 2, commit: 2 }, entries: [], snapshot: null }]);
    await store.close();
    store = await LevelLogStore.open(dir);
    state = await store.load();
    expect(state.hardState).toEqual({ term: 4, vote: 2, commit: 2 });
    expect(state.entries).toEqual([entry(1, 3, 'a'), entry(2, 3, 'b')]);
    await store.close();
  });

  it('a shorter replacement tail drops the stored entries past it', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: null, entries: [1, 2, 3, 4, 5].map((i) => entry(i, 1, `x${i}`)), snapshot: null }]);
    await store.write([{ hardState: null, entries: [entry(2, 2, 'y2')], snapshot: null }]);
    await store.close();
    store = await LevelLogStore.open(dir);
    expect((await store.load()).entries).toEqual([entry(1, 1, 'x1'), entry(2, 2, 'y2')]);
    await store.close();
  });

  it('keeps a local snapshot and the log after it across a reopen', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: { term: 1, vote: 1, commit: 6 }, entries: [1, 2, 3, 4, 5, 6].map((i) => entry(i, 1, `x${i}`)), snapshot: null }]);
    const first: Snapshot = { meta: { index: 2, term: 1, voters: [1, 2, 3] }, data: Buffer.from('state@2') };
    await store.compact(first);
    const second: Snapshot = { meta: { index: 4, term: 1, voters: [1, 2, 3, 4] }, data: Buffer.from('state@4') };
    await store.compact(second);
    await store.close();
    store = await LevelLogStore.open(dir);
    const state = await store.load();
    expect(state.snapshot).toEqual(second);
    expect(state.entries).toEqual([entry(5, 1, 'x5'), entry(6, 1, 'x6')]);
    expect(await readdir(join(dir, 'snapshots'))).toEqual(['snapshot-00000000000000000004-1.snap']);
    await store.close();
  });

  it('installs a leader snapshot in place of the whole log, then appends after it', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: { term: 1, vote: 0, commit: 2 }, entries: [1, 2, 3].map((i) => entry(i, 1, `old${i}`)), snapshot: null }]);
    const snap: Snapshot = { meta: { index: 10, term: 3, voters: [1, 2, 3] }, data: Buffer.alloc(3000, 7) };
    await store.write([
      { hardState: { term: 3, vote: 0, commit: 10 }, entries: [], snapshot: snap },
      { hardState: null, entries: [entry(11, 3, 'new11')], snapshot: null },
    ]);
    await store.close();
    store = await LevelLogStore.open(dir);
    expect(await store.load()).toEqual({ hardState: { term: 3, vote: 0, commit: 10 }, snapshot: snap, entries: [entry(11, 3, 'new11')] });
    await store.close();
  });

  it('ignores a snapshot file that was written but never referenced (a crash before the batch)', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: { term: 1, vote: 0, commit: 1 }, entries: [entry(1, 1, 'a')], snapshot: null }]);
    await store.close();
    await writeFile(join(dir, 'snapshots', 'snapshot-00000000000000000009-1.snap.tmp'), 'partial');
    await writeFile(join(dir, 'snapshots', 'snapshot-00000000000000000009-1.snap'), 'unreferenced');
    store = await LevelLogStore.open(dir);
    const state = await store.load();
    expect(state.snapshot).toBeNull();
    expect(state.entries).toEqual([entry(1, 1, 'a')]);
    expect(await readdir(join(dir, 'snapshots'))).toEqual([]);
    await store.close();
  });

  it('refuses a corrupt snapshot file with a clear error', async () => {
    const dir = await tempDir();
    let store = await LevelLogStore.open(dir);
    await store.load();
    await store.write([{ hardState: null, entries: [entry(1, 1, 'a'), entry(2, 1, 'b')], snapshot: null }]);
    await store.compact({ meta: { index: 1, term: 1, voters: [1] }, data: Buffer.from('good') });
    await store.close();
    await writeFile(join(dir, 'snapshots', 'snapshot-00000000000000000001-1.snap'), Buffer.from('RSNPgarbage-garbage-garbage-garbage'));
    store = await LevelLogStore.open(dir);
    await expect(store.load()).rejects.toThrow(/snapshot file .* is corrupt/);
    await store.close();
  });
});
