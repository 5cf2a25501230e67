import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RunnelError, crc32c, readInt64BE, writeInt64BE } from '@runnel/protocol';
import { Level } from 'level';
import type { RaftInitialState } from './core.js';
import { NO_NODE, type Entry, type EntryType, type HardState, type Snapshot, type SnapshotMeta } from './types.js';

/**
 * The durable Raft state of one voter: term, vote, commit and log entries in LevelDB, snapshots as
 * files beside it. Every write the core depends on is one synced LevelDB batch, so a crash leaves
 * either all of it or none; several pending Readies are grouped into one batch (one fsync).
 * Only a batch whose sole change is the commit index skips the sync (see write()).
 *
 * Keys sort by index: 'e' + index as 8 bytes big-endian. 'h' holds the hard state, 's' names the
 * snapshot the log starts after. A snapshot file is written and fsynced under a temporary name,
 * renamed, and the directory fsynced, before 's' points at it in the same batch that drops the log
 * it replaces; a crash in between leaves an unreferenced file, which the next open deletes.
 */

/** One Ready's worth of durable changes. */
export interface StoreWrite {
  hardState: HardState | null;
  /** Replaces stored entries from entries[0].index on. */
  entries: Entry[];
  /** A snapshot from the leader: the whole stored log is dropped in its favour. */
  snapshot: Snapshot | null;
}

const HARD_KEY = Buffer.from('h');
const SNAP_KEY = Buffer.from('s');
const ENTRY_PREFIX = 0x65; // 'e'
const TYPE_CODES: Record<EntryType, number> = { normal: 0, noop: 1, config: 2 };
const TYPES: EntryType[] = ['normal', 'noop', 'config'];
const SNAP_MAGIC = 0x52534e50; // 'RSNP'

type Db = Level<Buffer, Buffer>;

function entryKey(index: number): Buffer {
  const key = Buffer.allocUnsafe(9);
  key[0] = ENTRY_PREFIX;
  writeInt64BE(key, index, 1);
  return key;
}

function encodeEntry(e: Entry): Buffer {
  const buf = Buffer.allocUnsafe(9 + e.data.length);
  writeInt64BE(buf, e.term, 0);
  buf[8] = TYPE_CODES[e.type];
  e.data.copy(buf, 9);
  return buf;
}

function decodeEntry(index: number, buf: Buffer): Entry {
  const type = TYPES[buf[8]!];
  if (buf.length < 9 || !type) throw new RunnelError('KAFKA_STORAGE_ERROR', `raft log entry ${index} is corrupt`);
  return { index, term: readInt64BE(buf, 0), type, data: Buffer.from(buf.subarray(9)) };
}

function encodeHardState(hs: HardState): Buffer {
  const buf = Buffer.allocUnsafe(20);
  writeInt64BE(buf, hs.term, 0);
  buf.writeInt32BE(hs.vote, 8);
  writeInt64BE(buf, hs.commit, 12);
  return buf;
}

function encodeSnapRef(meta: SnapshotMeta): Buffer {
  const buf = Buffer.allocUnsafe(16);
  writeInt64BE(buf, meta.index, 0);
  writeInt64BE(buf, meta.term, 8);
  return buf;
}

function snapshotFileName(index: number, term: number): string {
  return `snapshot-${String(index).padStart(20, '0')}-${term}.snap`;
}

/** [magic][index][term][voter count][voters][data length][data][crc32c of all before] */
function encodeSnapshotFile(snap: Snapshot): Buffer {
  const { index, term, voters } = snap.meta;
  const head = 4 + 8 + 8 + 4 + 4 * voters.length + 8;
  const buf = Buffer.allocUnsafe(head + snap.data.length + 4);
  buf.writeUInt32BE(SNAP_MAGIC, 0);
  writeInt64BE(buf, index, 4);
  writeInt64BE(buf, term, 12);
  buf.writeUInt32BE(voters.length, 20);
  voters.forEach((v, i) => buf.writeInt32BE(v, 24 + 4 * i));
  writeInt64BE(buf, snap.data.length, head - 8);
  snap.data.copy(buf, head);
  buf.writeUInt32BE(crc32c(buf.subarray(0, head + snap.data.length)), head + snap.data.length);
  return buf;
}

function decodeSnapshotFile(buf: Buffer, file: string): Snapshot {
  const bad = (): never => {
    throw new RunnelError('KAFKA_STORAGE_ERROR', `snapshot file ${file} is corrupt; restore it from another controller`);
  };
  if (buf.length < 32 || buf.readUInt32BE(0) !== SNAP_MAGIC) bad();
  if (crc32c(buf.subarray(0, buf.length - 4)) !== buf.readUInt32BE(buf.length - 4)) bad();
  const count = buf.readUInt32BE(20);
  const head = 24 + 4 * count + 8;
  if (buf.length < head + 4) bad();
  const voters: number[] = [];
  for (let i = 0; i < count; i++) voters.push(buf.readInt32BE(24 + 4 * i));
  const len = readInt64BE(buf, head - 8);
  if (head + len + 4 !== buf.length) bad();
  return { meta: { index: readInt64BE(buf, 4), term: readInt64BE(buf, 12), voters }, data: Buffer.from(buf.subarray(head, head + len)) };
}

export class LevelLogStore {
  /** Stored entries span [firstIndex, lastIndex]; empty when lastIndex < firstIndex. */
  private firstIndex = 1;
  private lastIndex = 0;
  private snapshotMeta: SnapshotMeta | null = null;
  /** Term and vote as last written with sync: a batch that changes either must sync. */
  private syncedTerm = 0;
  private syncedVote = NO_NODE;

  private constructor(
    private readonly db: Db,
    private readonly snapshotDir: string,
  ) {}

  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string): Promise<LevelLogStore> {
    const snapshotDir = join(dir, 'snapshots');
    await mkdir(snapshotDir, { recursive: true });
    const db: Db = new Level<Buffer, Buffer>(join(dir, 'log'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await db.open();
    return new LevelLogStore(db, snapshotDir);
  }

  /** Reads back exactly what was persisted. */
  async load(): Promise<RaftInitialState> {
    const hsBuf = await this.db.get(HARD_KEY);
    const hardState: HardState = hsBuf
      ? { term: readInt64BE(hsBuf, 0), vote: hsBuf.readInt32BE(8), commit: readInt64BE(hsBuf, 12) }
      : { term: 0, vote: NO_NODE, commit: 0 };
    this.syncedTerm = hardState.term;
    this.syncedVote = hardState.vote;
    const ref = await this.db.get(SNAP_KEY);
    let snapshot: Snapshot | null = null;
    if (ref) {
      const index = readInt64BE(ref, 0);
      const term = readInt64BE(ref, 8);
      const file = join(this.snapshotDir, snapshotFileName(index, term));
      snapshot = decodeSnapshotFile(await readFile(file), file);
      this.snapshotMeta = snapshot.meta;
    }
    await this.removeSnapshotsOtherThan(this.snapshotMeta);
    const after = snapshot?.meta.index ?? 0;
    const entries: Entry[] = [];
    for await (const [key, value] of this.db.iterator({ gt: entryKey(after), lt: Buffer.from([ENTRY_PREFIX + 1]) })) {
      const index = readInt64BE(key, 1);
      if (entries.length > 0 && index !== entries[entries.length - 1]!.index + 1) {
        throw new RunnelError('KAFKA_STORAGE_ERROR', `raft log has a gap before entry ${index}`);
      }
      entries.push(decodeEntry(index, value));
    }
    this.firstIndex = after + 1;
    this.lastIndex = entries.length > 0 ? entries[entries.length - 1]!.index : after;
    return { hardState, snapshot, entries };
  }

  /**
   * Makes the given writes durable, in order, with one batch. It is synced unless all it changes is
   * the commit index: a commit index read back lower than it was is safe (commit is volatile state
   * in Raft, re-learnt from the leader), and the next synced batch makes it durable anyway, since
   * LevelDB's log keeps writes in order.
   */
  async write(writes: StoreWrite[]): Promise<void> {
    // A chained batch: LevelDB's array form clones and re-validates every operation, several times
    // the cost of the write itself for small entries.
    const batch = this.db.batch();
    let sync = false;
    let last = this.lastIndex;
    let first = this.firstIndex;
    let newSnapshot: Snapshot | null = null;
    let hard: HardState | null = null;
    for (const w of writes) {
      if (w.snapshot) {
        newSnapshot = w.snapshot;
        sync = true;
        for (let i = first; i <= last; i++) batch.del(entryKey(i));
        first = w.snapshot.meta.index + 1;
        last = w.snapshot.meta.index;
        batch.put(SNAP_KEY, encodeSnapRef(w.snapshot.meta));
      }
      if (w.entries.length > 0) {
        sync = true;
        const from = w.entries[0]!.index;
        for (let i = Math.max(from, first); i <= last; i++) batch.del(entryKey(i));
        for (const e of w.entries) batch.put(entryKey(e.index), encodeEntry(e));
        last = w.entries[w.entries.length - 1]!.index;
      }
      if (w.hardState) {
        hard = w.hardState;
        if (hard.term !== this.syncedTerm || hard.vote !== this.syncedVote) sync = true;
      }
    }
    if (hard) batch.put(HARD_KEY, encodeHardState(hard));
    if (newSnapshot) await this.writeSnapshotFile(newSnapshot);
    if (batch.length > 0) await batch.write({ sync });
    else await batch.close();
    if (hard && sync) {
      this.syncedTerm = hard.term;
      this.syncedVote = hard.vote;
    }
    this.firstIndex = first;
    this.lastIndex = last;
    if (newSnapshot) {
      const previous = this.snapshotMeta;
      this.snapshotMeta = newSnapshot.meta;
      if (previous) await this.removeSnapshotFile(previous);
    }
  }

  /** Stores a snapshot the local state machine took, then drops the log it covers. */
  async compact(snapshot: Snapshot): Promise<void> {
    const { index } = snapshot.meta;
    await this.writeSnapshotFile(snapshot);
    const batch = this.db.batch();
    batch.put(SNAP_KEY, encodeSnapRef(snapshot.meta));
    const upTo = Math.min(index, this.lastIndex);
    for (let i = this.firstIndex; i <= upTo; i++) batch.del(entryKey(i));
    await batch.write({ sync: true });
    this.firstIndex = index + 1;
    if (this.lastIndex < index) this.lastIndex = index;
    const previous = this.snapshotMeta;
    this.snapshotMeta = snapshot.meta;
    if (previous && previous.index !== index) await this.removeSnapshotFile(previous);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async writeSnapshotFile(snap: Snapshot): Promise<void> {
    const name = snapshotFileName(snap.meta.index, snap.meta.term);
    const tmp = join(this.snapshotDir, `${name}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(encodeSnapshotFile(snap));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.snapshotDir, name));
    const dh = await open(this.snapshotDir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  private async removeSnapshotFile(meta: SnapshotMeta): Promise<void> {
    await unlink(join(this.snapshotDir, snapshotFileName(meta.index, meta.term))).catch(() => undefined);
  }

  private async removeSnapshotsOtherThan(keep: SnapshotMeta | null): Promise<void> {
    const keepName = keep ? snapshotFileName(keep.index, keep.term) : null;
    for (const name of await readdir(this.snapshotDir)) {
      if (name !== keepName) await unlink(join(this.snapshotDir, name)).catch(() => undefined);
    }
  }
}
