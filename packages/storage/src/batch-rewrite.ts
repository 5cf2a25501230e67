import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LOG_OVERHEAD,
  RECORD_COUNT_OFFSET,
  compress,
  compressionOf,
  crc32c,
  cursor,
  decompress,
  readVarint,
  verifyBatch,
} from '@runnel/protocol';
import type { BatchHeader } from '@runnel/protocol';

/**
 * Rebuild a RecordBatch keeping only some of its records, byte for byte: each kept record's
 * encoding (its offsetDelta and timestampDelta included) is copied unchanged, so kept records keep
 * their offsets and the batch keeps its base offset, lastOffsetDelta and timestamps; only the
 * length, record count and CRC are rewritten. Compressed batches are decompressed and recompressed
 * with the same codec.
 */

/** Each record's encoded bytes in the (uncompressed) records section, in order. */
function recordSlices(section: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  const c = cursor(section);
  for (let i = 0; i < count; i++) {
    const start = c.pos;
    const length = readVarint(c);
    const end = c.pos + length;
    out.push(section.subarray(start, end));
    c.pos = end;
  }
  return out;
}

export async function retainRecords(batch: Buffer, header: BatchHeader, keep: readonly boolean[]): Promise<Buffer> {
  const compression = compressionOf(header.attributes);
  const section = await decompress(compression, batch.subarray(BATCH_HEADER_SIZE));
  const slices = recordSlices(section, header.recordCount);
  const kept = slices.filter((_, i) => keep[i]);
  const body = await compress(compression, Buffer.concat(kept));
  const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + body.length);
  batch.copy(out, 0, 0, BATCH_HEADER_SIZE);
  body.copy(out, BATCH_HEADER_SIZE);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET);
  out.writeInt32BE(kept.length, RECORD_COUNT_OFFSET);
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  verifyBatch(out);
  return out;
}
