import { constants as bufferConstants } from 'node:buffer';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import * as lz4 from 'lz4-napi';
import * as snappy from 'snappy';
import { CompressionType } from './batch-header.js';
import { RunnelError } from './errors.js';

/**
 * Kafka's record-batch codecs (attribute ids 1-4), all asynchronous so a batch never stalls the
 * event loop: gzip runs on libuv's pool through zlib, snappy and lz4 through their N-API async
 * functions, zstd on a worker thread (zstd-napi only has synchronous calls).
 *
 * Decompression takes a ceiling on the output size, enforced before the output is allocated
 * wherever the format declares sizes up front, so a small hostile batch cannot make a huge
 * buffer ("decompression bomb").
 */

/** Default ceiling on one batch's decompressed records section. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 128 * 1024 * 1024;

export async function compress(type: CompressionType, data: Buffer): Promise<Buffer> {
  switch (type) {
    case CompressionType.None:
      return data;
    case CompressionType.Gzip:
      return gzip(data);
    case CompressionType.Snappy:
      return xerialCompress(data);
    case CompressionType.Lz4:
      // One LZ4 frame of independent blocks (64 KiB to 4 MiB, picked from the input size), no
      // checksums: Kafka's reader decompresses each block on its own, so blocks must be
      // independent, and it accepts every standard block size.
      return lz4.compressFrame(data);
    case CompressionType.Zstd:
      return zstd.run('compress', data, 0);
    default:
      throw unsupported(type);
  }
}

export async function decompress(
  type: CompressionType,
  data: Buffer,
  maxBytes: number = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Promise<Buffer> {
  let out: Buffer;
  switch (type) {
    case CompressionType.None:
      return data;
    case CompressionType.Gzip:
      out = await gunzipBounded(data, maxBytes);
      break;
    case CompressionType.Snappy:
      out = await snappyDecompress(data, maxBytes);
      break;
    case CompressionType.Lz4:
      if (lz4FrameCapacity(data) > maxBytes) throw tooLarge(maxBytes);
      out = await wrapCorrupt('lz4', lz4.decompressFrame(data));
      break;
    case CompressionType.Zstd:
      out = await zstd.run('decompress', data, maxBytes);
      break;
    default:
      throw unsupported(type);
  }
  if (out.length > maxBytes) throw tooLarge(maxBytes);
  return out;
}

function unsupported(type: number): RunnelError {
  return new RunnelError('UNSUPPORTED_COMPRESSION_TYPE', `compression type ${type} is not one of none(0), gzip(1), snappy(2), lz4(3), zstd(4)`);
}

function tooLarge(maxBytes: number): RunnelError {
  return new RunnelError('MESSAGE_TOO_LARGE', `compressed records expand past the ${maxBytes}-byte limit on a decompressed batch`);
}

function corrupt(codec: string, cause: unknown): RunnelError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new RunnelError('CORRUPT_MESSAGE', `${codec} data in the record batch does not decompress: ${detail}`, { cause });
}

async function wrapCorrupt<T>(codec: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof RunnelError) throw err;
    throw corrupt(codec, err);
  }
}

// ---- gzip ----

const gzipAsync = promisify(zlib.gzip);
const gunzipAsync = promisify(zlib.gunzip);

function gzip(data: Buffer): Promise<Buffer> {
  return gzipAsync(data);
}

/**
 * zlib's output chunk: with its 16 KiB default, inflating runs one thread-pool round trip per
 * 16 KiB, and a small gzip bomb held the pool for seconds (2.1 s to reach a 128 MiB ceiling, 0.16 s
 * with 1 MiB chunks); small batches inflate faster too.
 */
const GUNZIP_CHUNK_BYTES = 1024 * 1024;

async function gunzipBounded(data: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    // maxOutputLength stops inflating once the limit is reached, before the output grows past it.
    return await gunzipAsync(data, { maxOutputLength: Math.min(maxBytes, bufferConstants.MAX_LENGTH), chunkSize: GUNZIP_CHUNK_BYTES });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw corrupt('gzip', err);
  }
}

// ---- snappy ----

/**
 * Written format: xerial framing (snappy-java's SnappyOutputStream), the framing Kafka's Java
 * producer writes, so Kafka's Java consumer and tools read our batches exactly as they read a
 * Java producer's; its cost is 16 header bytes plus 4 per 32 KiB block, and the blocks compress
 * in parallel on the thread pool. Read formats: xerial and raw snappy, since librdkafka, Sarama
 * and KafkaJS's codec write raw blocks and every Kafka reader accepts both.
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_SIZE = 16; // magic(8) + version int32 + minimum compatible version int32
const XERIAL_VERSION = 1;
const XERIAL_BLOCK_SIZE = 32 * 1024; // snappy-java's default, which Kafka uses

function isXerial(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_SIZE && data.compare(XERIAL_MAGIC, 0, 8, 0, 8) === 0;
}

async function xerialCompress(data: Buffer): Promise<Buffer> {
  const jobs: Promise<Buffer>[] = [];
  for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK_SIZE) {
    jobs.push(snappy.compress(data.subarray(pos, Math.min(pos + XERIAL_BLOCK_SIZE, data.length))));
  }
  const blocks = await Promise.all(jobs);
  let size = XERIAL_HEADER_SIZE;
  for (const b of blocks) size += 4 + b.length;
  const out = Buffer.allocUnsafe(size);
  XERIAL_MAGIC.copy(out, 0);
  out.writeInt32BE(XERIAL_VERSION, 8);
  out.writeInt32BE(XERIAL_VERSION, 12);
  let pos = XERIAL_HEADER_SIZE;
  for (const b of blocks) {
    out.writeInt32BE(b.length, pos);
    b.copy(out, pos + 4);
    pos += 4 + b.length;
  }
  return out;
}

/**
 * The densest snappy element is a 3-byte copy of 64 bytes, so a block can never expand by more
 * than 64/3 per byte; a larger declared length is corruption, not a large message.
 */
const SNAPPY_MAX_EXPANSION = 64 / 3;

/** The uncompressed length a raw snappy block declares in its leading unsigned varint. */
function snappyDeclaredLength(block: Buffer): number {
  let result = 0;
  for (let i = 0; i < 5 && i < block.length; i++) {
    const b = block[i]!;
    result += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      if (result > Math.ceil((block.length - i - 1) * SNAPPY_MAX_EXPANSION)) {
        throw corrupt('snappy', `block of ${block.length} bytes declares ${result} uncompressed bytes, more than snappy can encode`);
      }
      return result;
    }
  }
  throw corrupt('snappy', 'block has no valid length header');
}

async function snappyRaw(block: Buffer, declared: number): Promise<Buffer> {
  const out = (await wrapCorrupt('snappy', snappy.uncompress(block, { asBuffer: true }))) as Buffer;
  if (out.length !== declared) throw corrupt('snappy', `block yields ${out.length} bytes, declared ${declared}`);
  return out;
}

async function snappyDecompress(data: Buffer, maxBytes: number): Promise<Buffer> {
  if (!isXerial(data)) {
    const declared = snappyDeclaredLength(data);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    return snappyRaw(data, declared);
  }
  // Walk the block list first: every length is checked and the total bounded before any work.
  const blocks: Buffer[] = [];
  const sizes: number[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_SIZE;
  while (pos < data.length) {
    if (data.length - pos < 4) throw corrupt('snappy', `xerial block header at byte ${pos} is truncated`);
    const len = data.readInt32BE(pos);
    pos += 4;
    if (len < 0 || len > data.length - pos) throw corrupt('snappy', `xerial block at byte ${pos - 4} declares ${len} bytes, ${data.length - pos} remain`);
    const block = data.subarray(pos, pos + len);
    pos += len;
    const declared = snappyDeclaredLength(block);
    total += declared;
    if (total > maxBytes) throw tooLarge(maxBytes);
    blocks.push(block);
    sizes.push(declared);
  }
  const parts = await Promise.all(blocks.map((b, i) => snappyRaw(b, sizes[i]!)));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

// ---- lz4 ----

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];

/**
 * Walk the LZ4 frame(s) without decompressing and return the most bytes they can expand to
 * (blocks x the frame's maximum block size). Malformed framing is CORRUPT_MESSAGE here, so the
 * decoder never sees it.
 */
export function lz4FrameCapacity(data: Buffer): number {
  let pos = 0;
  let capacity = 0;
  const bad = (why: string) => corrupt('lz4', why);
  while (pos < data.length) {
    if (data.length - pos < 8) throw bad(`frame at byte ${pos} is truncated`);
    const magic = data.readUInt32LE(pos);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      // Skippable frame: magic + int32 length + payload.
      pos += 8 + data.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== LZ4_MAGIC) throw bad(`bad frame magic 0x${magic.toString(16)} at byte ${pos}`);
    const flg = data[pos + 4]!;
    const bd = data[pos + 5]!;
    if (flg >> 6 !== 1) throw bad(`unsupported frame version ${flg >> 6}`);
    const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 7]!;
    if (blockMax === 0) throw bad(`invalid block size code ${(bd >> 4) & 7}`);
    const blockChecksum = (flg & 0x10) !== 0;
    pos += 4 + 2 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0) + 1;
    for (;;) {
      if (data.length - pos < 4) throw bad('frame ends before its end mark');
      const word = data.readUInt32LE(pos);
      pos += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      if (size > blockMax) throw bad(`block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum`);
      pos += size + (blockChecksum ? 4 : 0);
      if (pos > data.length) throw bad('block runs past the end of the data');
      capacity += blockMax;
    }
    if ((flg & 0x04) !== 0) pos += 4; // content checksum
  }
  if (pos > data.length) throw bad('frame runs past the end of the data');
  return capacity;
}

// ---- zstd ----

/**
 * Decompress with a ceiling, in any thread: one-shot when every frame declares its content size
 * (checked against the ceiling before allocating), streaming otherwise with the ceiling checked
 * as output arrives. Self-contained (its source is also sent to the zstd worker), so it takes
 * zstd-napi's binding as a parameter and throws plain errors tagged with a `kind`.
 */
function zstdDecompressBounded(binding: any, input: Buffer, maxBytes: number): Buffer {
  const fail = (kind: string, message: string) => Object.assign(new Error(message), { kind });
  let declared = 0;
  let frame = input;
  let known = true;
  while (frame.length > 0) {
    let size: number | null;
    let frameLen: number;
    try {
      size = binding.getFrameContentSize(frame);
      frameLen = binding.findFrameCompressedSize(frame);
    } catch (err) {
      throw fail('corrupt', (err as Error).message);
    }
    if (size === null) {
      known = false;
      break;
    }
    declared += size;
    if (declared > maxBytes) throw fail('tooLarge', 'declared content size exceeds the limit');
    frame = frame.subarray(frameLen);
  }
  const dctx = new binding.DCtx();
  try {
    if (known) {
      const out = Buffer.allocUnsafe(declared);
      const n = dctx.decompress(out, input);
      if (n !== declared) throw fail('corrupt', `frames yield ${n} bytes, declared ${declared}`);
      return out;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let rest = input;
    let hint = 1;
    let filled = false;
    const chunkSize = Math.max(131072, input.length * 4);
    while (rest.length > 0 || filled) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, maxBytes - total + 1));
      const [h, produced, consumed] = dctx.decompressStream(chunk, rest) as [number, number, number];
      if (produced === 0 && consumed === 0) break;
      total += produced;
      if (total > maxBytes) throw fail('tooLarge', 'output exceeds the limit');
      chunks.push(chunk.subarray(0, produced));
      rest = rest.subarray(consumed);
      hint = h;
      filled = produced === chunk.length;
    }
    if (hint !== 0 || rest.length > 0) throw fail('corrupt', 'zstd frame is truncated');
    return Buffer.concat(chunks, total);
  } catch (err) {
    if ((err as { kind?: string }).kind) throw err;
    throw fail('corrupt', (err as Error).message);
  }
}

/**
 * Small inputs are handled inline: under this size zstd takes a few tens of microseconds, less
 * than the round trip to the worker, so moving them off-thread would only add latency.
 */
const ZSTD_INLINE_MAX = 16 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const zstd = require(workerData.zstd);
const binding = require(workerData.binding);
const decompressBounded = ${zstdDecompressBounded.toString()};
const own = (b) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b));
parentPort.on('message', ({ id, op, data, max }) => {
  try {
    // Level 3 is zstd's and Kafka's default (compression.zstd.level).
    const out = own(op === 'compress' ? zstd.compress(data, { compressionLevel: 3 }) : decompressBounded(binding, data, max));
    parentPort.postMessage({ id, out }, [out.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err.message, kind: err.kind || 'corrupt' });
  }
});
`;

interface Pending {
  maxBytes: number;
  resolve(out: Buffer): void;
  reject(err: Error): void;
}

/** One lazily started worker; it holds the process open only while requests are in flight. */
class ZstdRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly require = createRequire(import.meta.url);
  private zstdLib: typeof import('zstd-napi') | undefined;
  private bindingLib: unknown;

  run(op: 'compress' | 'decompress', data: Buffer, maxBytes: number): Promise<Buffer> {
    if (data.length <= ZSTD_INLINE_MAX) return Promise.resolve(this.inline(op, data, maxBytes));
    return new Promise<Buffer>((resolve, reject) => {
      const worker = this.start();
      const id = this.nextId++;
      this.pending.set(id, { maxBytes, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      // Copy into a buffer of its own so the transfer detaches neither the caller's memory nor a
      // shared allocation pool.
      const copy = new Uint8Array(data.length);
      copy.set(data);
      worker.postMessage({ id, op, data: copy, max: maxBytes }, [copy.buffer]);
    });
  }

  private inline(op: 'compress' | 'decompress', data: Buffer, maxBytes: number): Buffer {
    this.zstdLib ??= this.require('zstd-napi') as typeof import('zstd-napi');
    if (op === 'compress') return this.zstdLib.compress(data, { compressionLevel: 3 });
    this.bindingLib ??= this.require('zstd-napi/binding');
    try {
      return zstdDecompressBounded(this.bindingLib, data, maxBytes);
    } catch (err) {
      throw this.toRunnelError((err as { kind?: string }).kind, (err as Error).message, maxBytes);
    }
  }

  private toRunnelError(kind: string | undefined, message: string, maxBytes: number): RunnelError {
    return kind === 'tooLarge' ? tooLarge(maxBytes) : corrupt('zstd', message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { zstd: this.require.resolve('zstd-napi'), binding: this.require.resolve('zstd-napi/binding') },
    });
    worker.unref();
    worker.on('message', (msg: { id: number; out?: Uint8Array; error?: string; kind?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.out) {
        p.resolve(Buffer.from(msg.out.buffer, msg.out.byteOffset, msg.out.byteLength));
      } else {
        p.reject(this.toRunnelError(msg.kind, msg.error ?? 'unknown zstd failure', p.maxBytes));
      }
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`zstd worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const p of this.pending.values()) {
      p.reject(new RunnelError('UNKNOWN_SERVER_ERROR', `zstd worker failed: ${err.message}`, { cause: err }));
    }
    this.pending.clear();
  }
}

const zstd = new ZstdRunner();
