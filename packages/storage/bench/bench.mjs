// Storage benchmark (not a test): appends 16 KiB and 1 MiB record batches to a partition log and
// reads them back, beside plain sequential fs writes and reads of the same bytes to a file on the
// same disk in the same run. The two sides run interleaved in slices (alternating which goes
// first) so that load from other processes on a shared machine hits both alike.
// Run `npx tsc -b` first: it imports the compiled package.
//
//   npm run bench -w @runnel/storage        (BENCH_MB=512 BENCH_SLICES=64 for a longer run)
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { batchSize, encodeRecordBatch, lastOffset, readBatchHeader } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '../dist/index.js';

const TOTAL = Number(process.env.BENCH_MB ?? 256) * 1024 * 1024;
const SLICES = Number(process.env.BENCH_SLICES ?? 32);
const READ_CHUNK = 1024 * 1024;

/** `distinct` batches of about `size` bytes made of 1 KiB records. */
async function makeBatches(size, distinct) {
  const perRecord = 1024;
  const count = Math.max(1, Math.floor(size / (perRecord + 16)));
  const out = [];
  for (let d = 0; d < distinct; d++) {
    const records = [];
    for (let i = 0; i < count; i++) records.push({ key: Buffer.from(`key-${i}`), value: Buffer.alloc(perRecord, (d + i) % 256), timestamp: 1_700_000_000_000 + i });
    out.push(await encodeRecordBatch(records));
  }
  return out;
}

const mbps = (bytes, ms) => bytes / (1024 * 1024) / (ms / 1000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runCase(size, total = TOTAL, crcVerified = false) {
  const batches = await makeBatches(size, 8);
  const perSlice = Math.max(1, Math.ceil(total / SLICES / batches[0].length));
  const dir = await mkdtemp(join(tmpdir(), 'runnel-bench-'));
  const log = await Log.open({
    dir: join(dir, 'log'),
    topic: 'bench',
    partition: 0,
    config: { ...DEFAULT_LOG_CONFIG, maxMessageBytes: 2 * 1024 * 1024 },
    logger: pino({ level: 'silent' }),
  });
  const plain = await open(join(dir, 'plain.bin'), 'w+');
  const t = { plainWrite: 0, logWrite: 0, plainRead: 0, logRead: 0 };
  // Per-slice time ratios (log / plain): their median resists bursts of load from other processes.
  const writeRatios = [];
  const readRatios = [];
  let written = 0;
  let plainPos = 0;
  let n = 0;

  // One write at a time on each side: appends to one partition are serialised anyway.
  const appendSlice = async () => {
    const t0 = performance.now();
    for (let i = 0; i < perSlice; i++) await log.append(batches[(n + i) % batches.length], { leaderEpoch: 0, crcVerified });
    t.logWrite += performance.now() - t0;
  };
  const plainSlice = async () => {
    const t0 = performance.now();
    for (let i = 0; i < perSlice; i++) {
      const b = batches[(n + i) % batches.length];
      await plain.write(b, 0, b.length, plainPos);
      plainPos += b.length;
    }
    t.plainWrite += performance.now() - t0;
  };
  for (let s = 0; s < SLICES; s++) {
    const before = { ...t };
    if (s % 2 === 0) {
      await appendSlice();
      await plainSlice();
    } else {
      await plainSlice();
      await appendSlice();
    }
    writeRatios.push((t.plainWrite - before.plainWrite) / (t.logWrite - before.logWrite));
    n += perSlice;
  }
  written = plainPos;

  // Reads: 1 MiB requests from each side, interleaved the same way.
  let offset = 0;
  let readPos = 0;
  let logBytes = 0;
  const readSliceBytes = written / SLICES;
  const logReadSlice = async (until) => {
    const t0 = performance.now();
    while (logBytes < until && offset < log.logEndOffset) {
      const { records } = await log.read(offset, READ_CHUNK);
      logBytes += records.length;
      let pos = 0;
      let header;
      while (pos < records.length) {
        header = readBatchHeader(records, pos);
        pos += batchSize(header);
      }
      offset = lastOffset(header) + 1;
    }
    t.logRead += performance.now() - t0;
  };
  const plainReadSlice = async (until) => {
    const t0 = performance.now();
    while (readPos < until) {
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      const { bytesRead } = await plain.read(buf, 0, READ_CHUNK, readPos);
      if (bytesRead === 0) break;
      readPos += bytesRead;
    }
    t.plainRead += performance.now() - t0;
  };
  for (let s = 1; s <= SLICES; s++) {
    const until = s === SLICES ? written : s * readSliceBytes;
    const before = { ...t, logBytes, readPos };
    if (s % 2 === 0) {
      await logReadSlice(until);
      await plainReadSlice(until);
    } else {
      await plainReadSlice(until);
      await logReadSlice(until);
    }
    readRatios.push(mbps(logBytes - before.logBytes, t.logRead - before.logRead) / mbps(readPos - before.readPos, t.plainRead - before.plainRead));
  }
  await plain.close();
  await log.close();
  await rm(dir, { recursive: true, force: true });
  return {
    batch: batches[0].length,
    plainWrite: mbps(written, t.plainWrite),
    logWrite: mbps(written, t.logWrite),
    plainRead: mbps(readPos, t.plainRead),
    logRead: mbps(logBytes, t.logRead),
    writeRatio: median(writeRatios),
    readRatio: median(readRatios),
  };
}

const f = (x) => `${x.toFixed(0).padStart(6)} MB/s`;
const pct = (ratio) => `${(ratio * 100).toFixed(0).padStart(4)}%`;
console.log(`storage bench: ${(TOTAL / 1048576).toFixed(0)} MiB per case in ${SLICES} interleaved slices; page cache, no fsync on either side`);
console.log('MB/s are totals over the run; the ratios are medians of per-slice ratios (log / plain).');
console.log(`"CRC by log": the log checks every batch's CRC32C itself; "CRC upstream": the caller already did,`);
console.log('as the broker does when it takes a produce request (the checksum is then computed once, not twice).');
console.log('batch               | CRC          | plain write | log append  | append/plain | plain read  | log read    | read/plain');
// Warm-up (JIT, allocator) on a small run whose figures are not reported.
await runCase(16 * 1024, 8 * 1024 * 1024);
for (const [label, size] of [
  ['16 KiB', 16 * 1024],
  ['1 MiB', 1024 * 1024],
]) {
  for (const crcVerified of [false, true]) {
    const r = await runCase(size, TOTAL, crcVerified);
    const crc = crcVerified ? 'upstream    ' : 'by log      ';
    console.log(`${`${label} (${r.batch} B)`.padEnd(19)} | ${crc} | ${f(r.plainWrite)} | ${f(r.logWrite)} | ${pct(r.writeRatio)}        | ${f(r.plainRead)} | ${f(r.logRead)} | ${pct(r.readRatio)}`);
  }
}
