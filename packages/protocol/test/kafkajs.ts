/**
 * KafkaJS's own RecordBatch v2 encoder and decoder, as an independent implementation of Kafka's
 * format to check ours against, with codecs registered for the types KafkaJS leaves to plug-ins.
 * The codecs mirror the published plug-ins' behaviour on the libraries Runnel uses:
 * kafkajs-snappy writes raw snappy and reads xerial or raw; kafkajs-lz4 uses LZ4 frames;
 * @kafkajs/zstd plain zstd frames.
 */
import { createRequire } from 'node:module';
import * as lz4 from 'lz4-napi';
import * as snappy from 'snappy';
import { compress as zstdCompress, decompress as zstdDecompress } from 'zstd-napi';

const require = createRequire(import.meta.url);

interface KafkaEncoder {
  buffer: Buffer;
}

interface KafkaJsDecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | (Buffer | null)[]>;
}

export interface KafkaJsDecodedBatch {
  firstOffset: string;
  firstTimestamp: string;
  maxTimestamp: string;
  partitionLeaderEpoch: number;
  lastOffsetDelta: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  inTransaction: boolean;
  isControlBatch: boolean;
  timestampType: number;
  records: KafkaJsDecodedRecord[];
}

export interface KafkaJsRecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  timestamp: number;
}

export interface KafkaJsBatchOptions {
  compression: number;
  baseOffset: number;
  partitionLeaderEpoch: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

const Decoder = require('kafkajs/src/protocol/decoder') as new (buf: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<KafkaJsDecodedBatch>;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (opts: Record<string, unknown>) => Promise<KafkaEncoder>;
};
const KafkaRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: Record<string, unknown>) => KafkaEncoder;
const Long = require('kafkajs/src/utils/long') as { fromValue(v: number): unknown };
const { CompressionCodecs, CompressionTypes } = require('kafkajs') as {
  CompressionCodecs: Record<number, () => unknown>;
  CompressionTypes: { GZIP: number; Snappy: number; LZ4: number; ZSTD: number };
};

const XERIAL_HEADER = Buffer.from([130, 83, 78, 65, 80, 80, 89, 0]);

const snappyCodec = {
  async compress(encoder: KafkaEncoder): Promise<Buffer> {
    return snappy.compress(encoder.buffer);
  },
  async decompress(buffer: Buffer): Promise<Buffer> {
    if (!buffer.subarray(0, 8).equals(XERIAL_HEADER)) return (await snappy.uncompress(buffer)) as Buffer;
    const out: Buffer[] = [];
    for (let offset = 16; offset < buffer.length; ) {
      const size = buffer.readInt32BE(offset);
      offset += 4;
      out.push((await snappy.uncompress(buffer.subarray(offset, offset + size))) as Buffer);
      offset += size;
    }
    return Buffer.concat(out);
  },
};

const lz4Codec = {
  compress: (encoder: KafkaEncoder) => lz4.compressFrame(encoder.buffer),
  decompress: (buffer: Buffer) => lz4.decompressFrame(buffer),
};

const zstdCodec = {
  compress: async (encoder: KafkaEncoder) => zstdCompress(encoder.buffer),
  decompress: async (buffer: Buffer) => zstdDecompress(buffer),
};

CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;

export function kafkaJsDecode(bytes: Buffer): Promise<KafkaJsDecodedBatch> {
  return decodeBatch(new Decoder(bytes));
}

export async function kafkaJsEncode(records: KafkaJsRecordInput[], opts: KafkaJsBatchOptions): Promise<Buffer> {
  const firstTimestamp = records[0]!.timestamp;
  const encoded = records.map((r, i) =>
    KafkaRecord({ offsetDelta: i, timestampDelta: r.timestamp - firstTimestamp, key: r.key, value: r.value, headers: r.headers }),
  );
  const batch = await RecordBatch({
    compression: opts.compression,
    firstOffset: Long.fromValue(opts.baseOffset),
    firstTimestamp,
    maxTimestamp: Math.max(...records.map((r) => r.timestamp)),
    partitionLeaderEpoch: opts.partitionLeaderEpoch,
    lastOffsetDelta: records.length - 1,
    producerId: Long.fromValue(opts.producerId),
    producerEpoch: opts.producerEpoch,
    firstSequence: opts.baseSequence,
    records: encoded,
  });
  return batch.buffer;
}

/** KafkaJS's header representation: an object, repeated keys gathered into arrays in order. */
export function kafkaJsHeaders(headers: { key: string; value: Buffer | null }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of headers) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
