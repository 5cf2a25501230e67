import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecordBatches } from '@runnel/protocol';
import { openLog, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

const here = dirname(fileURLToPath(import.meta.url));
const writer = join(here, 'crash-writer.mjs');

/** Start the writer, let it report `syncsBeforeKill` fsynced appends, SIGKILL it; the last synced log end. */
function runAndKill(dir: string, seed: number, syncsBeforeKill: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let synced = -1;
    let syncs = 0;
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const m = /^synced (\d+)$/.exec(line);
        if (!m) continue;
        synced = Number(m[1]);
        if (++syncs === syncsBeforeKill) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(synced);
      else reject(new Error(`writer exited with ${code}: ${err}`));
    });
  });
}

describe('crash safety', () => {
  it('after SIGKILL mid-append the log is a valid prefix holding every fsynced append', async () => {
    expect(existsSync(join(here, '../dist/index.js')), 'build first: npx tsc -b').toBe(true);
    const dir = await tempDir();
    let seed = 12345;
    let lastSynced = 0;
    for (let round = 0; round < 12; round++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const synced = await runAndKill(dir, seed, 3 + (seed % 40));
      expect(synced).toBeGreaterThanOrEqual(lastSynced);
      lastSynced = synced;
      const log = await openLog(dir, { segmentBytes: 64 * 1024, indexIntervalBytes: 1024 });
      expect(log.logEndOffset).toBeGreaterThanOrEqual(synced);
      // Every record sits at the offset its value names, dense from 0 to the end.
      const { records } = await log.read(0, 1 << 30);
      let next = 0;
      for (const batch of await decodeRecordBatches(records)) {
        for (const r of batch.records) {
          expect(r.offset).toBe(next);
          expect(r.value!.subarray(0, `r-${next}:`.length).toString()).toBe(`r-${next}:`);
          next++;
        }
      }
      expect(next).toBe(log.logEndOffset);
      // Release the files; the next writer opens without a clean-shutdown flag, so it recovers by scanning.
      await log.close();
    }
    expect(lastSynced).toBeGreaterThan(0);
  }, 90_000);
});
