// Child process for crash.test.ts: appends to a log until killed. Each record's value names the
// offset it should land at, so the parent can check the log it finds is a prefix of what was
// written. After every fsynced append it prints "synced <log end offset>".
import { pino } from 'pino';
import { encodeRecordBatch } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '../dist/index.js';

const [dir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 0x100000000;
};

const log = await Log.open({
  dir,
  topic: 'crash',
  partition: 0,
  config: { ...DEFAULT_LOG_CONFIG, segmentBytes: 64 * 1024, indexIntervalBytes: 1024 },
  logger: pino({ level: 'silent' }),
});
process.stdout.write(`opened ${log.logEndOffset}\n`);
for (;;) {
  const start = log.logEndOffset;
  const count = 1 + Math.floor(random() * 20);
  const size = Math.floor(random() * 2000);
  const records = [];
  for (let i = 0; i < count; i++) {
    records.push({ key: null, value: Buffer.concat([Buffer.from(`r-${start + i}:`), Buffer.alloc(size, 97 + (i % 26))]), timestamp: 1_700_000_000_000 + start + i });
  }
  await log.append(await encodeRecordBatch(records), { leaderEpoch: 1 });
  if (random() < 0.3) {
    await log.flush();
    process.stdout.write(`synced ${log.logEndOffset}\n`);
  }
}
