import { dirname } from 'node:path';
import { RunnelError } from '@runnel/protocol';
import type { StorageFs } from './file-io.js';
import { readFully, writeFully } from './file-io.js';

/**
 * Checkpoint files in Kafka's text format: a version line, an entry-count line, then one entry a
 * line. Written atomically: a temp file is written and fsynced, renamed over the old one, and the
 * directory fsynced, so a crash leaves either the old or the new checkpoint, never a mix.
 */
const VERSION = 0;
export const TMP_SUFFIX = '.tmp';

export async function writeAtomically(fs: StorageFs, path: string, content: Buffer): Promise<void> {
  const tmp = path + TMP_SUFFIX;
  const file = await fs.open(tmp, 'w+');
  try {
    await writeFully(file, content, 0);
    await file.sync();
  } finally {
    await file.close();
  }
  await fs.rename(tmp, path);
  await fs.syncDir(dirname(path));
}

export async function readWholeFile(fs: StorageFs, path: string): Promise<Buffer | null> {
  if (!(await fs.exists(path))) return null;
  const file = await fs.open(path, 'r');
  try {
    const size = await file.size();
    const buf = Buffer.alloc(size);
    const n = await readFully(file, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    await file.close();
  }
}

/** Lines of a checkpoint, each split on spaces; null if absent. Throws on a malformed file. */
async function readEntries(fs: StorageFs, path: string, fields: number): Promise<string[][] | null> {
  const buf = await readWholeFile(fs, path);
  if (buf === null) return null;
  const lines = buf.toString('utf8').split('\n').filter((l) => l.length > 0);
  const bad = (why: string) => new RunnelError('KAFKA_STORAGE_ERROR', `checkpoint file ${path} is malformed (${why}); delete it to fall back to a full recovery`);
  if (lines[0] !== String(VERSION)) throw bad(`version line '${lines[0] ?? ''}'`);
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count !== lines.length - 2) throw bad('entry count does not match');
  return lines.slice(2).map((line) => {
    const parts = line.split(' ');
    if (parts.length !== fields) throw bad(`line '${line}'`);
    return parts;
  });
}

function render(entries: string[]): Buffer {
  return Buffer.from(`${VERSION}\n${entries.length}\n${entries.map((e) => e + '\n').join('')}`);
}

function toOffset(s: string, path: string): number {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RunnelError('KAFKA_STORAGE_ERROR', `checkpoint file ${path} holds a bad number '${s}'`);
  return n;
}

/** Per-data-directory map "topic partition offset" (recovery points, log start offsets, high watermarks). */
export class OffsetCheckpointFile {
  constructor(
    private readonly fs: StorageFs,
    readonly path: string,
  ) {}

  async write(offsets: ReadonlyMap<string, number>): Promise<void> {
    const lines: string[] = [];
    for (const [key, offset] of offsets) {
      const { topic, partition } = parsePartitionKey(key);
      lines.push(`${topic} ${partition} ${offset}`);
    }
    await writeAtomically(this.fs, this.path, render(lines));
  }

  /** Keyed by partitionKey(topic, partition); empty if the file does not exist. */
  async read(): Promise<Map<string, number>> {
    const entries = await readEntries(this.fs, this.path, 3);
    const out = new Map<string, number>();
    for (const [topic, partition, offset] of entries ?? []) {
      out.set(partitionKey(topic ?? '', toOffset(partition ?? '', this.path)), toOffset(offset ?? '', this.path));
    }
    return out;
  }
}

/** Per-partition "epoch startOffset" lines of the leader-epoch cache. */
export class LeaderEpochCheckpointFile {
  constructor(
    private readonly fs: StorageFs,
    readonly path: string,
  ) {}

  async write(entries: readonly { epoch: number; startOffset: number }[]): Promise<void> {
    await writeAtomically(this.fs, this.path, render(entries.map((e) => `${e.epoch} ${e.startOffset}`)));
  }

  async read(): Promise<{ epoch: number; startOffset: number }[]> {
    const entries = await readEntries(this.fs, this.path, 2);
    return (entries ?? []).map(([epoch, start]) => ({ epoch: toOffset(epoch ?? '', this.path), startOffset: toOffset(start ?? '', this.path) }));
  }
}

/** "<topic>-<partition>", the partition directory name Kafka uses. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function parsePartitionKey(key: string): { topic: string; partition: number } {
  const dash = key.lastIndexOf('-');
  const partition = Number(key.slice(dash + 1));
  if (dash <= 0 || !/^\d+$/.test(key.slice(dash + 1)) || !Number.isSafeInteger(partition)) {
    throw new RunnelError('INVALID_REQUEST', `'${key}' is not a <topic>-<partition> name`);
  }
  return { topic: key.slice(0, dash), partition };
}
