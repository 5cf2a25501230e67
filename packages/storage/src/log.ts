import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { RunnelError, batchSize, decodeRecordBatch, readBatchHeader, setBaseOffset, setPartitionLeaderEpoch, verifyBatch } from '@runnel/protocol';
import type { BatchView } from '@runnel/protocol';
import { PEEK_SIZE, peekBatch } from './batch-peek.js';
import { LeaderEpochCheckpointFile, TMP_SUFFIX } from './checkpoint-file.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import type { LogConfig } from './config.js';
import { shouldDelete } from './config.js';
import { nodeFs } from './file-io.js';
import type { StorageFs } from './file-io.js';
import { LeaderEpochCache } from './leader-epoch-cache.js';
import type { EpochEntry } from './leader-epoch-cache.js';
import { CLEANED_SUFFIX, DELETED_SUFFIX, LOG_SUFFIX, SWAP_SUFFIX, parseSegmentFileName } from './segment-files.js';
import { LogSegment } from './segment.js';
import type { AppendedBatch, SegmentSettings } from './segment.js';
import { SerialQueue } from './serial-queue.js';
import { storageError } from './storage-error.js';

export const LEADER_EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';
/** ListOffsets' special timestamps, as in Kafka. */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP = -3;

export interface LogOptions {
  dir: string;
  topic: string;
  partition: number;
  config: LogConfig;
  /** Offsets below this were fsynced before the last stop; recovery starts from its segment. */
  recoveryPoint?: number;
  logStartOffset?: number;
  highWatermark?: number;
  /** The last stop was clean (its marker was present): skip recovery and trust the files. */
  hadCleanShutdown?: boolean;
  clock?: Clock;
  fs?: StorageFs;
  logger?: Logger;
  /** Bound on appends waiting for this partition's lock. */
  maxPendingAppends?: number;
}

export interface AppendResult {
  firstOffset: number;
  lastOffset: number;
  /** Largest timestamp among the appended batches. */
  maxTimestamp: number;
  logStartOffset: number;
  batchCount: number;
  bytes: number;
}

export interface ReadOptions {
  /** Exclusive bound: only batches whose last offset is below it (e.g. the high watermark). */
  maxOffset?: number;
}

export interface ReadResult {
  /** Whole batches back to back; empty at or past the end. */
  records: Buffer;
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
}

export interface TimestampLookup {
  offset: number;
  /** The record's timestamp, or -1 for the special lookups (earliest, latest). */
  timestamp: number;
}

const INT32_MAX = 0x7fffffff;

/**
 * A partition's log: an ordered list of segments, the last one active. Appends (and everything
 * that changes the segment list) are serialised through one queue; reads run concurrently and see
 * only bytes whose append has completed.
 */
export class Log {
  readonly dir: string;
  readonly topic: string;
  readonly partition: number;
  private cfg: LogConfig;
  private readonly fs: StorageFs;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly queue: SerialQueue;
  private readonly epochFile: LeaderEpochCheckpointFile;
  private readonly settings: SegmentSettings;
  /** Replaced, never mutated, so a reader holding the old array sees a consistent list. */
  private segs: LogSegment[] = [];
  private leo = 0;
  private startOffset = 0;
  private recovery = 0;
  private hw = 0;
  private epochs = new LeaderEpochCache();
  private truncations = 0;
  private lastFlush: number;
  private readonly background = new Set<Promise<void>>();
  private closed = false;

  private constructor(opts: LogOptions) {
    this.dir = opts.dir;
    this.topic = opts.topic;
    this.partition = opts.partition;
    this.cfg = { ...opts.config };
    this.fs = opts.fs ?? nodeFs;
    this.clock = opts.clock ?? systemClock;
    this.logger = (opts.logger ?? pino({ name: 'storage' })).child({ topic: opts.topic, partition: opts.partition });
    this.queue = new SerialQueue(opts.maxPendingAppends ?? 1024, `log ${opts.topic}-${opts.partition}`);
    this.epochFile = new LeaderEpochCheckpointFile(this.fs, join(opts.dir, LEADER_EPOCH_CHECKPOINT));
    this.settings = {
      fs: this.fs,
      indexIntervalBytes: () => this.cfg.indexIntervalBytes,
      segmentIndexBytes: () => this.cfg.segmentIndexBytes,
    };
    this.lastFlush = this.clock.now();
  }

  /** Open (or create) the log in `dir`, recovering after an unclean stop. */
  static async open(opts: LogOptions): Promise<Log> {
    const log = new Log(opts);
    try {
      await log.load(opts);
    } catch (err) {
      await Promise.all(log.segs.map((s) => s.close(false).catch(() => undefined)));
      throw storageError(err, `opening log ${opts.dir}`);
    }
    return log;
  }

  get config(): Readonly<LogConfig> {
    return this.cfg;
  }

  /** New settings apply from the next append, roll and retention run. */
  updateConfig(config: LogConfig): void {
    this.cfg = { ...config };
  }

  get logEndOffset(): number {
    return this.leo;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get recoveryPoint(): number {
    return this.recovery;
  }

  get highWatermark(): number {
    return this.hw;
  }

  get size(): number {
    let total = 0;
    for (const s of this.segs) total += s.size;
    return total;
  }

  get segmentCount(): number {
    return this.segs.length;
  }

  /** Base offsets of the segments, oldest first. */
  get segmentBaseOffsets(): number[] {
    return this.segs.map((s) => s.baseOffset);
  }

  /** Segments for the cleaner: all but the active one. */
  inactiveSegments(): readonly LogSegment[] {
    return this.segs.slice(0, -1);
  }

  get latestEpoch(): number {
    return this.epochs.latestEpoch;
  }

  get epochEntries(): readonly EpochEntry[] {
    return this.epochs.entries;
  }

  /** OffsetsForLeaderEpoch: where `epoch` ends in this log. */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: number } {
    const r = this.epochs.endOffsetFor(epoch, this.leo);
    return { epoch: r.epoch, endOffset: r.endOffset };
  }

  private get active(): LogSegment {
    const s = this.segs[this.segs.length - 1];
    if (!s) throw new RunnelError('KAFKA_STORAGE_ERROR', `log ${this.dir} has no segments`);
    return s;
  }

  private ensureOpen(): void {
    if (this.closed) throw new RunnelError('KAFKA_STORAGE_ERROR', `log ${this.topic}-${this.partition} is closed`);
  }

  // ---- loading and recovery ------------------------------------------------------------------

  private async load(opts: LogOptions): Promise<void> {
    await this.fs.mkdir(this.dir);
    const names = await this.fs.readdir(this.dir);
    const bases: number[] = [];
    const swapped: number[] = [];
    for (const name of names) {
      if (name.endsWith(TMP_SUFFIX) || name.endsWith(DELETED_SUFFIX) || name.endsWith(CLEANED_SUFFIX)) {
        // Leftovers of an interrupted checkpoint, deletion or compaction.
        await this.fs.unlink(join(this.dir, name));
        continue;
      }
      const parsed = parseSegmentFileName(name);
      if (!parsed) continue;
      if (parsed.suffix.endsWith(SWAP_SUFFIX)) {
        // A compaction got as far as its swap files: they are complete, so finish the swap.
        const final = name.slice(0, -SWAP_SUFFIX.length);
        await this.fs.rename(join(this.dir, name), join(this.dir, final));
        if (parsed.suffix === LOG_SUFFIX + SWAP_SUFFIX) {
          swapped.push(parsed.baseOffset);
          if (!bases.includes(parsed.baseOffset)) bases.push(parsed.baseOffset);
        }
        continue;
      }
      if (parsed.suffix === LOG_SUFFIX && !bases.includes(parsed.baseOffset)) bases.push(parsed.baseOffset);
    }
    bases.sort((a, b) => a - b);

    const clean = opts.hadCleanShutdown === true;
    const checkpointRecovery = opts.recoveryPoint ?? 0;
    try {
      this.epochs = new LeaderEpochCache(await this.epochFile.read());
    } catch (err) {
      this.logger.warn({ err }, 'leader-epoch checkpoint unreadable; rebuilding it from recovered batches');
      this.epochs = new LeaderEpochCache();
    }

    // Filled as segments open, so a failure part-way can close what was opened.
    const segs: LogSegment[] = [];
    this.segs = segs;
    const recovered: LogSegment[] = [];
    for (let i = 0; i < bases.length; i++) {
      const base = bases[i]!;
      const nextBase = bases[i + 1];
      const seg = await LogSegment.open(this.dir, base, this.settings);
      const prev = segs[segs.length - 1];
      if (prev && prev.nextOffset > base) {
        // Overlapped by a segment a compaction swapped in: its records live on in the swap.
        if (!swapped.includes(prev.baseOffset)) throw new RunnelError('KAFKA_STORAGE_ERROR', `segment ${base} overlaps segment ${prev.baseOffset} in ${this.dir}`);
        await (await seg.markDeleted())();
        continue;
      }
      segs.push(seg);
      let recover = !clean && (nextBase === undefined || nextBase > checkpointRecovery);
      if (!recover && !(await seg.loadIndexes())) {
        this.logger.warn({ segment: base }, 'index missing or damaged; rebuilding from the log');
        recover = true;
      }
      if (recover) {
        recovered.push(seg);
        const removed = await seg.recover((b, epoch) => this.epochs.assign(epoch, b.baseOffset));
        const isLast = i === bases.length - 1;
        if (!isLast) await seg.writeIndexes();
        if (removed > 0) {
          this.logger.warn({ segment: base, bytesRemoved: removed, validBytes: seg.size }, 'truncated a damaged log tail during recovery');
          // Everything after the first bad byte is suspect: drop the later segments.
          for (const later of bases.slice(i + 1)) {
            const s = await LogSegment.open(this.dir, later, this.settings);
            await (await s.markDeleted())();
          }
          break;
        }
      }
    }
    if (segs.length === 0) {
      this.segs = [await LogSegment.create(this.dir, opts.logStartOffset ?? 0, this.settings, this.clock.now())];
    } else {
      await this.active.activate();
    }
    this.leo = this.active.nextOffset;
    this.startOffset = Math.max(opts.logStartOffset ?? 0, this.segs[0]!.baseOffset);
    if (this.startOffset > this.leo) {
      // The checkpointed start is past everything on disk: start empty there.
      await this.resetTo(this.startOffset);
    }
    // Recovery read what the page cache held; make it durable before calling it recovered.
    for (const s of recovered) if (this.segs.includes(s)) await s.flush();
    const recoveredAny = recovered.length > 0;
    this.recovery = this.leo;
    this.hw = Math.min(Math.max(opts.highWatermark ?? this.startOffset, this.startOffset), this.leo);
    const changed = this.epochs.truncateFromEnd(this.leo) || this.epochs.truncateFromStart(this.startOffset);
    if (changed || recoveredAny) await this.persistEpochs();
    this.logger.info(
      { logStartOffset: this.startOffset, logEndOffset: this.leo, segments: this.segs.length, recovered: recoveredAny, cleanShutdown: clean },
      'log opened',
    );
  }

  private async persistEpochs(): Promise<void> {
    await this.epochFile.write(this.epochs.entries);
  }

  // ---- appends -------------------------------------------------------------------------------

  /**
   * Structural checks of every batch (magic, lengths, max.message.bytes) before anything is
   * written. The CRCs are checked by verifyCrcs while the write is in flight, so the CPU cost of
   * the checksum overlaps the disk write instead of adding to it.
   */
  private validate(records: Buffer): BatchView[] {
    const views: BatchView[] = [];
    for (let pos = 0; pos < records.length; ) {
      const header = readBatchHeader(records, pos);
      const size = batchSize(header);
      if (size > this.cfg.maxMessageBytes) {
        throw new RunnelError('MESSAGE_TOO_LARGE', `record batch of ${size} bytes exceeds the limit of ${this.cfg.maxMessageBytes} bytes (max.message.bytes)`);
      }
      views.push({ position: pos, header, bytes: records.subarray(pos, pos + size) });
      pos += size;
    }
    if (views.length === 0) throw new RunnelError('CORRUPT_MESSAGE', 'append needs at least one record batch');
    return views;
  }

  private static verifyCrcs(records: Buffer, batches: readonly AppendedBatch[]): void {
    for (const b of batches) verifyBatch(records, b.position);
  }

  /**
   * Leader append: assign offsets from the log end by rewriting each batch's base offset and
   * partition leader epoch in place (outside the CRC), then write the bytes as they are.
   * `crcVerified` says the caller has just checked every batch's CRC (the broker does as it
   * takes a produce request), so the log does not compute it a second time.
   */
  append(records: Buffer, opts: { leaderEpoch: number; crcVerified?: boolean }): Promise<AppendResult> {
    let views: BatchView[];
    try {
      views = this.validate(records);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queue.run(async () => {
      this.ensureOpen();
      if (!Number.isInteger(opts.leaderEpoch) || opts.leaderEpoch < -1 || opts.leaderEpoch > INT32_MAX) {
        throw new RunnelError('INVALID_REQUEST', `leader epoch ${opts.leaderEpoch} is not an int32 >= -1`);
      }
      let next = this.leo;
      const batches: AppendedBatch[] = views.map((v) => {
        setBaseOffset(records, next, v.position);
        setPartitionLeaderEpoch(records, opts.leaderEpoch, v.position);
        const b = {
          position: v.position,
          size: v.bytes.length,
          baseOffset: next,
          lastOffset: next + v.header.lastOffsetDelta,
          maxTimestamp: v.header.maxTimestamp,
          leaderEpoch: opts.leaderEpoch,
        };
        next = b.lastOffset + 1;
        return b;
      });
      return this.appendBatches(records, batches, opts.crcVerified === true);
    });
  }

  /**
   * Follower append: the batches keep the offsets and epochs the leader gave them. They must
   * start at or after the log end and increase (a compacted leader may have gaps between batches).
   */
  appendAsFollower(records: Buffer): Promise<AppendResult> {
    let views: BatchView[];
    try {
      views = this.validate(records);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queue.run(async () => {
      this.ensureOpen();
      let expectAtLeast = this.leo;
      const batches: AppendedBatch[] = views.map((v) => {
        const base = v.header.baseOffset;
        if (base < expectAtLeast) {
          throw new RunnelError(
            'OFFSET_OUT_OF_RANGE',
            `follower append of batch at offset ${base} is below the next expected offset ${expectAtLeast} (log end ${this.leo}); truncate or fetch from the log end`,
          );
        }
        const b = {
          position: v.position,
          size: v.bytes.length,
          baseOffset: base,
          lastOffset: base + v.header.lastOffsetDelta,
          maxTimestamp: v.header.maxTimestamp,
          leaderEpoch: v.header.partitionLeaderEpoch,
        };
        expectAtLeast = b.lastOffset + 1;
        return b;
      });
      return this.appendBatches(records, batches);
    });
  }

  private async appendBatches(records: Buffer, batches: AppendedBatch[], crcVerified = false): Promise<AppendResult> {
    const first = batches[0]!;
    const last = batches[batches.length - 1]!;
    let maxTimestamp = -1;
    for (const b of batches) if (b.maxTimestamp > maxTimestamp) maxTimestamp = b.maxTimestamp;
    const check = crcVerified ? () => undefined : () => Log.verifyCrcs(records, batches);
    if (this.shouldRoll(records.length, last.lastOffset, maxTimestamp)) {
      // Verify before rolling so a corrupt batch leaves no trace, not even an empty segment.
      check();
      await this.roll(first.baseOffset);
      await this.active.append(records, batches, this.clock.now());
    } else {
      await this.active.append(records, batches, this.clock.now(), check);
    }
    this.leo = last.lastOffset + 1;
    let epochsChanged = false;
    for (const b of batches) if (this.epochs.assign(b.leaderEpoch, b.baseOffset)) epochsChanged = true;
    if (epochsChanged) await this.persistEpochs().catch((err) => Promise.reject(storageError(err, 'writing the leader-epoch checkpoint')));
    if (this.leo - this.recovery >= this.cfg.flushMessages) await this.flush();
    return {
      firstOffset: first.baseOffset,
      lastOffset: last.lastOffset,
      maxTimestamp,
      logStartOffset: this.startOffset,
      batchCount: batches.length,
      bytes: records.length,
    };
  }

  private shouldRoll(bytes: number, lastOffset: number, maxTimestamp: number): boolean {
    const seg = this.active;
    if (seg.size === 0) return false;
    const rolling = seg.rollingBaseTimestamp;
    const waited = rolling !== null && rolling >= 0 ? maxTimestamp - rolling : this.clock.now() - seg.created;
    return (
      seg.size + bytes > this.cfg.segmentBytes ||
      waited > this.cfg.segmentMs ||
      seg.offsetIndex.isFull ||
      seg.timeIndex.isFull ||
      lastOffset - seg.baseOffset > INT32_MAX
    );
  }

  /** Close the active segment to appends and start a new one at `baseOffset`. */
  private async roll(baseOffset: number): Promise<void> {
    const old = this.active;
    await old.onBecomeInactive();
    const seg = await LogSegment.create(this.dir, baseOffset, this.settings, this.clock.now());
    this.segs = [...this.segs, seg];
    this.logger.debug({ segment: baseOffset }, 'rolled a new segment');
    // Make the finished segment durable off the append path, then move the recovery point past it.
    const generation = this.truncations;
    this.track(
      (async () => {
        if (!old.acquire()) return;
        try {
          await old.flush();
        } finally {
          old.release();
        }
        if (generation === this.truncations && this.recovery < baseOffset) this.recovery = Math.min(baseOffset, this.leo);
      })(),
      'flushing a rolled segment',
    );
  }

  private track(p: Promise<void>, what: string): void {
    const tracked = p.catch((err) => this.logger.error({ err }, `${what} failed`));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  // ---- flushing ------------------------------------------------------------------------------

  /** fsync everything appended so far and advance the recovery point to the log end. */
  async flush(): Promise<void> {
    const upTo = this.leo;
    if (upTo <= this.recovery) return;
    const generation = this.truncations;
    for (const seg of this.segs) {
      if (seg.nextOffset <= this.recovery || !seg.acquire()) continue;
      try {
        await seg.flush();
      } finally {
        seg.release();
      }
    }
    this.lastFlush = this.clock.now();
    if (generation === this.truncations) this.recovery = Math.max(this.recovery, Math.min(upTo, this.leo));
  }

  /** flush.ms: flush if data has been unflushed for that long. */
  async flushIfDue(): Promise<boolean> {
    if (this.leo <= this.recovery || this.clock.now() - this.lastFlush < this.cfg.flushMs) return false;
    await this.flush();
    return true;
  }

  // ---- reads ---------------------------------------------------------------------------------

  private segmentIndexFor(segs: readonly LogSegment[], offset: number): number {
    let lo = 0;
    let hi = segs.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (segs[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * Whole batches from the one holding `offset`, up to maxBytes (but always at least one batch),
   * continuing across segment boundaries.
   */
  async read(offset: number, maxBytes: number, opts: ReadOptions = {}): Promise<ReadResult> {
    return this.readAt(offset, maxBytes, opts, true);
  }

  private async readAt(offset: number, maxBytes: number, opts: ReadOptions, mayRetry: boolean): Promise<ReadResult> {
    this.ensureOpen();
    if (!Number.isSafeInteger(offset)) throw new RunnelError('INVALID_REQUEST', `read offset ${offset} is not an integer`);
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RunnelError('INVALID_FETCH_SIZE', `maxBytes ${maxBytes} must be a non-negative integer`);
    const segs = this.segs;
    const leo = this.leo;
    const result = (records: Buffer): ReadResult => ({ records, logStartOffset: this.startOffset, logEndOffset: leo, highWatermark: this.hw });
    if (offset < this.startOffset) {
      throw new RunnelError('OFFSET_OUT_OF_RANGE', `offset ${offset} is below the log start offset ${this.startOffset} of ${this.topic}-${this.partition}`);
    }
    const limit = Math.min(opts.maxOffset ?? leo, leo);
    if (offset >= limit || maxBytes === 0) return result(Buffer.alloc(0));

    const pieces: { seg: LogSegment; from: number; length: number; at: number }[] = [];
    const held: LogSegment[] = [];
    try {
      // cap: bytes of whole batches to return. The read asks for PEEK_SIZE more, so it also sees
      // the header of the batch after the last one returned and can leave an exact hint for it.
      let cap = maxBytes;
      let located = false;
      // A hinted start without a known size: if its batch is bigger than maxBytes the read is
      // redone with the batch's size.
      let sizeUnknown = false;
      let budget = 0;
      let total = 0;
      for (let i = this.segmentIndexFor(segs, offset); i < segs.length && (!located || budget > 0); i++) {
        const seg = segs[i]!;
        if (!seg.acquire()) {
          if (!located) throw new RunnelError('OFFSET_OUT_OF_RANGE', `offset ${offset} was deleted while being read; the log now starts at ${this.startOffset}`);
          break;
        }
        held.push(seg);
        const end = seg.size;
        let from = 0;
        if (!located) {
          const hint = seg.readHint(offset);
          if (hint !== undefined && hint.position < end) {
            from = hint.position;
            if (hint.size === undefined) sizeUnknown = true;
            else cap = Math.max(cap, hint.size);
          } else {
            const loc = await seg.locate(offset, end);
            if (loc === null) continue;
            from = loc.position;
            cap = Math.max(cap, loc.size);
          }
          located = true;
          budget = Math.max(cap, PEEK_SIZE) + PEEK_SIZE;
        }
        const length = Math.min(end - from, budget);
        if (length <= 0) continue;
        pieces.push({ seg, from, length, at: total });
        total += length;
        budget -= length;
      }
      const buf = Buffer.allocUnsafe(total);
      const counts = await Promise.all(pieces.map((p) => p.seg.readInto(buf, p.at, p.length, p.from)));
      // A short read (a concurrent truncation) ends the usable bytes there.
      let usable = 0;
      for (let i = 0; i < pieces.length; i++) {
        usable += counts[i]!;
        if (counts[i]! < pieces[i]!.length) break;
      }
      let pos = 0;
      let nextOffset = offset;
      let nextSize: number | undefined;
      while (pos + PEEK_SIZE <= usable) {
        const b = peekBatch(buf, pos);
        if (b === null || b.lastOffset >= limit) break;
        if (pos > 0 && pos + b.size > cap) {
          nextSize = b.size;
          break;
        }
        if (pos + b.size > usable) {
          if (pos === 0 && sizeUnknown && mayRetry) return await this.readAt(offset, b.size, opts, false);
          nextSize = b.size;
          break;
        }
        pos += b.size;
        nextOffset = b.lastOffset + 1;
      }
      if (pos > 0) {
        const piece = pieces.find((p) => pos <= p.at + p.length);
        if (piece) piece.seg.rememberReadHint(nextOffset, { position: piece.from + (pos - piece.at), size: nextSize });
      }
      return result(buf.subarray(0, pos));
    } catch (err) {
      throw storageError(err, `reading ${this.topic}-${this.partition} at offset ${offset}`);
    } finally {
      for (const s of held) s.release();
    }
  }

  /**
   * ListOffsets by time: the first record whose timestamp is >= `timestamp` (its offset and
   * timestamp), or null if none. EARLIEST_TIMESTAMP, LATEST_TIMESTAMP and MAX_TIMESTAMP are
   * answered as Kafka does. The time index finds the batch; only that batch is decoded.
   */
  async offsetForTimestamp(timestamp: number): Promise<TimestampLookup | null> {
    this.ensureOpen();
    if (timestamp === EARLIEST_TIMESTAMP) return { offset: this.startOffset, timestamp: -1 };
    if (timestamp === LATEST_TIMESTAMP) return { offset: this.leo, timestamp: -1 };
    const segs = this.segs;
    if (timestamp === MAX_TIMESTAMP) {
      let best: LogSegment | null = null;
      for (const s of segs) if (s.size > 0 && (best === null || s.maxTimestamp > best.maxTimestamp)) best = s;
      return best ? { offset: best.offsetOfMaxTimestamp, timestamp: best.maxTimestamp } : null;
    }
    for (const seg of segs) {
      if (seg.maxTimestamp < timestamp || !seg.acquire()) continue;
      try {
        const loc = await seg.locateTimestamp(timestamp);
        if (loc === null || loc.lastOffset < this.startOffset) continue;
        const bytes = Buffer.allocUnsafe(loc.size);
        await seg.readInto(bytes, 0, loc.size, loc.position);
        const { records } = await decodeRecordBatch(bytes);
        const found = records.find((r) => r.timestamp >= timestamp && r.offset >= this.startOffset);
        if (found) return { offset: found.offset, timestamp: found.timestamp };
      } catch (err) {
        throw storageError(err, `looking up timestamp ${timestamp} in ${this.topic}-${this.partition}`);
      } finally {
        seg.release();
      }
    }
    return null;
  }

  // ---- high watermark and log start --------------------------------------------------------

  /** Set by replication; kept within [log start, log end]. Returns the value kept. */
  updateHighWatermark(offset: number): number {
    this.hw = Math.min(Math.max(offset, this.startOffset), this.leo);
    return this.hw;
  }

  /** DeleteRecords: move the log start up (not past the high watermark); retention removes the segments. */
  async incrementLogStartOffset(offset: number): Promise<void> {
    return this.queue.run(async () => {
      this.ensureOpen();
      if (offset > this.hw) throw new RunnelError('OFFSET_OUT_OF_RANGE', `cannot move the log start to ${offset}, above the high watermark ${this.hw}`);
      if (offset <= this.startOffset) return;
      this.startOffset = offset;
      if (this.epochs.truncateFromStart(offset)) await this.persistEpochs();
    });
  }

  // ---- truncation ----------------------------------------------------------------------------

  /** Follower truncation: remove everything from the batch holding `offset` on. */
  truncateTo(offset: number): Promise<void> {
    return this.queue.run(async () => {
      this.ensureOpen();
      if (!Number.isSafeInteger(offset) || offset < 0) throw new RunnelError('INVALID_REQUEST', `cannot truncate to offset ${offset}`);
      if (offset >= this.leo) return;
      if (offset < this.startOffset) {
        await this.resetTo(offset);
        return;
      }
      this.truncations++;
      const keep = this.segs.filter((s) => s.baseOffset < offset);
      const drop = this.segs.filter((s) => s.baseOffset >= offset);
      try {
        const last = keep[keep.length - 1];
        if (last === undefined) {
          await this.resetTo(offset);
          return;
        }
        for (const s of drop) this.track((await s.markDeleted())(), 'deleting a truncated segment');
        if (drop.length > 0) await last.activate();
        await last.truncateTo(offset);
        this.segs = keep;
      } catch (err) {
        throw storageError(err, `truncating ${this.topic}-${this.partition} to ${offset}`);
      }
      this.afterTruncation();
      this.logger.info({ truncatedTo: offset, logEndOffset: this.leo }, 'log truncated');
      if (this.epochs.truncateFromEnd(this.leo)) await this.persistEpochs();
    });
  }

  /** Drop the whole log and start empty at `offset` (a follower far behind the leader's start). */
  truncateFullyAndStartAt(offset: number): Promise<void> {
    return this.queue.run(async () => {
      this.ensureOpen();
      if (!Number.isSafeInteger(offset) || offset < 0) throw new RunnelError('INVALID_REQUEST', `cannot start the log at offset ${offset}`);
      await this.resetTo(offset);
    });
  }

  private async resetTo(offset: number): Promise<void> {
    this.truncations++;
    const old = this.segs;
    this.segs = [];
    for (const s of old) this.track((await s.markDeleted())(), 'deleting a segment');
    this.segs = [await LogSegment.create(this.dir, offset, this.settings, this.clock.now())];
    this.startOffset = offset;
    this.afterTruncation();
    if (this.epochs.clear()) await this.persistEpochs();
    this.logger.info({ startOffset: offset }, 'log reset to start at a new offset');
  }

  private afterTruncation(): void {
    this.leo = this.active.nextOffset;
    this.recovery = Math.min(this.recovery, this.leo);
    this.hw = Math.min(this.hw, this.leo);
  }

  // ---- retention -----------------------------------------------------------------------------

  /**
   * Delete whole segments past retention.ms / retention.bytes (for cleanup.policy delete) and
   * those wholly below the log start offset. Never deletes data above the high watermark.
   * Returns the number of segments deleted.
   */
  deleteOldSegments(): Promise<number> {
    return this.queue.run(async () => {
      if (this.closed) return 0;
      let deleted = 0;
      if (shouldDelete(this.cfg)) {
        const now = this.clock.now();
        const ms = this.cfg.retentionMs;
        if (ms >= 0) deleted += await this.deleteSegmentsWhere((s) => now - s.largestTimestamp > ms, 'retention.ms');
        if (this.cfg.retentionBytes >= 0) {
          let excess = this.size - this.cfg.retentionBytes;
          deleted += await this.deleteSegmentsWhere((s) => {
            if (excess - s.size < 0) return false;
            excess -= s.size;
            return true;
          }, 'retention.bytes');
        }
      }
      deleted += await this.deleteSegmentsWhere((_s, next) => next !== undefined && next.baseOffset <= this.startOffset, 'log start offset');
      return deleted;
    });
  }

  private async deleteSegmentsWhere(predicate: (s: LogSegment, next: LogSegment | undefined) => boolean, reason: string): Promise<number> {
    const segs = this.segs;
    const doomed: LogSegment[] = [];
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      const next = segs[i + 1];
      const upper = next ? next.baseOffset : this.leo;
      if (!next && s.size === 0) break;
      if (this.hw < upper || !predicate(s, next)) break;
      doomed.push(s);
    }
    if (doomed.length === 0) return 0;
    // Deleting every segment: roll first so the log keeps an active segment at its end.
    if (doomed.length === segs.length) await this.roll(this.leo);
    this.segs = this.segs.slice(doomed.length);
    const newStart = Math.max(this.startOffset, this.segs[0]!.baseOffset);
    this.startOffset = newStart;
    this.hw = Math.max(this.hw, newStart);
    for (const s of doomed) this.track((await s.markDeleted())(), 'deleting a segment');
    if (this.epochs.truncateFromStart(newStart)) await this.persistEpochs();
    this.logger.info({ reason, segments: doomed.map((s) => s.baseOffset), logStartOffset: newStart }, 'deleted old segments');
    return doomed.length;
  }

  // ---- compaction support --------------------------------------------------------------------

  /** An empty segment under .cleaned names for the cleaner to fill with kept batches. */
  createCleanedSegment(baseOffset: number): Promise<LogSegment> {
    return LogSegment.create(this.dir, baseOffset, this.settings, this.clock.now(), CLEANED_SUFFIX);
  }

  /**
   * Swap a cleaned segment in for `replaced` (consecutive, inactive segments; the cleaned one
   * has the first one's base offset and is flushed and inactive). Renames go .cleaned -> .swap,
   * old -> .deleted, .swap -> live names, so a crash at any point either keeps the old files or
   * lets the next open complete the swap. False (and the cleaned copy deleted) if the log changed
   * underneath (truncated, or the segments were deleted by retention).
   */
  replaceSegments(replaced: readonly LogSegment[], cleaned: LogSegment): Promise<boolean> {
    return this.queue.run(async () => {
      const first = this.segs.indexOf(replaced[0]!);
      const intact = !this.closed && first >= 0 && replaced.every((s, i) => this.segs[first + i] === s) && first + replaced.length < this.segs.length;
      if (!intact) {
        await (await cleaned.markDeleted())();
        return false;
      }
      try {
        await cleaned.renameTo(SWAP_SUFFIX);
        const finals = [];
        for (const s of replaced) finals.push(await s.markDeleted());
        await cleaned.renameTo('');
        await this.fs.syncDir(this.dir);
        this.segs = [...this.segs.slice(0, first), cleaned, ...this.segs.slice(first + replaced.length)];
        for (const f of finals) this.track(f(), 'deleting a compacted segment');
      } catch (err) {
        throw storageError(err, `swapping in a compacted segment of ${this.topic}-${this.partition}`);
      }
      return true;
    });
  }

  // ---- shutdown ------------------------------------------------------------------------------

  /**
   * Flush, write the active segment's indexes, and close every file. Files are closed outside the
   * append queue, once in-flight reads (and a running compaction) let go of them.
   */
  async close(): Promise<void> {
    const segs = await this.queue.run(async () => {
      if (this.closed) return [];
      this.closed = true;
      await Promise.all(this.background);
      await this.active.onBecomeInactive();
      for (const s of this.segs) if (s.nextOffset > this.recovery) await s.flush();
      this.recovery = this.leo;
      return this.segs;
    });
    const active = segs[segs.length - 1];
    await Promise.all(segs.map((s) => s.close(s === active)));
    if (segs.length > 0) this.logger.info({ logEndOffset: this.leo }, 'log closed');
  }
}
