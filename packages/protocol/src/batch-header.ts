import { crc32c } from './crc32c.js';
import { RunnelError } from './errors.js';
import { readInt64BE, writeInt64BE } from './int64.js';

/**
 * Kafka RecordBatch v2 header, read and patched in place without touching the records. This is
 * what the broker does on the hot path: check, assign offsets, copy bytes.
 *
 *   baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 *   attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 *   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
 *
 * batchLength counts the bytes after itself; the CRC (CRC32C) covers attributes to the end, so
 * baseOffset and partitionLeaderEpoch can be rewritten without recomputing it.
 */
export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
export const RECORDS_OFFSET = 61;
/** Bytes before batchLength's count starts: baseOffset + batchLength. */
export const LOG_OVERHEAD = 12;
export const BATCH_HEADER_SIZE = RECORDS_OFFSET;
export const CURRENT_MAGIC = 2;

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
export const NO_PARTITION_LEADER_EPOCH = -1;

export enum CompressionType {
  None = 0,
  Gzip = 1,
  Snappy = 2,
  Lz4 = 3,
  Zstd = 4,
}

export enum TimestampType {
  CreateTime = 0,
  LogAppendTime = 1,
}

const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_MASK = 0x08;
const TRANSACTIONAL_MASK = 0x10;
const CONTROL_MASK = 0x20;

export interface BatchHeader {
  baseOffset: number;
  /** Bytes after the batchLength field; the whole batch is batchLength + LOG_OVERHEAD bytes. */
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export function batchSize(header: BatchHeader): number {
  return header.batchLength + LOG_OVERHEAD;
}

export function lastOffset(header: BatchHeader): number {
  return header.baseOffset + header.lastOffsetDelta;
}

/** The sequence number of the batch's last record, wrapping at int32 as Kafka does. */
export function lastSequence(header: BatchHeader): number {
  if (header.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  const last = header.baseSequence + header.lastOffsetDelta;
  return last > 0x7fffffff ? last - 0x80000000 : last;
}

export function compressionOf(attributes: number): CompressionType {
  return (attributes & COMPRESSION_MASK) as CompressionType;
}

export function timestampTypeOf(attributes: number): TimestampType {
  return attributes & TIMESTAMP_TYPE_MASK ? TimestampType.LogAppendTime : TimestampType.CreateTime;
}

export function isTransactional(attributes: number): boolean {
  return (attributes & TRANSACTIONAL_MASK) !== 0;
}

export function isControl(attributes: number): boolean {
  return (attributes & CONTROL_MASK) !== 0;
}

export function makeAttributes(opts: {
  compression?: CompressionType;
  timestampType?: TimestampType;
  transactional?: boolean;
  control?: boolean;
}): number {
  return (
    ((opts.compression ?? CompressionType.None) & COMPRESSION_MASK) |
    (opts.timestampType === TimestampType.LogAppendTime ? TIMESTAMP_TYPE_MASK : 0) |
    (opts.transactional ? TRANSACTIONAL_MASK : 0) |
    (opts.control ? CONTROL_MASK : 0)
  );
}

/**
 * Read the header of the batch starting at `pos`. Refuses, before any record is looked at, a
 * buffer too short for the header, a magic other than 2, and a batchLength that is too small or
 * that runs past the buffer.
 */
export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  if (buf.length - pos < BATCH_HEADER_SIZE) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} is truncated: ${buf.length - pos} bytes, header needs ${BATCH_HEADER_SIZE}`);
  }
  const magic = buf.readInt8(pos + MAGIC_OFFSET);
  if (magic !== CURRENT_MAGIC) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} has magic ${magic}; only magic 2 (RecordBatch v2) is supported`);
  }
  const batchLength = buf.readInt32BE(pos + BATCH_LENGTH_OFFSET);
  if (batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} has batchLength ${batchLength}, below the header size`);
  }
  if (batchLength + LOG_OVERHEAD > buf.length - pos) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} declares ${batchLength + LOG_OVERHEAD} bytes but only ${buf.length - pos} are present`);
  }
  const lastOffsetDelta = buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET);
  const recordCount = buf.readInt32BE(pos + RECORD_COUNT_OFFSET);
  if (lastOffsetDelta < 0 || recordCount < 0) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} has a negative lastOffsetDelta or record count`);
  }
  return {
    baseOffset: readInt64BE(buf, pos + BASE_OFFSET_OFFSET),
    batchLength,
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET),
    magic,
    crc: buf.readUInt32BE(pos + CRC_OFFSET),
    attributes: buf.readInt16BE(pos + ATTRIBUTES_OFFSET),
    lastOffsetDelta,
    baseTimestamp: readInt64BE(buf, pos + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readInt64BE(buf, pos + MAX_TIMESTAMP_OFFSET),
    producerId: readInt64BE(buf, pos + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE_OFFSET),
    recordCount,
  };
}

/** CRC32C over attributes..end of the batch at `pos`, as stored in its crc field. */
export function computeBatchCrc(buf: Buffer, pos: number, header: BatchHeader): number {
  return crc32c(buf.subarray(pos + ATTRIBUTES_OFFSET, pos + batchSize(header)));
}

/** Header checks plus the CRC; the records themselves are never decoded. */
export function verifyBatch(buf: Buffer, pos = 0, maxBatchBytes = Number.MAX_SAFE_INTEGER): BatchHeader {
  const header = readBatchHeader(buf, pos);
  if (batchSize(header) > maxBatchBytes) {
    throw new RunnelError('MESSAGE_TOO_LARGE', `record batch of ${batchSize(header)} bytes exceeds the limit of ${maxBatchBytes} bytes (max.message.bytes)`);
  }
  const actual = computeBatchCrc(buf, pos, header);
  if (actual !== header.crc) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} failed its CRC check (stored ${header.crc.toString(16)}, computed ${actual.toString(16)})`);
  }
  return header;
}

export interface BatchView {
  /** Byte position of the batch in the containing buffer. */
  position: number;
  header: BatchHeader;
  /** The batch's bytes, sharing memory with the containing buffer. */
  bytes: Buffer;
}

/**
 * Split a buffer holding whole batches back to back, verifying each (header, size, CRC).
 * Throws on the first bad batch: callers that must refuse the whole request do nothing.
 */
export function splitBatches(buf: Buffer, maxBatchBytes?: number): BatchView[] {
  const out: BatchView[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const header = verifyBatch(buf, pos, maxBatchBytes);
    const size = batchSize(header);
    out.push({ position: pos, header, bytes: buf.subarray(pos, pos + size) });
    pos += size;
  }
  return out;
}

/** Rewrite the base offset in place; the CRC does not cover it, so the batch stays valid. */
export function setBaseOffset(buf: Buffer, baseOffset: number, pos = 0): void {
  writeInt64BE(buf, baseOffset, pos + BASE_OFFSET_OFFSET);
}

/** Rewrite the partition leader epoch in place; not covered by the CRC either. */
export function setPartitionLeaderEpoch(buf: Buffer, epoch: number, pos = 0): void {
  buf.writeInt32BE(epoch, pos + PARTITION_LEADER_EPOCH_OFFSET);
}
