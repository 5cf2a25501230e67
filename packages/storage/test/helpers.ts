import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { encodeRecordBatch } from '@runnel/protocol';
import type { EncodeOptions, RecordInput } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG } from '../src/config.js';
import type { LogConfig } from '../src/config.js';
import { Log } from '../src/log.js';
import type { LogOptions } from '../src/log.js';

export const silent = pino({ level: 'silent' });

export class FakeClock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
}

const dirs: string[] = [];

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'runnel-storage-'));
  dirs.push(d);
  return d;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** A batch of `n` records with values `${prefix}-${i}` and the given timestamp. */
export function batchOf(n: number, opts: { prefix?: string; timestamp?: number; valueBytes?: number } & EncodeOptions = {}): Promise<Buffer> {
  const records: RecordInput[] = [];
  for (let i = 0; i < n; i++) {
    const value = opts.valueBytes ? Buffer.alloc(opts.valueBytes, i % 251) : Buffer.from(`${opts.prefix ?? 'v'}-${i}`);
    records.push({ key: Buffer.from(`k${i}`), value, timestamp: opts.timestamp ?? 1_700_000_000_000 });
  }
  return encodeRecordBatch(records, opts);
}

export function config(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides };
}

export function openLog(dir: string, overrides: Partial<LogConfig> = {}, opts: Partial<LogOptions> = {}): Promise<Log> {
  return Log.open({ dir, topic: 't', partition: 0, config: config(overrides), logger: silent, ...opts });
}
