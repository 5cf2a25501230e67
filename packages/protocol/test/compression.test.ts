import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as lz4 from 'lz4-napi';
import * as snappy from 'snappy';
import { CompressStream, compress as zstdCompressSync } from 'zstd-napi';
import { describe, expect, it } from 'vitest';
import { CompressionType } from '../src/batch-header.js';
import { compress, decompress, lz4FrameCapacity } from '../src/compression.js';
import { RunnelError } from '../src/errors.js';

const CODECS = [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd] as const;

/** Compressible but not trivial: random words from a small vocabulary. */
function sample(size: number): Buffer {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'runnel', 'offset', 'partition', '{"k":1}'];
  const out = Buffer.alloc(size);
  let pos = 0;
  const rnd = randomBytes(size);
  let i = 0;
  while (pos < size) pos += out.write(words[rnd[i++ % size]! % words.length]! + ' ', pos);
  return out;
}

async function expectError(p: Promise<unknown>, name: string): Promise<RunnelError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RunnelError);
  expect((err as RunnelError).errorName).toBe(name);
  return err as RunnelError;
}

/** Collect a zstd stream's output: frames without a declared content size. */
async function zstdStreamed(data: Buffer): Promise<Buffer> {
  const stream = new CompressStream();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  stream.end(data);
  await done;
  return Buffer.concat(chunks);
}

describe('codecs', () => {
  // Sizes straddle the inline/worker split for zstd and the 32 KiB xerial block size.
  it.each(CODECS)('codec %d round-trips small and large inputs', async (codec) => {
    for (const size of [1, 100, 16 * 1024, 16 * 1024 + 1, 32 * 1024, 100_000, 1_100_000]) {
      const data = sample(size);
      const packed = await compress(codec, data);
      expect(packed.equals(data)).toBe(false);
      const back = await decompress(codec, packed);
      expect(back.equals(data)).toBe(true);
    }
  });

  it('passes data through untouched for none', async () => {
    const data = sample(100);
    expect(await compress(CompressionType.None, data)).toBe(data);
    expect(await decompress(CompressionType.None, data)).toBe(data);
  });

  it('refuses codec ids outside 0-4 with UNSUPPORTED_COMPRESSION_TYPE', async () => {
    for (const id of [5, 6, 7]) {
      await expectError(compress(id as CompressionType, sample(10)), 'UNSUPPORTED_COMPRESSION_TYPE');
      await expectError(decompress(id as CompressionType, sample(10)), 'UNSUPPORTED_COMPRESSION_TYPE');
    }
  });

  it.each(CODECS)('codec %d refuses garbage and truncated input with CORRUPT_MESSAGE', async (codec) => {
    const packed = await compress(codec, sample(50_000));
    await expectError(decompress(codec, randomBytes(200)), 'CORRUPT_MESSAGE');
    await expectError(decompress(codec, packed.subarray(0, packed.length - 7)), 'CORRUPT_MESSAGE');
  });

  it.each(CODECS)('codec %d refuses output past the decompressed-size limit', async (codec) => {
    const data = Buffer.alloc(200_000, 0x61); // compresses to almost nothing
    const packed = await compress(codec, data);
    await expectError(decompress(codec, packed, 100_000), 'MESSAGE_TOO_LARGE');
    expect((await decompress(codec, packed, 300_000)).equals(data)).toBe(true);
  });
});

describe('snappy framing', () => {
  const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);

  it('writes xerial framing: magic, version 1, compatible 1, 32 KiB raw snappy blocks', async () => {
    const data = sample(70_000);
    const packed = await compress(CompressionType.Snappy, data);
    expect(packed.subarray(0, 8).equals(XERIAL_MAGIC)).toBe(true);
    expect(packed.readInt32BE(8)).toBe(1);
    expect(packed.readInt32BE(12)).toBe(1);
    const blocks: Buffer[] = [];
    for (let pos = 16; pos < packed.length; ) {
      const len = packed.readInt32BE(pos);
      blocks.push(snappy.uncompressSync(packed.subarray(pos + 4, pos + 4 + len)) as Buffer);
      pos += 4 + len;
    }
    expect(blocks.map((b) => b.length)).toEqual([32768, 32768, 70_000 - 65536]);
    expect(Buffer.concat(blocks).equals(data)).toBe(true);
  });

  it('calls a block that declares more than snappy can encode corrupt, not too large', async () => {
    const claimsOneGiB = Buffer.concat([Buffer.from([0x80, 0x80, 0x80, 0x80, 0x04]), Buffer.alloc(10)]);
    const err = await expectError(decompress(CompressionType.Snappy, claimsOneGiB), 'CORRUPT_MESSAGE');
    expect(err.message).toContain('1073741824');
  });

  it('reads raw (unframed) snappy, as librdkafka and KafkaJS write it', async () => {
    const data = sample(40_000);
    const raw = snappy.compressSync(data);
    expect((await decompress(CompressionType.Snappy, raw)).equals(data)).toBe(true);
  });

  it('reads xerial streams built block by block, and refuses a lying block length', async () => {
    const parts = [sample(1000), sample(5), sample(20_000)];
    const blocks = parts.map((p) => snappy.compressSync(p));
    const header = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
    const framed = Buffer.concat([
      header,
      ...blocks.flatMap((b) => {
        const len = Buffer.alloc(4);
        len.writeInt32BE(b.length);
        return [len, b];
      }),
    ]);
    expect((await decompress(CompressionType.Snappy, framed)).equals(Buffer.concat(parts))).toBe(true);
    const lying = Buffer.from(framed);
    lying.writeInt32BE(1_000_000, 16);
    await expectError(decompress(CompressionType.Snappy, lying), 'CORRUPT_MESSAGE');
    const negative = Buffer.from(framed);
    negative.writeInt32BE(-5, 16);
    await expectError(decompress(CompressionType.Snappy, negative), 'CORRUPT_MESSAGE');
  });
});

describe('lz4 framing', () => {
  it("writes the LZ4 frame format with independent blocks, as Kafka's reader requires", async () => {
    const packed = await compress(CompressionType.Lz4, sample(10_000));
    expect(packed.readUInt32LE(0)).toBe(0x184d2204);
    const flg = packed[4]!;
    expect(flg >> 6).toBe(1); // version 01
    expect(flg & 0x20).toBe(0x20); // block independence
  });

  it('reads frames with block and content checksums', async () => {
    const data = sample(150_000);
    const packed = await lz4.compressFrame(data, { blockChecksums: true, contentChecksum: true });
    expect((await decompress(CompressionType.Lz4, packed)).equals(data)).toBe(true);
  });

  it('bounds a frame by its blocks before decompressing, and refuses malformed framing', async () => {
    for (const size of [150_000, 1_100_000]) {
      const packed = await lz4.compressFrame(sample(size));
      // The writer fills every block but the last, so the capacity is the size rounded up to
      // whole blocks of the frame's declared maximum (BD byte: 2^(8 + 2 * code) bytes).
      const blockMax = 2 ** (8 + 2 * ((packed[5]! >> 4) & 7));
      expect(lz4FrameCapacity(packed)).toBe(Math.ceil(size / blockMax) * blockMax);
    }
    const packed = await lz4.compressFrame(sample(150_000));
    expect(() => lz4FrameCapacity(packed.subarray(0, 20))).toThrow(RunnelError);
    const badMagic = Buffer.from(packed);
    badMagic[0] = 0;
    expect(() => lz4FrameCapacity(badMagic)).toThrow(RunnelError);
  });
});

describe('zstd', () => {
  it('reads frames without a declared content size (streamed), inline and on the worker', async () => {
    for (const size of [1000, 300_000]) {
      const data = sample(size);
      const packed = await zstdStreamed(data);
      expect((await decompress(CompressionType.Zstd, packed)).equals(data)).toBe(true);
      await expectError(decompress(CompressionType.Zstd, packed, size - 1), 'MESSAGE_TOO_LARGE');
    }
  });

  it('refuses a frame whose declared content size exceeds the limit before allocating it', async () => {
    const packed = zstdCompressSync(Buffer.alloc(1_000_000));
    await expectError(decompress(CompressionType.Zstd, packed, 999_999), 'MESSAGE_TOO_LARGE');
  });

  it('handles many concurrent worker requests', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => sample(20_000 + i * 1000));
    const packed = await Promise.all(inputs.map((d) => compress(CompressionType.Zstd, d)));
    const back = await Promise.all(packed.map((p) => decompress(CompressionType.Zstd, p)));
    back.forEach((b, i) => expect(b.equals(inputs[i]!)).toBe(true));
  });
});

describe('gzip', () => {
  it('reads what a plain gzip writer produces', async () => {
    const data = sample(30_000);
    expect((await decompress(CompressionType.Gzip, gzipSync(data))).equals(data)).toBe(true);
  });
});
