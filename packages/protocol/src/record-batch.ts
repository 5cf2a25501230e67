import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  CURRENT_MAGIC,
  CompressionType,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORDS_OFFSET,
  RECORD_COUNT_OFFSET,
  TimestampType,
  batchSize,
  compressionOf,
  makeAttributes,
  timestampTypeOf,
  verifyBatch,
  type BatchHeader,
} from './batch-header.js';
import { compress, decompress, DEFAULT_MAX_DECOMPRESSED_BYTES } from './compression.js';
import { crc32c } from './crc32c.js';
import { RunnelError } from './errors.js';
import { writeInt64BE } from './int64.js';
import { readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong, type Cursor } from './varint.js';

/**
 * The full RecordBatch v2 codec (Kafka's DefaultRecordBatch / DefaultRecord, byte for byte).
 * Clients encode and decode every record with it; the broker only checks headers
 * (batch-header.ts). Each record is:
 *
 *   length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 *   keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value |
 *   headerCount varint | (headerKeyLength varint | utf8 key | headerValueLength varint | value)*
 */

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface RecordInput {
  key?: Buffer | null;
  value: Buffer | null;
  headers?: RecordHeader[];
  /** Milliseconds since the epoch; defaults to the batch's baseTimestamp option, else Date.now(). */
  timestamp?: number;
}

export interface EncodeOptions {
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  compression?: CompressionType;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  timestampType?: TimestampType;
  transactional?: boolean;
  control?: boolean;
  /**
   * The timestamp record deltas are taken from, and the timestamp of records that carry none.
   * Defaults to the first record's timestamp. Passing it (from an injected clock) keeps encoding
   * free of Date.now().
   */
  baseTimestamp?: number;
}

export interface DecodeOptions {
  /** Ceiling on a compressed batch's decompressed records section. */
  maxDecompressedBytes?: number;
}

export interface DecodedRecord {
  offset: number;
  timestamp: number;
  /** Shares memory with the decoded bytes (or their decompressed copy): copy it to keep it past them. */
  key: Buffer | null;
  /** Shares memory like key. */
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface DecodedBatch {
  header: BatchHeader;
  records: DecodedRecord[];
}

const INT32_MAX = 0x7fffffff;
/** The smallest record: length, attributes, timestampDelta, offsetDelta, key, value, header count. */
const MIN_RECORD_SIZE = 7;

// Scratch space for the sizing pass, reused across calls (encoding runs synchronously up to the
// compression await, so calls never interleave inside it).
let bodySizes = new Int32Array(1024);

function invalid(message: string): RunnelError {
  return new RunnelError('INVALID_REQUEST', message);
}

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} ${value} is not an integer in [${min}, ${max}]`);
  }
  return value;
}

function bytesLength(b: Buffer | null | undefined, what: string, index: number): number {
  if (b === null || b === undefined) return -1;
  if (!(b instanceof Uint8Array)) throw invalid(`record ${index}: ${what} must be a Buffer or null`);
  return b.length;
}

/**
 * Encode records as one RecordBatch. The records section is sized first and written into one
 * buffer; uncompressed, that buffer is the whole batch.
 */
export async function encodeRecordBatch(records: RecordInput[], options: EncodeOptions = {}): Promise<Buffer> {
  const count = records.length;
  if (count === 0) throw invalid('a record batch needs at least one record');
  const compression = options.compression ?? CompressionType.None;
  if (!Number.isInteger(compression) || compression < CompressionType.None || compression > CompressionType.Zstd) {
    throw new RunnelError('UNSUPPORTED_COMPRESSION_TYPE', `compression type ${compression} is not one of none(0), gzip(1), snappy(2), lz4(3), zstd(4)`);
  }
  const baseOffset = options.baseOffset ?? 0;
  if (!Number.isSafeInteger(baseOffset) || baseOffset < 0) throw invalid(`baseOffset ${baseOffset} is not a non-negative safe integer`);
  const partitionLeaderEpoch = checkInt('partitionLeaderEpoch', options.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH, -1, INT32_MAX);
  const producerId = options.producerId ?? NO_PRODUCER_ID;
  if (!Number.isSafeInteger(producerId) || producerId < -1) throw invalid(`producerId ${producerId} is not -1 or a non-negative safe integer`);
  const producerEpoch = checkInt('producerEpoch', options.producerEpoch ?? NO_PRODUCER_EPOCH, -1, 0x7fff);
  const baseSequence = checkInt('baseSequence', options.baseSequence ?? NO_SEQUENCE, -1, INT32_MAX);

  // Timestamps: baseTimestamp is the reference for deltas; maxTimestamp the largest seen.
  const first = records[0]!;
  const baseTimestamp = options.baseTimestamp ?? first.timestamp ?? Date.now();
  if (!Number.isSafeInteger(baseTimestamp)) throw new RunnelError('INVALID_TIMESTAMP', `baseTimestamp ${baseTimestamp} is not a safe integer`);
  let maxTimestamp = -Infinity;

  // Sizing pass.
  if (bodySizes.length < count) bodySizes = new Int32Array(Math.max(count, bodySizes.length * 2));
  const sizes = bodySizes;
  let recordsSize = 0;
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    const ts = r.timestamp ?? baseTimestamp;
    if (!Number.isSafeInteger(ts)) throw new RunnelError('INVALID_TIMESTAMP', `record ${i}: timestamp ${ts} is not a safe integer`);
    if (ts > maxTimestamp) maxTimestamp = ts;
    const keyLen = bytesLength(r.key, 'key', i);
    const valueLen = bytesLength(r.value, 'value', i);
    let size =
      1 +
      sizeOfVarlong(ts - baseTimestamp) +
      sizeOfVarint(i) +
      (keyLen < 0 ? 1 : sizeOfVarint(keyLen) + keyLen) +
      (valueLen < 0 ? 1 : sizeOfVarint(valueLen) + valueLen);
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      size += 1;
    } else {
      size += sizeOfVarint(headers.length);
      for (let h = 0; h < headers.length; h++) {
        const header = headers[h]!;
        if (typeof header.key !== 'string') throw invalid(`record ${i}: header ${h} key must be a string`);
        const hk = Buffer.byteLength(header.key, 'utf8');
        const hv = bytesLength(header.value, `header ${h} value`, i);
        size += sizeOfVarint(hk) + hk + (hv < 0 ? 1 : sizeOfVarint(hv) + hv);
      }
    }
    if (size > INT32_MAX - 5) throw new RunnelError('MESSAGE_TOO_LARGE', `record ${i} is larger than a record can be (2 GiB)`);
    sizes[i] = size;
    recordsSize += sizeOfVarint(size) + size;
  }
  if (BATCH_HEADER_SIZE + recordsSize - LOG_OVERHEAD > INT32_MAX) {
    throw new RunnelError('MESSAGE_TOO_LARGE', `${count} records take ${recordsSize} bytes, more than a batch can hold (2 GiB)`);
  }

  // Writing pass: straight into the batch when uncompressed, else into the buffer to compress.
  const compressed = compression !== CompressionType.None;
  const target = Buffer.allocUnsafe((compressed ? 0 : BATCH_HEADER_SIZE) + recordsSize);
  let pos = compressed ? 0 : BATCH_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const r = records[i]!;
    pos = writeVarint(target, sizes[i]!, pos);
    target[pos++] = 0; // record attributes: unused in v2
    pos = writeVarlong(target, (r.timestamp ?? baseTimestamp) - baseTimestamp, pos);
    pos = writeVarint(target, i, pos);
    pos = writeBytes(target, r.key, pos);
    pos = writeBytes(target, r.value, pos);
    const headers = r.headers;
    if (headers === undefined || headers.length === 0) {
      target[pos++] = 0;
    } else {
      pos = writeVarint(target, headers.length, pos);
      for (let h = 0; h < headers.length; h++) {
        const header = headers[h]!;
        pos = writeHeaderKey(target, header.key, pos);
        pos = writeBytes(target, header.value, pos);
      }
    }
  }
  if (pos !== target.length) {
    // Only reachable if the records changed between the two passes (e.g. mutated by a getter).
    throw invalid('records changed while being encoded');
  }

  let batch: Buffer;
  if (compressed) {
    const body = await compress(compression, target);
    if (BATCH_HEADER_SIZE + body.length - LOG_OVERHEAD > INT32_MAX) {
      throw new RunnelError('MESSAGE_TOO_LARGE', 'compressed records exceed the 2 GiB batch limit');
    }
    batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + body.length);
    body.copy(batch, BATCH_HEADER_SIZE);
  } else {
    batch = target;
  }

  writeInt64BE(batch, baseOffset, BASE_OFFSET_OFFSET);
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  batch.writeInt32BE(partitionLeaderEpoch, PARTITION_LEADER_EPOCH_OFFSET);
  batch.writeInt8(CURRENT_MAGIC, MAGIC_OFFSET);
  batch.writeInt16BE(
    makeAttributes({
      compression,
      timestampType: options.timestampType,
      transactional: options.transactional,
      control: options.control,
    }),
    ATTRIBUTES_OFFSET,
  );
  batch.writeInt32BE(count - 1, LAST_OFFSET_DELTA_OFFSET);
  writeInt64BE(batch, baseTimestamp, BASE_TIMESTAMP_OFFSET);
  writeInt64BE(batch, maxTimestamp, MAX_TIMESTAMP_OFFSET);
  writeInt64BE(batch, producerId, PRODUCER_ID_OFFSET);
  batch.writeInt16BE(producerEpoch, PRODUCER_EPOCH_OFFSET);
  batch.writeInt32BE(baseSequence, BASE_SEQUENCE_OFFSET);
  batch.writeInt32BE(count, RECORD_COUNT_OFFSET);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}

/** Length varint plus UTF-8 bytes; short ASCII keys (the usual case) skip the native call. */
function writeHeaderKey(target: Buffer, key: string, pos: number): number {
  const len = Buffer.byteLength(key, 'utf8');
  pos = writeVarint(target, len, pos);
  // UTF-8 length equals UTF-16 length only when every character is ASCII.
  if (len === key.length && len <= 64) {
    for (let j = 0; j < len; j++) target[pos + j] = key.charCodeAt(j);
    return pos + len;
  }
  return pos + target.write(key, pos, len, 'utf8');
}

function writeBytes(target: Buffer, b: Buffer | null | undefined, pos: number): number {
  if (b === null || b === undefined) {
    target[pos] = 1; // zig-zag -1
    return pos + 1;
  }
  const len = b.length;
  pos = writeVarint(target, len, pos);
  if (len <= 32) {
    // Below this size a loop beats the native copy's call overhead.
    for (let j = 0; j < len; j++) target[pos + j] = b[j]!;
  } else {
    target.set(b, pos);
  }
  return pos + len;
}

function corrupt(c: Cursor, message: string): RunnelError {
  return new RunnelError('CORRUPT_MESSAGE', `record batch records at byte ${c.pos}: ${message}`);
}

/** Read a varint length that must be -1 (null) or fit before `limit`. */
function readLength(c: Cursor, limit: number, what: string): number {
  const len = readVarint(c);
  if (len < -1 || len > limit - c.pos) throw corrupt(c, `${what} length ${len} does not fit in the ${limit - c.pos} bytes left`);
  return len;
}

/**
 * Header keys repeat from record to record, usually in the same order, so the string made for
 * header slot h is kept with the bytes it came from and reused when the next record's key in
 * that slot has the same bytes. Cleared at the start of every records section, since the cached
 * positions point into that section (decoding a section never awaits, so sections never mix).
 */
const KEY_CACHE_SLOTS = 8;
const keyCacheStr: string[] = new Array<string>(KEY_CACHE_SLOTS).fill('');
const keyCacheStart = new Int32Array(KEY_CACHE_SLOTS);
const keyCacheLen = new Int32Array(KEY_CACHE_SLOTS).fill(-1);

function headerKey(section: Buffer, start: number, len: number, slot: number): string {
  if (slot >= KEY_CACHE_SLOTS || len > 64) return section.toString('utf8', start, start + len);
  if (keyCacheLen[slot] === len) {
    const prev = keyCacheStart[slot]!;
    let same = true;
    for (let j = 0; j < len; j++) {
      if (section[start + j] !== section[prev + j]) {
        same = false;
        break;
      }
    }
    if (same) return keyCacheStr[slot]!;
  }
  const key = section.toString('utf8', start, start + len);
  keyCacheStr[slot] = key;
  keyCacheStart[slot] = start;
  keyCacheLen[slot] = len;
  return key;
}

/**
 * Decode one record batch that fills `bytes` exactly. The header, size and CRC are verified
 * before any record is read; every length is checked against the bytes actually present.
 */
export async function decodeRecordBatch(bytes: Buffer, options?: DecodeOptions): Promise<DecodedBatch> {
  const header = verifyBatch(bytes, 0);
  if (batchSize(header) !== bytes.length) {
    throw new RunnelError(
      'CORRUPT_MESSAGE',
      `buffer holds ${bytes.length} bytes but the record batch is ${batchSize(header)}; use decodeRecordBatches for several batches`,
    );
  }
  return decodeVerified(bytes, 0, header, options);
}

/**
 * Decode batches laid back to back. Every batch's header and CRC is verified before any is
 * decoded, so a bad batch anywhere refuses the whole buffer.
 */
export async function decodeRecordBatches(bytes: Buffer, options?: DecodeOptions): Promise<DecodedBatch[]> {
  const headers: BatchHeader[] = [];
  const positions: number[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const header = verifyBatch(bytes, pos);
    headers.push(header);
    positions.push(pos);
    pos += batchSize(header);
  }
  const out: DecodedBatch[] = new Array(headers.length);
  for (let i = 0; i < headers.length; i++) out[i] = await decodeVerified(bytes, positions[i]!, headers[i]!, options);
  return out;
}

async function decodeVerified(bytes: Buffer, pos: number, header: BatchHeader, options?: DecodeOptions): Promise<DecodedBatch> {
  const section = await recordsSection(bytes, pos, header, options?.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  return { header, records: walkRecords(section, header, true) };
}

/**
 * What a leader checks of a batch before appending it, as Kafka's LogValidator does: the header
 * agrees with itself (at least one record, lastOffsetDelta = records - 1) and its records
 * section, decompressed within `maxDecompressedBytes`, holds exactly
 * `recordCount` well-formed records. So nothing is stored that readers (consumers, the cleaner,
 * the group loader) would fail on. No record is built: the walk only reads lengths.
 */
export async function validateRecords(
  bytes: Buffer,
  pos: number,
  header: BatchHeader,
  maxDecompressedBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Promise<void> {
  if (header.recordCount < 1 || header.lastOffsetDelta !== header.recordCount - 1) {
    throw new RunnelError(
      'INVALID_RECORD',
      `record batch at byte ${pos} declares ${header.recordCount} records but lastOffsetDelta ${header.lastOffsetDelta}; a produced batch holds at least one record, with offset deltas 0 to count - 1`,
    );
  }
  walkRecords(await recordsSection(bytes, pos, header, maxDecompressedBytes), header, false);
}

/** The records section of a verified batch, decompressed (within the ceiling) when it is compressed. */
async function recordsSection(bytes: Buffer, pos: number, header: BatchHeader, maxDecompressedBytes: number): Promise<Buffer> {
  const codec = compressionOf(header.attributes);
  if (codec > CompressionType.Zstd) {
    throw new RunnelError('UNSUPPORTED_COMPRESSION_TYPE', `record batch at byte ${pos} uses compression type ${codec}, which does not exist`);
  }
  const count = header.recordCount;
  if (count > 0 && header.lastOffsetDelta < count - 1) {
    throw new RunnelError('CORRUPT_MESSAGE', `record batch at byte ${pos} has ${count} records but lastOffsetDelta ${header.lastOffsetDelta}`);
  }
  const section = bytes.subarray(pos + RECORDS_OFFSET, pos + batchSize(header));
  return codec === CompressionType.None ? section : decompress(codec, section, maxDecompressedBytes);
}

/**
 * Walk the records of a section, checking every length against the bytes actually present; with
 * `build`, make the records (their keys and values share the section's memory), else only check.
 */
function walkRecords(section: Buffer, header: BatchHeader, build: boolean): DecodedRecord[] {
  const count = header.recordCount;
  const c: Cursor = { buf: section, pos: 0, end: section.length };
  if (count > section.length / MIN_RECORD_SIZE) {
    throw corrupt(c, `${count} records cannot fit in ${section.length} bytes`);
  }
  keyCacheLen.fill(-1);
  const logAppendTime = timestampTypeOf(header.attributes) === TimestampType.LogAppendTime;
  const baseOffset = header.baseOffset;
  const baseTimestamp = header.baseTimestamp;
  const records: DecodedRecord[] = build ? new Array(count) : [];
  for (let i = 0; i < count; i++) {
    const size = readVarint(c);
    if (size < MIN_RECORD_SIZE - 1 || size > c.end - c.pos) throw corrupt(c, `record ${i} declares ${size} bytes, ${c.end - c.pos} remain`);
    const recordEnd = c.pos + size;
    c.pos++; // record attributes: unused in v2
    const timestampDelta = readVarlong(c);
    const offsetDelta = readVarint(c);
    if (c.pos > recordEnd) throw corrupt(c, `record ${i} is shorter than its fixed fields`);
    if (offsetDelta < 0 || offsetDelta > header.lastOffsetDelta) {
      throw corrupt(c, `record ${i} has offsetDelta ${offsetDelta} outside [0, ${header.lastOffsetDelta}]`);
    }
    const keyLen = readLength(c, recordEnd, 'key');
    const key = keyLen < 0 || !build ? null : section.subarray(c.pos, c.pos + keyLen);
    c.pos += Math.max(keyLen, 0);
    const valueLen = readLength(c, recordEnd, 'value');
    const value = valueLen < 0 || !build ? null : section.subarray(c.pos, c.pos + valueLen);
    c.pos += Math.max(valueLen, 0);
    const headerCount = readVarint(c);
    // Each header takes at least two bytes, which bounds the array before it is made.
    if (headerCount < 0 || headerCount > (recordEnd - c.pos) / 2) throw corrupt(c, `record ${i} declares ${headerCount} headers`);
    const headers: RecordHeader[] = build ? new Array(headerCount) : [];
    for (let h = 0; h < headerCount; h++) {
      const hkLen = readLength(c, recordEnd, 'header key');
      if (hkLen < 0) throw corrupt(c, `record ${i} header ${h} has a null key`);
      const hk = build ? headerKey(section, c.pos, hkLen, h) : '';
      c.pos += hkLen;
      const hvLen = readLength(c, recordEnd, 'header value');
      if (build) headers[h] = { key: hk, value: hvLen < 0 ? null : section.subarray(c.pos, c.pos + hvLen) };
      c.pos += Math.max(hvLen, 0);
    }
    if (c.pos !== recordEnd) throw corrupt(c, `record ${i} declares ${size} bytes but its fields take ${size + c.pos - recordEnd}`);
    const timestamp = logAppendTime ? header.maxTimestamp : baseTimestamp + timestampDelta;
    if (!Number.isSafeInteger(timestamp)) throw corrupt(c, `record ${i} timestamp is outside the safe integer range`);
    if (build) records[i] = { offset: baseOffset + offsetDelta, timestamp, key, value, headers };
  }
  if (c.pos !== c.end) throw corrupt(c, `${c.end - c.pos} bytes follow the last of ${count} records`);
  return records;
}
