import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BATCH_HEADER_SIZE,
  CompressionType,
  TimestampType,
  computeBatchCrc,
  readBatchHeader,
} from '../src/batch-header.js';
import { RunnelError } from '../src/errors.js';
import { compress } from '../src/compression.js';
import { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch, validateRecords, type DecodedBatch, type RecordInput } from '../src/record-batch.js';
import { writeVarint } from '../src/varint.js';
import { kafkaJsDecode, kafkaJsEncode, kafkaJsHeaders, type KafkaJsRecordInput } from './kafkajs.js';

const ALL_CODECS = [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

async function rejection(p: Promise<unknown>): Promise<RunnelError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RunnelError)) throw new Error(`expected a RunnelError, got ${String(err)}`);
  return err;
}

function restampCrc(batch: Buffer): void {
  batch.writeUInt32BE(computeBatchCrc(batch, 0, readBatchHeader(batch)), 17);
}

function sameBytes(actual: Buffer | null, expected: Buffer | null | undefined): boolean {
  if (expected === null || expected === undefined) return actual === null;
  return actual !== null && actual.equals(expected);
}

/** Checks a decoded batch against what was encoded, field by field. */
function expectRecords(decoded: DecodedBatch, input: RecordInput[], baseOffset: number, timestamps: number[]): void {
  expect(decoded.records.length).toBe(input.length);
  decoded.records.forEach((r, i) => {
    const x = input[i]!;
    expect(r.offset).toBe(baseOffset + i);
    expect(r.timestamp).toBe(timestamps[i]);
    expect(sameBytes(r.key, x.key)).toBe(true);
    expect(sameBytes(r.value, x.value)).toBe(true);
    const headers = x.headers ?? [];
    expect(r.headers.length).toBe(headers.length);
    r.headers.forEach((h, j) => {
      expect(h.key).toBe(headers[j]!.key);
      expect(sameBytes(h.value, headers[j]!.value)).toBe(true);
    });
  });
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
const nullableBytes = (max: number) => fc.option(bytes(max), { nil: null, freq: 5 });
const TS = 1_700_000_000_000;

/** Records for both directions of the KafkaJS check: KafkaJS's encoder takes headers as an object. */
const kafkaJsRecords = fc.array(
  fc.record({
    key: nullableBytes(40),
    value: nullableBytes(300),
    headers: fc.dictionary(fc.string({ maxLength: 8 }).map((s) => `h-${s}`), bytes(20), { maxKeys: 4 }),
    timestamp: fc.integer({ min: TS - 10_000_000, max: TS + 10_000_000 }),
  }),
  { minLength: 1, maxLength: 200 },
);

const batchFields = fc.record({
  baseOffset: fc.integer({ min: 0, max: 2 ** 50 }),
  partitionLeaderEpoch: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  producerId: fc.integer({ min: -1, max: 2 ** 50 }),
  producerEpoch: fc.integer({ min: 0, max: 32767 }),
  baseSequence: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

function toInput(records: KafkaJsRecordInput[]): RecordInput[] {
  return records.map((r) => ({
    key: r.key,
    value: r.value,
    headers: Object.keys(r.headers).map((key) => ({ key, value: r.headers[key]! })),
    timestamp: r.timestamp,
  }));
}

describe('cross-check with KafkaJS', () => {
  it.each(ALL_CODECS)('KafkaJS decodes our batches identically (codec %d)', async (compression) => {
    await fc.assert(
      fc.asyncProperty(kafkaJsRecords, batchFields, fc.boolean(), async (records, fields, nullHeader) => {
        const input = toInput(records);
        // Our side can also write null header values and repeated header keys.
        if (nullHeader) input[0]!.headers!.push({ key: 'h-null', value: null }, { key: 'h-null', value: Buffer.from('again') });
        const ours = await encodeRecordBatch(input, { ...fields, compression });
        const theirs = await kafkaJsDecode(ours);
        expect(theirs.firstOffset).toBe(String(fields.baseOffset));
        expect(theirs.partitionLeaderEpoch).toBe(fields.partitionLeaderEpoch);
        expect(theirs.producerId).toBe(String(fields.producerId));
        expect(theirs.producerEpoch).toBe(fields.producerEpoch);
        expect(theirs.firstSequence).toBe(fields.baseSequence);
        expect(theirs.lastOffsetDelta).toBe(records.length - 1);
        expect(theirs.firstTimestamp).toBe(String(records[0]!.timestamp));
        expect(theirs.maxTimestamp).toBe(String(Math.max(...records.map((r) => r.timestamp))));
        expect(theirs.records.length).toBe(records.length);
        theirs.records.forEach((r, i) => {
          expect(r.offset).toBe(String(fields.baseOffset + i));
          expect(r.timestamp).toBe(String(records[i]!.timestamp));
          expect(sameBytes(r.key, records[i]!.key)).toBe(true);
          expect(sameBytes(r.value, records[i]!.value)).toBe(true);
          expect(r.headers).toEqual(kafkaJsHeaders(input[i]!.headers!));
        });
      }),
      { numRuns: 25 },
    );
  });

  it.each(ALL_CODECS)('we decode KafkaJS batches identically (codec %d)', async (compression) => {
    await fc.assert(
      fc.asyncProperty(kafkaJsRecords, batchFields, async (records, fields) => {
        const theirs = await kafkaJsEncode(records, { ...fields, compression });
        const decoded = await decodeRecordBatch(theirs);
        const h = decoded.header;
        expect(h.baseOffset).toBe(fields.baseOffset);
        expect(h.partitionLeaderEpoch).toBe(fields.partitionLeaderEpoch);
        expect(h.producerId).toBe(fields.producerId);
        expect(h.producerEpoch).toBe(fields.producerEpoch);
        expect(h.baseSequence).toBe(fields.baseSequence);
        expect(h.attributes & 7).toBe(compression);
        expect(h.recordCount).toBe(records.length);
        expectRecords(decoded, toInput(records), fields.baseOffset, records.map((r) => r.timestamp));
      }),
      { numRuns: 25 },
    );
  });

  it('writes the same bytes as KafkaJS for the same uncompressed batch', async () => {
    await fc.assert(
      fc.asyncProperty(kafkaJsRecords, batchFields, async (records, fields) => {
        const theirs = await kafkaJsEncode(records, { ...fields, compression: CompressionType.None });
        const ours = await encodeRecordBatch(toInput(records), fields);
        expect(ours.toString('hex')).toBe(theirs.toString('hex'));
      }),
      { numRuns: 50 },
    );
  });

  it('reports transactional and control batches as KafkaJS reads them', async () => {
    const batch = await encodeRecordBatch([{ value: Buffer.from('x'), timestamp: TS }], { transactional: true, control: true });
    const theirs = await kafkaJsDecode(batch);
    expect(theirs.inTransaction).toBe(true);
    expect(theirs.isControlBatch).toBe(true);
  });
});

describe('round trip', () => {
  const header = fc.record({
    key: fc.string({ unit: 'grapheme', maxLength: 12 }),
    value: nullableBytes(30),
  });
  const record = fc.record(
    {
      key: nullableBytes(64),
      value: nullableBytes(400),
      headers: fc.array(header, { maxLength: 5 }),
      timestamp: fc.oneof(fc.integer({ min: -1, max: 2 ** 45 }), fc.integer({ min: TS - 1000, max: TS + 1000 })),
    },
    { requiredKeys: ['value'] },
  );

  it.each(ALL_CODECS)('decode(encode(records)) gives the records back (codec %d)', async (compression) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 200 }),
        fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined }),
        fc.integer({ min: 0, max: 2 ** 52 }),
        async (records, baseTimestamp, baseOffset) => {
          const before = Date.now();
          const batch = await encodeRecordBatch(records, { compression, baseTimestamp, baseOffset });
          const after = Date.now();
          const decoded = await decodeRecordBatch(batch);
          const base = baseTimestamp ?? records[0]!.timestamp ?? decoded.header.baseTimestamp;
          if (baseTimestamp === undefined && records[0]!.timestamp === undefined) {
            expect(base).toBeGreaterThanOrEqual(before);
            expect(base).toBeLessThanOrEqual(after);
          }
          const timestamps = records.map((r) => r.timestamp ?? base);
          expect(decoded.header.baseTimestamp).toBe(base);
          expect(decoded.header.maxTimestamp).toBe(Math.max(...timestamps));
          expect(decoded.header.recordCount).toBe(records.length);
          expect(decoded.header.lastOffsetDelta).toBe(records.length - 1);
          expectRecords(decoded, records, baseOffset, timestamps);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fills in Kafka defaults for header fields and timestamps', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_600_000_000_123);
    const batch = await encodeRecordBatch([{ value: Buffer.from('a') }, { value: null, timestamp: 1_600_000_000_500 }, { value: Buffer.alloc(0) }]);
    now.mockRestore();
    const { header, records } = await decodeRecordBatch(batch);
    expect(header).toMatchObject({
      baseOffset: 0,
      partitionLeaderEpoch: -1,
      magic: 2,
      attributes: 0,
      lastOffsetDelta: 2,
      baseTimestamp: 1_600_000_000_123,
      maxTimestamp: 1_600_000_000_500,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 3,
    });
    expect(records.map((r) => r.timestamp)).toEqual([1_600_000_000_123, 1_600_000_000_500, 1_600_000_000_123]);
    expect(records.map((r) => r.key)).toEqual([null, null, null]);
    expect(records[1]!.value).toBeNull();
    expect(records[2]!.value).toEqual(Buffer.alloc(0));
  });

  it('gives every record the batch maxTimestamp under LogAppendTime', async () => {
    const batch = await encodeRecordBatch(
      [
        { value: Buffer.from('a'), timestamp: 10 },
        { value: Buffer.from('b'), timestamp: 30 },
      ],
      { timestampType: TimestampType.LogAppendTime },
    );
    const { header, records } = await decodeRecordBatch(batch);
    expect(header.attributes & 0x08).toBe(0x08);
    expect(records.map((r) => r.timestamp)).toEqual([30, 30]);
  });

  it('decodes batches laid back to back, with their own offsets and codecs', async () => {
    const a = await encodeRecordBatch([{ value: Buffer.from('a') }, { value: Buffer.from('b') }], { baseOffset: 10 });
    const b = await encodeRecordBatch([{ value: Buffer.from('c') }], { baseOffset: 12, compression: CompressionType.Zstd });
    const c = await encodeRecordBatch([{ value: Buffer.from('d') }], { baseOffset: 13, compression: CompressionType.Gzip });
    const batches = await decodeRecordBatches(Buffer.concat([a, b, c]));
    expect(batches.flatMap((x) => x.records.map((r) => [r.offset, r.value!.toString()]))).toEqual([
      [10, 'a'],
      [11, 'b'],
      [12, 'c'],
      [13, 'd'],
    ]);
    const badTail = Buffer.concat([a, b, c]);
    badTail[badTail.length - 1]! ^= 1;
    expect((await rejection(decodeRecordBatches(badTail))).errorName).toBe('CORRUPT_MESSAGE');
    expect((await rejection(decodeRecordBatch(Buffer.concat([a, b])))).errorName).toBe('CORRUPT_MESSAGE');
  });
});

describe('bad input to the encoder', () => {
  it('refuses what cannot be encoded, with a typed error', async () => {
    const one = [{ value: Buffer.from('x') }];
    expect((await rejection(encodeRecordBatch([]))).errorName).toBe('INVALID_REQUEST');
    expect((await rejection(encodeRecordBatch(one, { compression: 5 as CompressionType }))).errorName).toBe('UNSUPPORTED_COMPRESSION_TYPE');
    expect((await rejection(encodeRecordBatch([{ value: null, timestamp: 2 ** 60 }]))).errorName).toBe('INVALID_TIMESTAMP');
    expect((await rejection(encodeRecordBatch(one, { producerEpoch: 40_000 }))).errorName).toBe('INVALID_REQUEST');
    expect((await rejection(encodeRecordBatch(one, { baseOffset: -5 }))).errorName).toBe('INVALID_REQUEST');
    expect((await rejection(encodeRecordBatch([{ value: 'text' as unknown as Buffer }]))).errorName).toBe('INVALID_REQUEST');
  });
});

describe('corrupt batches', () => {
  async function sampleBatch(compression: CompressionType): Promise<Buffer> {
    const records = Array.from({ length: 30 }, (_, i) => ({
      key: i % 4 === 0 ? null : Buffer.from(`key-${i}`),
      value: Buffer.from(`value-${i}-`.repeat(i % 5)),
      headers: i % 3 === 0 ? [{ key: 'trace', value: Buffer.from([i]) }] : [],
      timestamp: TS + i,
    }));
    return encodeRecordBatch(records, { compression, baseOffset: 100 });
  }

  it('catches a flipped bit anywhere in the CRC-covered region (every bit, uncompressed)', async () => {
    const batch = await sampleBatch(CompressionType.None);
    for (let byte = 21; byte < batch.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = Buffer.from(batch);
        copy[byte]! ^= 1 << bit;
        const err = await rejection(decodeRecordBatch(copy));
        expect(err.errorName).toBe('CORRUPT_MESSAGE');
      }
    }
  });

  it.each(ALL_CODECS.slice(1))('catches a flipped bit in a compressed batch (codec %d)', async (compression) => {
    const batch = await sampleBatch(compression);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 21, max: batch.length - 1 }), fc.integer({ min: 0, max: 7 }), async (byte, bit) => {
        const copy = Buffer.from(batch);
        copy[byte]! ^= 1 << bit;
        expect((await rejection(decodeRecordBatch(copy))).errorName).toBe('CORRUPT_MESSAGE');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a wrong magic or batchLength from the header, before any record is read', async () => {
    const batch = await sampleBatch(CompressionType.None);
    // Wreck the records too: the error must still be about the header.
    const garbage = (b: Buffer) => b.fill(0xff, BATCH_HEADER_SIZE);
    const magic = garbage(Buffer.from(batch));
    magic[16] = 1;
    expect((await rejection(decodeRecordBatch(magic))).message).toMatch(/magic 1/);
    const longer = garbage(Buffer.from(batch));
    longer.writeInt32BE(batch.length, 8);
    expect((await rejection(decodeRecordBatch(longer))).message).toMatch(/declares/);
    const tiny = garbage(Buffer.from(batch));
    tiny.writeInt32BE(10, 8);
    expect((await rejection(decodeRecordBatch(tiny))).message).toMatch(/batchLength 10/);
    const shorter = Buffer.from(batch);
    shorter.writeInt32BE(batch.length - 20, 8);
    const err = await rejection(decodeRecordBatch(shorter));
    expect(err.errorName).toBe('CORRUPT_MESSAGE');
    expect(err.message).toMatch(/CRC|bytes but the record batch is/);
  });

  it.each(ALL_CODECS)('refuses every truncation of a batch (codec %d)', async (compression) => {
    const batch = await sampleBatch(compression);
    for (let len = 0; len < batch.length; len++) {
      expect((await rejection(decodeRecordBatch(batch.subarray(0, len)))).errorName).toBe('CORRUPT_MESSAGE');
    }
  });

  it('refuses lying counts and lengths behind a valid CRC without a RangeError or a huge allocation', async () => {
    const batch = await sampleBatch(CompressionType.None);
    const count = Buffer.from(batch);
    count.writeInt32BE(0x7fffffff, 57);
    count.writeInt32BE(0x7fffffff, 23); // lastOffsetDelta, to match
    restampCrc(count);
    expect((await rejection(decodeRecordBatch(count))).errorName).toBe('CORRUPT_MESSAGE');

    // First record: length varint, attributes, timestampDelta (0), offsetDelta (0), then the key.
    const keyLen = Buffer.from(batch);
    keyLen[BATCH_HEADER_SIZE + 4] = 0xfe; // key length varint 0x7f...: runs past the record
    keyLen[BATCH_HEADER_SIZE + 5] = 0xff;
    restampCrc(keyLen);
    expect((await rejection(decodeRecordBatch(keyLen))).errorName).toBe('CORRUPT_MESSAGE');

    const fewer = Buffer.from(batch);
    fewer.writeInt32BE(29, 57);
    restampCrc(fewer);
    expect((await rejection(decodeRecordBatch(fewer))).message).toMatch(/follow the last/);
  });

  it.each(ALL_CODECS)(
    'any mutation of the records behind a valid CRC decodes or is refused with a typed error (codec %d)',
    async (compression) => {
      const batch = await sampleBatch(compression);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({ min: BATCH_HEADER_SIZE, max: batch.length - 1 }), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 4,
          }),
          async (edits) => {
            const copy = Buffer.from(batch);
            for (const [pos, value] of edits) copy[pos] = value;
            restampCrc(copy);
            try {
              await decodeRecordBatch(copy);
            } catch (err) {
              expect(err).toBeInstanceOf(RunnelError);
              // A mutated compressed frame may also claim an output past the decompression limit.
              const allowed = compression === CompressionType.None ? ['CORRUPT_MESSAGE'] : ['CORRUPT_MESSAGE', 'MESSAGE_TOO_LARGE'];
              expect(allowed).toContain((err as RunnelError).errorName);
            }
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('refuses a codec id that does not exist, behind a valid CRC', async () => {
    const batch = await sampleBatch(CompressionType.None);
    batch.writeInt16BE(6, 21);
    restampCrc(batch);
    expect((await rejection(decodeRecordBatch(batch))).errorName).toBe('UNSUPPORTED_COMPRESSION_TYPE');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validateRecords (what a leader checks before appending a produced batch)', () => {
  const encode = (compression: CompressionType, n = 3): Promise<Buffer> =>
    encodeRecordBatch(Array.from({ length: n }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`value ${i}`), headers: [{ key: 'h', value: null }] })), { compression });
  const check = (b: Buffer): Promise<void> => validateRecords(b, 0, readBatchHeader(b));

  it('passes a well-formed batch of every codec', async () => {
    for (const codec of ALL_CODECS) await check(await encode(codec));
  });

  it('refuses a header whose record count and offset range disagree, even with a good CRC', async () => {
    const b = await encode(CompressionType.None);
    b.writeInt32BE(2 ** 31 - 1, 57); // recordCount
    restampCrc(b);
    expect((await rejection(check(b))).errorName).toBe('INVALID_RECORD');
    const c = await encode(CompressionType.None);
    c.writeInt32BE(1_000_000, 23); // lastOffsetDelta: would move the log end a million offsets
    restampCrc(c);
    expect((await rejection(check(c))).message).toMatch(/declares 3 records but lastOffsetDelta 1000000/);
  });

  it('refuses records that do not match the count the header gives', async () => {
    const b = await encode(CompressionType.None);
    b.writeInt32BE(4, 57);
    b.writeInt32BE(3, 23);
    restampCrc(b);
    const err = await rejection(check(b));
    expect(err.errorName).toBe('CORRUPT_MESSAGE');
    expect(err.message).toMatch(/runs past the end/);
  });

  it('refuses a record whose varint length lies', async () => {
    const b = await encode(CompressionType.None);
    writeVarint(b, 0x3fffffff, BATCH_HEADER_SIZE);
    restampCrc(b);
    expect((await rejection(check(b))).message).toMatch(/record 0 declares 1073741823 bytes/);
  });

  it('refuses a compressed payload that is not its codec\'s format, and a codec that does not exist', async () => {
    for (const codec of [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd]) {
      const b = await encode(CompressionType.None);
      b.writeInt16BE((b.readInt16BE(21) & ~7) | codec, 21);
      restampCrc(b);
      expect((await rejection(check(b))).errorName, `codec ${codec}`).toBe('CORRUPT_MESSAGE');
    }
    const u = await encode(CompressionType.None);
    u.writeInt16BE((u.readInt16BE(21) & ~7) | 6, 21);
    restampCrc(u);
    expect((await rejection(check(u))).errorName).toBe('UNSUPPORTED_COMPRESSION_TYPE');
  });

  it('stops a compression bomb at the ceiling', async () => {
    const b = await encode(CompressionType.Gzip, 1);
    const payload = await compress(CompressionType.Gzip, Buffer.alloc(4 << 20));
    const bomb = Buffer.concat([b.subarray(0, BATCH_HEADER_SIZE), payload]);
    bomb.writeInt32BE(bomb.length - 12, 8);
    restampCrc(bomb);
    const err = await rejection(validateRecords(bomb, 0, readBatchHeader(bomb), 1 << 20));
    expect(err.errorName).toBe('MESSAGE_TOO_LARGE');
  });
});

