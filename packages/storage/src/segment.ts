import { batchSize, lastOffset as batchLastOffset, verifyBatch } from '@runnel/protocol';
import { PEEK_SIZE, peekBatch } from './batch-peek.js';
import type { BatchPeek } from './batch-peek.js';
import type { LogFile, StorageFs } from './file-io.js';
import { readFully, writeFully } from './file-io.js';
import { OffsetIndex } from './offset-index.js';
import { DELETED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, segmentFile } from './segment-files.js';
import { storageError } from './storage-error.js';
import { TimeIndex } from './time-index.js';

export interface SegmentSettings {
  fs: StorageFs;
  indexIntervalBytes(): number;
  segmentIndexBytes(): number;
}

/** One batch about to be appended: where it sits in the append buffer and what it holds. */
export interface AppendedBatch {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  leaderEpoch: number;
}

export interface ReadHint {
  position: number;
  /** Size of the batch at `position`, if a read saw its header. */
  size?: number;
}

/** Where a batch sits in a segment file. */
export interface BatchLocation {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
}

const SCAN_CHUNK = 16 * 1024;
const RECOVER_CHUNK = 1024 * 1024;
/** Read positions remembered per segment: about one per concurrent sequential reader. */
const MAX_READ_HINTS = 64;

/**
 * One segment of a partition log: a .log file of RecordBatches back to back plus its offset and
 * time indexes. The in-memory `size` is the append position; bytes past it are never read.
 */
export class LogSegment {
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  /** Valid bytes in the log file; the next append goes here. */
  size = 0;
  /** lastOffset + 1 of the last batch, or the base offset while empty. */
  nextOffset: number;
  maxTimestamp = -1;
  offsetOfMaxTimestamp: number;
  /** Max timestamp of the first batch: segment.ms counts from here. */
  rollingBaseTimestamp: number | null = null;
  lastModified: number;
  private bytesSinceLastIndexEntry = 0;
  private readers = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  /**
   * offset -> position (and size, when known) of the first batch whose last offset is >= it,
   * left by earlier reads so a sequential reader needs neither the index nor a scan.
   */
  private readonly readHints = new Map<number, ReadHint>();
  /** '' for a live segment; CLEANED_SUFFIX or SWAP_SUFFIX while a compaction swaps it in. */
  private suffix = '';

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private readonly log: LogFile,
    private readonly settings: SegmentSettings,
    readonly created: number,
  ) {
    this.nextOffset = baseOffset;
    this.offsetOfMaxTimestamp = baseOffset;
    this.lastModified = created;
    this.offsetIndex = new OffsetIndex(segmentFile(dir, baseOffset, INDEX_SUFFIX), baseOffset, settings.segmentIndexBytes());
    this.timeIndex = new TimeIndex(segmentFile(dir, baseOffset, TIME_INDEX_SUFFIX), baseOffset, settings.segmentIndexBytes());
  }

  get logPath(): string {
    return segmentFile(this.dir, this.baseOffset, LOG_SUFFIX + this.suffix);
  }

  /**
   * A new, empty active segment with preallocated index files. A suffix (.cleaned) makes it a
   * compaction output that renameTo() later moves into place.
   */
  static async create(dir: string, baseOffset: number, settings: SegmentSettings, now: number, suffix = ''): Promise<LogSegment> {
    let log: LogFile | undefined;
    try {
      log = await settings.fs.open(segmentFile(dir, baseOffset, LOG_SUFFIX + suffix), 'w+');
      const seg = new LogSegment(dir, baseOffset, log, settings, now);
      seg.suffix = suffix;
      seg.offsetIndex.path += suffix;
      seg.timeIndex.path += suffix;
      await seg.offsetIndex.openForAppend(settings.fs, true);
      await seg.timeIndex.openForAppend(settings.fs, true);
      return seg;
    } catch (err) {
      await log?.close().catch(() => undefined);
      throw storageError(err, `creating segment ${baseOffset} in ${dir}`);
    }
  }

  /** An existing segment file; call loadIndexes() or recover() next. */
  static async open(dir: string, baseOffset: number, settings: SegmentSettings): Promise<LogSegment> {
    const path = segmentFile(dir, baseOffset, LOG_SUFFIX);
    const log = await settings.fs.open(path, 'r+');
    const seg = new LogSegment(dir, baseOffset, log, settings, await settings.fs.mtimeMs(path));
    seg.size = await log.size();
    return seg;
  }

  get largestTimestamp(): number {
    return this.maxTimestamp >= 0 ? this.maxTimestamp : this.lastModified;
  }

  /**
   * Load the index files written at roll or clean shutdown and find the segment's end from the
   * last index entry. Missing or damaged indexes are rebuilt from the log.
   * Returns false if the log itself looked damaged and a full recovery is needed instead.
   */
  async loadIndexes(): Promise<boolean> {
    const fs = this.settings.fs;
    const offsetOk = await this.offsetIndex.load(fs);
    const timeOk = await this.timeIndex.load(fs);
    if (!offsetOk || !timeOk || !this.offsetIndex.isSane(Math.max(this.size, 1))) return false;
    // The time index's last entry holds the segment's max timestamp (written at roll and close).
    if (!(await this.recomputeTail(this.offsetIndex.lastEntry.position))) return false;
    if (!this.timeIndex.isSane(this.nextOffset - 1)) return false;
    return true;
  }

  /**
   * Find nextOffset, the max timestamp and the rolling timestamp by scanning batch headers from
   * `from` to the end, on top of what the time index says. False if the bytes do not end on a
   * batch boundary.
   */
  private async recomputeTail(from: number): Promise<boolean> {
    const lastTime = this.timeIndex.lastEntry;
    this.maxTimestamp = lastTime ? lastTime.timestamp : -1;
    this.offsetOfMaxTimestamp = lastTime ? lastTime.offset : this.baseOffset;
    this.nextOffset = this.baseOffset;
    let end = from;
    await this.scan(from, this.size, (b, pos) => {
      this.nextOffset = b.lastOffset + 1;
      if (b.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = b.maxTimestamp;
        this.offsetOfMaxTimestamp = b.lastOffset;
      }
      end = pos + b.size;
      return true;
    });
    if (end !== this.size) return false;
    this.rollingBaseTimestamp = this.size > 0 ? ((await this.peekAt(0))?.maxTimestamp ?? null) : null;
    this.bytesSinceLastIndexEntry = this.size - this.offsetIndex.lastEntry.position;
    return true;
  }

  private async peekAt(position: number): Promise<BatchPeek | null> {
    const buf = Buffer.allocUnsafe(PEEK_SIZE);
    const n = await readFully(this.log, buf, 0, PEEK_SIZE, position);
    return n === PEEK_SIZE ? peekBatch(buf, 0) : null;
  }

  /**
   * Visit batch headers from `from` up to `limit`, reading in chunks. Stops when the visitor
   * returns false, at `limit`, or at bytes that are not a batch that fits before `limit`.
   */
  async scan(from: number, limit: number, visit: (batch: BatchPeek, position: number) => boolean): Promise<void> {
    let chunk: Buffer = Buffer.allocUnsafe(0);
    let chunkStart = from;
    let pos = from;
    while (pos + PEEK_SIZE <= limit) {
      if (pos + PEEK_SIZE > chunkStart + chunk.length) {
        const want = Math.min(SCAN_CHUNK, limit - pos);
        const buf = Buffer.allocUnsafe(want);
        const n = await readFully(this.log, buf, 0, want, pos);
        chunk = buf.subarray(0, n);
        chunkStart = pos;
        if (n < PEEK_SIZE) return;
      }
      const b = peekBatch(chunk, pos - chunkStart);
      if (b === null || pos + b.size > limit) return;
      if (!visit(b, pos)) return;
      pos += b.size;
    }
  }

  /** The first batch whose last offset is >= target, ending before `limit`; null if none. */
  async locate(target: number, limit = this.size): Promise<BatchLocation | null> {
    const start = this.offsetIndex.lookup(target).position;
    let found: BatchLocation | null = null;
    await this.scan(start, limit, (b, pos) => {
      if (b.lastOffset < target) return true;
      found = { position: pos, size: b.size, baseOffset: b.baseOffset, lastOffset: b.lastOffset, maxTimestamp: b.maxTimestamp };
      return false;
    });
    return found;
  }

  /** Where a read that ended just before `offset` left off, so a sequential reader skips the scan. */
  readHint(offset: number): ReadHint | undefined {
    return this.readHints.get(offset);
  }

  rememberReadHint(offset: number, hint: ReadHint): void {
    if (this.readHints.size >= MAX_READ_HINTS) {
      const oldest = this.readHints.keys().next().value;
      if (oldest !== undefined) this.readHints.delete(oldest);
    }
    this.readHints.set(offset, hint);
  }

  /** The first batch whose max timestamp is >= target; null if none. */
  async locateTimestamp(target: number): Promise<BatchLocation | null> {
    const entry = this.timeIndex.lookupBefore(target);
    const start = entry ? this.offsetIndex.lookup(entry.offset).position : 0;
    let found: BatchLocation | null = null;
    await this.scan(start, this.size, (b, pos) => {
      if (b.maxTimestamp < target) return true;
      found = { position: pos, size: b.size, baseOffset: b.baseOffset, lastOffset: b.lastOffset, maxTimestamp: b.maxTimestamp };
      return false;
    });
    return found;
  }

  /** Read raw bytes; fewer than asked only if the file is shorter. */
  readInto(into: Buffer, offset: number, length: number, position: number): Promise<number> {
    return readFully(this.log, into, offset, length, position);
  }

  get needsIndexWrite(): boolean {
    return this.offsetIndex.hasPendingWrites || this.timeIndex.hasPendingWrites;
  }

  /**
   * Write the batches at the end of the file, then index them. On failure the file is cut back
   * to the old end (best effort: the in-memory position is authoritative either way) and nothing
   * in memory changes.
   */
  async append(buf: Buffer, batches: readonly AppendedBatch[], now: number, check?: () => void): Promise<void> {
    const start = this.size;
    const written = writeFully(this.log, buf, start).then(
      () => null,
      (err: unknown) => err,
    );
    // `check` (the CRCs) runs while the write is in flight; a failure discards what was written.
    let refused: unknown = null;
    try {
      check?.();
    } catch (err) {
      refused = err;
    }
    const failed = await written;
    if (failed !== null || refused !== null) {
      await this.log.truncate(start).catch(() => undefined);
      if (refused !== null) throw refused;
      throw storageError(failed, `appending ${buf.length} bytes to ${this.logPath}`);
    }
    const interval = this.settings.indexIntervalBytes();
    for (const b of batches) {
      if (this.rollingBaseTimestamp === null) this.rollingBaseTimestamp = b.maxTimestamp;
      if (b.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = b.maxTimestamp;
        this.offsetOfMaxTimestamp = b.lastOffset;
      }
      if (this.bytesSinceLastIndexEntry > interval) {
        this.offsetIndex.append(b.baseOffset, start + b.position);
        this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
        this.bytesSinceLastIndexEntry = 0;
      }
      this.bytesSinceLastIndexEntry += b.size;
    }
    const last = batches[batches.length - 1];
    if (last) this.nextOffset = last.lastOffset + 1;
    this.size = start + buf.length;
    this.lastModified = now;
    if (this.needsIndexWrite) {
      try {
        await Promise.all([this.offsetIndex.writePending(), this.timeIndex.writePending()]);
      } catch (err) {
        // The data is written; the active index is rebuilt on recovery, so only report it.
        throw storageError(err, `writing index entries of ${this.logPath}`);
      }
    }
  }

  /**
   * Validate every batch from the start (length, CRC, increasing offsets), rebuild both indexes,
   * and cut the file at the first bad byte. Returns the bytes removed. `onBatch` sees each valid
   * batch (the log rebuilds its leader-epoch cache from them).
   */
  async recover(onBatch: (b: BatchLocation, leaderEpoch: number) => void = () => undefined): Promise<number> {
    this.readHints.clear();
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.maxTimestamp = -1;
    this.offsetOfMaxTimestamp = this.baseOffset;
    this.rollingBaseTimestamp = null;
    this.bytesSinceLastIndexEntry = 0;
    this.nextOffset = this.baseOffset;
    const fileSize = await this.log.size();
    const interval = this.settings.indexIntervalBytes();
    let pos = 0;
    let chunk: Buffer = Buffer.allocUnsafe(0);
    let chunkStart = 0;
    let prevLast = this.baseOffset - 1;
    for (;;) {
      if (pos + PEEK_SIZE > fileSize) break;
      if (pos + PEEK_SIZE > chunkStart + chunk.length) {
        chunk = await this.readChunk(pos, Math.min(RECOVER_CHUNK, fileSize - pos));
        chunkStart = pos;
      }
      const peek = peekBatch(chunk, pos - chunkStart);
      if (peek === null || pos + peek.size > fileSize) break;
      if (pos + peek.size > chunkStart + chunk.length) {
        chunk = await this.readChunk(pos, Math.max(peek.size, Math.min(RECOVER_CHUNK, fileSize - pos)));
        chunkStart = pos;
      }
      let header;
      try {
        header = verifyBatch(chunk, pos - chunkStart);
      } catch {
        break;
      }
      if (header.baseOffset <= prevLast || header.baseOffset - this.baseOffset > 0x7fffffff) break;
      const size = batchSize(header);
      const last = batchLastOffset(header);
      if (this.rollingBaseTimestamp === null) this.rollingBaseTimestamp = header.maxTimestamp;
      if (header.maxTimestamp > this.maxTimestamp) {
        this.maxTimestamp = header.maxTimestamp;
        this.offsetOfMaxTimestamp = last;
      }
      if (this.bytesSinceLastIndexEntry > interval && !this.offsetIndex.isFull && !this.timeIndex.isFull) {
        this.offsetIndex.append(header.baseOffset, pos);
        this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
        this.bytesSinceLastIndexEntry = 0;
      }
      this.bytesSinceLastIndexEntry += size;
      onBatch({ position: pos, size, baseOffset: header.baseOffset, lastOffset: last, maxTimestamp: header.maxTimestamp }, header.partitionLeaderEpoch);
      prevLast = last;
      this.nextOffset = last + 1;
      pos += size;
    }
    this.size = pos;
    if (pos < fileSize) await this.log.truncate(pos);
    return fileSize - pos;
  }

  private async readChunk(position: number, length: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    const n = await readFully(this.log, buf, 0, length, position);
    return buf.subarray(0, n);
  }

  /** Write a recovered or rebuilt inactive segment's indexes to disk. */
  async writeIndexes(): Promise<void> {
    await this.offsetIndex.writeAll(this.settings.fs);
    await this.timeIndex.writeAll(this.settings.fs);
  }

  /** Make this the active segment again (after recovery or truncation): index files writable. */
  async activate(): Promise<void> {
    await this.offsetIndex.openForAppend(this.settings.fs, false);
    await this.timeIndex.openForAppend(this.settings.fs, false);
  }

  /**
   * Remove every batch from the one holding `offset` on. Returns the bytes removed.
   */
  async truncateTo(offset: number): Promise<number> {
    const loc = await this.locate(offset);
    if (loc === null) return 0;
    const removed = this.size - loc.position;
    this.readHints.clear();
    await this.log.truncate(loc.position);
    this.size = loc.position;
    this.offsetIndex.truncateTo(loc.baseOffset);
    this.timeIndex.truncateTo(loc.baseOffset);
    // Batches after the last surviving time index entry may hold the new max timestamp.
    const lastTime = this.timeIndex.lastEntry;
    await this.recomputeTail(lastTime ? this.offsetIndex.lookup(lastTime.offset).position : 0);
    return removed;
  }

  /** fsync the log file (data and size). */
  async flush(): Promise<void> {
    try {
      await this.log.datasync();
    } catch (err) {
      throw storageError(err, `fsync of ${this.logPath}`);
    }
  }

  /**
   * No more appends: record the final max timestamp in the time index, trim both index files
   * to their entries and fsync them.
   */
  async onBecomeInactive(): Promise<void> {
    if (this.maxTimestamp >= 0) this.timeIndex.maybeAppend(this.maxTimestamp, this.offsetOfMaxTimestamp);
    try {
      await this.offsetIndex.trimAndClose();
      await this.timeIndex.trimAndClose();
    } catch (err) {
      throw storageError(err, `trimming indexes of ${this.logPath}`);
    }
  }

  /** Hold the file open for a read; false if the segment is already closed. */
  acquire(): boolean {
    if (this.closed) return false;
    this.readers++;
    return true;
  }

  release(): void {
    this.readers--;
    if (this.readers === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async whenIdle(): Promise<void> {
    if (this.readers === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Close the files once in-flight reads are done; `trim` cuts the log to its valid size. */
  async close(trim: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.whenIdle();
    try {
      if (trim) {
        await this.log.truncate(this.size);
        await this.log.sync();
      }
    } finally {
      await this.offsetIndex.closeQuietly();
      await this.timeIndex.closeQuietly();
      await this.log.close();
    }
  }

  /** Move the three files to the names with `suffix` ('' for the live names). */
  async renameTo(suffix: string): Promise<void> {
    const fs = this.settings.fs;
    const bare = [segmentFile(this.dir, this.baseOffset, LOG_SUFFIX), segmentFile(this.dir, this.baseOffset, INDEX_SUFFIX), segmentFile(this.dir, this.baseOffset, TIME_INDEX_SUFFIX)];
    for (const p of bare) await fs.rename(p + this.suffix, p + suffix);
    this.suffix = suffix;
    this.offsetIndex.path = bare[1]! + suffix;
    this.timeIndex.path = bare[2]! + suffix;
  }

  /**
   * Call `fn` with each whole batch from the start, in order (bytes are not verified here; the
   * decoder does that).
   */
  async forEachBatch(fn: (bytes: Buffer, position: number) => Promise<void>): Promise<void> {
    const end = this.size;
    let pos = 0;
    while (pos + PEEK_SIZE <= end) {
      let chunk = await this.readChunk(pos, Math.min(RECOVER_CHUNK, end - pos));
      let first = peekBatch(chunk, 0);
      if (first === null) return;
      if (first.size > chunk.length) {
        chunk = await this.readChunk(pos, first.size);
        first = peekBatch(chunk, 0);
        if (first === null || first.size > chunk.length) return;
      }
      let at = 0;
      while (at + PEEK_SIZE <= chunk.length) {
        const b = peekBatch(chunk, at);
        if (b === null || at + b.size > chunk.length) break;
        await fn(chunk.subarray(at, at + b.size), pos + at);
        at += b.size;
      }
      pos += at;
    }
  }

  /** Rename the files to .deleted (so a crash cannot resurrect them), then remove them when idle. */
  async markDeleted(): Promise<() => Promise<void>> {
    const fs = this.settings.fs;
    const paths = [this.logPath, this.offsetIndex.path, this.timeIndex.path];
    for (const p of paths) {
      await fs.rename(p, p + DELETED_SUFFIX).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    return async () => {
      await this.close(false).catch(() => undefined);
      for (const p of paths) await fs.unlink(p + DELETED_SUFFIX).catch(() => undefined);
    };
  }
}
