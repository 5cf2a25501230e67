// RecordBatch codec throughput: encode and decode per codec for 100-byte and 1 KiB values,
// 1000 records per batch, plus header+CRC verification. Runs on the compiled package:
//   npm run bench -w @runnel/protocol
// MB/s counts the uncompressed batch bytes, so codecs compare on the same work.
import { CompressionType, decodeRecordBatch, encodeRecordBatch, verifyBatch } from '../dist/index.js';

const RECORDS_PER_BATCH = 1000;
const MIN_TIME_MS = Number(process.env.BENCH_MS ?? 1000);
const CODECS = [
  ['none', CompressionType.None],
  ['gzip', CompressionType.Gzip],
  ['snappy', CompressionType.Snappy],
  ['lz4', CompressionType.Lz4],
  ['zstd', CompressionType.Zstd],
];

// Log-like values: compressible the way real payloads are, not runs of one byte.
let seed = 42;
function rand() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed;
}
function value(size) {
  let s = '';
  while (s.length < size) s += `{"user":${rand() % 100000},"event":"click","page":"/p/${rand() % 500}","ms":${rand() % 1000}} `;
  return Buffer.from(s.slice(0, size));
}
function records(valueSize) {
  return Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({
    key: Buffer.from(`user-${i % 97}`),
    value: value(valueSize),
    headers: [{ key: 'trace-id', value: Buffer.from(String(rand())) }],
    timestamp: 1_700_000_000_000 + i,
  }));
}

async function measure(fn) {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_TIME_MS) {
    await fn();
    iterations++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / iterations; // ms per call
}

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const rows = [];
for (const valueSize of [100, 1024]) {
  const input = records(valueSize);
  const plain = await encodeRecordBatch(input);
  for (const [name, compression] of CODECS) {
    const batch = await encodeRecordBatch(input, { compression });
    const encMs = await measure(() => encodeRecordBatch(input, { compression }));
    const decMs = await measure(() => decodeRecordBatch(batch));
    rows.push({
      value: `${valueSize} B`,
      codec: name,
      'batch KiB': (batch.length / 1024).toFixed(1),
      ratio: (plain.length / batch.length).toFixed(2),
      'encode rec/s': fmt((RECORDS_PER_BATCH / encMs) * 1000),
      'encode MB/s': fmt(plain.length / 1e6 / (encMs / 1000)),
      'decode rec/s': fmt((RECORDS_PER_BATCH / decMs) * 1000),
      'decode MB/s': fmt(plain.length / 1e6 / (decMs / 1000)),
    });
  }
}
console.log(`RecordBatch encode/decode, ${RECORDS_PER_BATCH} records per batch, one await at a time (node ${process.version})`);
console.table(rows);

const verifyRows = [];
for (const valueSize of [100, 1024]) {
  const batch = await encodeRecordBatch(records(valueSize));
  const ms = await measure(async () => {
    for (let i = 0; i < 100; i++) verifyBatch(batch);
  });
  verifyRows.push({ 'batch KiB': (batch.length / 1024).toFixed(1), 'verifyBatch MB/s': fmt((batch.length * 100) / 1e6 / (ms / 1000)), 'batches/s': fmt((100 / ms) * 1000) });
}
console.log('verifyBatch (header + CRC32C, records untouched)');
console.table(verifyRows);
