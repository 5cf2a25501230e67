import type { Logger } from 'pino';
import { decodeRecordBatch, isControl, lastOffset as batchLastOffset } from '@runnel/protocol';
import { retainRecords } from './batch-rewrite.js';
import type { Clock } from './clock.js';
import type { Log } from './log.js';
import type { AppendedBatch, LogSegment } from './segment.js';

/**
 * The log cleaner for cleanup.policy=compact: keeps the last record of every key, drops
 * tombstones (null values) once they are older than delete.retention.ms, and never changes the
 * offset of a record it keeps. Kafka's design: build a map key -> latest offset over the dirty
 * part of the log, then rewrite the segments below that point, grouped so a group fits in one
 * segment, and swap each group's cleaned copy in atomically.
 */
export interface CleanerOptions {
  clock: Clock;
  logger: Logger;
  /** Most keys the offset map holds in one pass (the dedupe buffer of Kafka's cleaner). */
  maxMapKeys?: number;
}

export interface CleanStats {
  /** The first offset not covered by this pass: where the next pass's dirty section starts. */
  cleanedUpTo: number;
  segmentsBefore: number;
  segmentsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  recordsRemoved: number;
}

export interface DirtyState {
  cleanBytes: number;
  dirtyBytes: number;
  ratio: number;
}

const WRITE_CHUNK = 1024 * 1024;

/** Inactive segments wholly below the high watermark: the part of the log a cleaner may touch. */
function cleanableSegments(log: Log): LogSegment[] {
  const segs = log.inactiveSegments();
  const bases = log.segmentBaseOffsets;
  const out: LogSegment[] = [];
  for (let i = 0; i < segs.length; i++) {
    const upper = bases[i + 1]!;
    if (upper > log.highWatermark) break;
    out.push(segs[i]!);
  }
  return out;
}

export class LogCleaner {
  private readonly maxMapKeys: number;

  constructor(private readonly opts: CleanerOptions) {
    this.maxMapKeys = opts.maxMapKeys ?? 1_000_000;
  }

  /** Bytes before and from `firstDirtyOffset` in the cleanable part of the log. */
  dirtyState(log: Log, firstDirtyOffset: number): DirtyState {
    let cleanBytes = 0;
    let dirtyBytes = 0;
    for (const s of cleanableSegments(log)) {
      if (s.nextOffset > firstDirtyOffset) dirtyBytes += s.size;
      else cleanBytes += s.size;
    }
    const total = cleanBytes + dirtyBytes;
    return { cleanBytes, dirtyBytes, ratio: total === 0 ? 0 : dirtyBytes / total };
  }

  /**
   * One cleaning pass. Returns null when there is nothing to do (no dirty cleanable bytes, or a
   * dirty ratio below min.cleanable.dirty.ratio unless `force`).
   */
  async clean(log: Log, firstDirtyOffset: number, force = false): Promise<CleanStats | null> {
    const start = Math.max(firstDirtyOffset, log.logStartOffset);
    const state = this.dirtyState(log, start);
    if (state.dirtyBytes === 0 || (!force && state.ratio < log.config.minCleanableDirtyRatio)) return null;
    const segments = cleanableSegments(log);
    const held = segments.filter((s) => s.acquire());
    try {
      if (held.length !== segments.length) return null; // deleted underneath: try next round
      const { map, endOffset } = await this.buildOffsetMap(segments, start);
      const toClean = segments.filter((s) => s.baseOffset < endOffset);
      const now = this.opts.clock.now();
      const deleteHorizon = now - log.config.deleteRetentionMs;
      const stats: CleanStats = {
        cleanedUpTo: endOffset,
        segmentsBefore: toClean.length,
        segmentsAfter: 0,
        bytesBefore: toClean.reduce((n, s) => n + s.size, 0),
        bytesAfter: 0,
        recordsRemoved: 0,
      };
      for (const group of this.groups(toClean, log.config.segmentBytes)) {
        const cleaned = await this.cleanGroup(log, group, map, deleteHorizon, stats);
        if (!(await log.replaceSegments(group, cleaned))) {
          this.opts.logger.info({ topic: log.topic, partition: log.partition }, 'log changed during cleaning; will retry next round');
          return null;
        }
        stats.segmentsAfter++;
        stats.bytesAfter += cleaned.size;
      }
      this.opts.logger.info({ topic: log.topic, partition: log.partition, ...stats }, 'compacted log');
      return stats;
    } finally {
      for (const s of held) s.release();
    }
  }

  /**
   * key -> offset of its latest record over the dirty segments, stopping at a segment boundary
   * once the map is full. endOffset is the first offset the map does not cover.
   */
  private async buildOffsetMap(segments: readonly LogSegment[], firstDirty: number): Promise<{ map: Map<string, number>; endOffset: number }> {
    const map = new Map<string, number>();
    let endOffset = firstDirty;
    for (const seg of segments) {
      if (seg.nextOffset <= firstDirty) continue;
      if (map.size >= this.maxMapKeys) break;
      await seg.forEachBatch(async (bytes) => {
        const decoded = await decodeRecordBatch(bytes);
        if (isControl(decoded.header.attributes)) return;
        for (const r of decoded.records) if (r.key !== null) map.set(r.key.toString('latin1'), r.offset);
      });
      endOffset = seg.nextOffset;
    }
    return { map, endOffset };
  }

  /** Consecutive segments whose combined size fits in one segment. */
  private groups(segments: readonly LogSegment[], segmentBytes: number): LogSegment[][] {
    const out: LogSegment[][] = [];
    let current: LogSegment[] = [];
    let size = 0;
    for (const s of segments) {
      if (current.length > 0 && size + s.size > segmentBytes) {
        out.push(current);
        current = [];
        size = 0;
      }
      current.push(s);
      size += s.size;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private async cleanGroup(log: Log, group: readonly LogSegment[], map: ReadonlyMap<string, number>, deleteHorizon: number, stats: CleanStats): Promise<LogSegment> {
    const cleaned = await log.createCleanedSegment(group[0]!.baseOffset);
    try {
      let pending: Buffer[] = [];
      let pendingBatches: AppendedBatch[] = [];
      let pendingBytes = 0;
      const now = this.opts.clock.now();
      const flushPending = async () => {
        if (pendingBatches.length === 0) return;
        await cleaned.append(Buffer.concat(pending, pendingBytes), pendingBatches, now);
        pending = [];
        pendingBatches = [];
        pendingBytes = 0;
      };
      for (const seg of group) {
        await seg.forEachBatch(async (bytes) => {
          const decoded = await decodeRecordBatch(bytes);
          const h = decoded.header;
          let out: Buffer | null = bytes;
          if (!isControl(h.attributes)) {
            const keep = decoded.records.map((r) => {
              if (r.key === null) return true;
              const latest = map.get(r.key.toString('latin1'));
              if (latest !== undefined && latest > r.offset) return false;
              return !(r.value === null && r.timestamp < deleteHorizon);
            });
            const kept = keep.filter(Boolean).length;
            stats.recordsRemoved += keep.length - kept;
            if (kept === 0) out = null;
            else if (kept < keep.length) out = await retainRecords(bytes, h, keep);
          }
          if (out === null) return;
          pendingBatches.push({
            position: pendingBytes,
            size: out.length,
            baseOffset: h.baseOffset,
            lastOffset: batchLastOffset(h),
            maxTimestamp: h.maxTimestamp,
            leaderEpoch: h.partitionLeaderEpoch,
          });
          pending.push(out);
          pendingBytes += out.length;
          if (pendingBytes >= WRITE_CHUNK) await flushPending();
        });
      }
      await flushPending();
      await cleaned.onBecomeInactive();
      await cleaned.flush();
      return cleaned;
    } catch (err) {
      await (await cleaned.markDeleted())().catch(() => undefined);
      throw err;
    }
  }
}
