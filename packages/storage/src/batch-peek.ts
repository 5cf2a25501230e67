import {
  BATCH_LENGTH_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  readInt64BE,
} from '@runnel/protocol';

/**
 * The few RecordBatch v2 header fields the log needs while scanning a file, read from the first
 * bytes of a batch without having the whole batch in memory (readBatchHeader needs the whole
 * batch).
 */
/** Bytes needed to peek: through maxTimestamp. */
export const PEEK_SIZE = MAX_TIMESTAMP_OFFSET + 8;

export interface BatchPeek {
  baseOffset: number;
  lastOffset: number;
  /** Whole batch size in bytes, LOG_OVERHEAD included. */
  size: number;
  leaderEpoch: number;
  maxTimestamp: number;
}

/** Returns null when the bytes cannot be a batch header (used to stop scans at garbage). */
export function peekBatch(buf: Buffer, pos: number): BatchPeek | null {
  if (buf.length - pos < PEEK_SIZE) return null;
  const batchLength = buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
  const lastOffsetDelta = buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET);
  if (batchLength < PEEK_SIZE - LOG_OVERHEAD || lastOffsetDelta < 0) return null;
  try {
    const baseOffset = readInt64BE(buf, pos);
    return {
      baseOffset,
      lastOffset: baseOffset + lastOffsetDelta,
      size: batchLength + LOG_OVERHEAD,
      leaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET),
      maxTimestamp: readInt64BE(buf, pos + MAX_TIMESTAMP_OFFSET),
    };
  } catch {
    return null;
  }
}
