import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitBatches } from '@runnel/protocol';
import type { Log } from '../src/log.js';
import { FakeClock, batchOf, openLog, removeTempDirs, tempDir } from './helpers.js';

afterEach(removeTempDirs);

type Op =
  | { kind: 'append'; records: number; valueBytes: number; epoch: number }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'reopen'; clean: boolean }
  | { kind: 'read'; fraction: number; maxBytes: number }
  | { kind: 'retention' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), records: fc.integer({ min: 1, max: 8 }), valueBytes: fc.integer({ min: 0, max: 80 }), epoch: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), fraction: fc.integer({ min: 0, max: 999 }).map((n) => n / 1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), clean: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), fraction: fc.integer({ min: 0, max: 999 }).map((n) => n / 1000), maxBytes: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retention' as const) }) },
);

interface ModelBatch {
  base: number;
  last: number;
  bytes: Buffer;
}

describe('log against a model', () => {
  it('keeps offsets, contents, reads and the epoch cache consistent through appends, truncations, retention and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.integer({ min: 300, max: 4000 }), async (ops, segmentBytes) => {
        const dir = await tempDir();
        const cfg = { segmentBytes, indexIntervalBytes: 64, retentionBytes: segmentBytes * 3 };
        const clock = new FakeClock();
        let log: Log = await openLog(dir, cfg, { clock });
        let model: ModelBatch[] = [];
        let epoch = 0;
        let start = 0;
        const abandoned: Log[] = [];
        try {
          for (const o of ops) {
            const end = model.length ? model[model.length - 1]!.last + 1 : start;
            if (o.kind === 'append') {
              epoch = Math.max(epoch, o.epoch);
              const bytes = await batchOf(o.records, { valueBytes: o.valueBytes, prefix: String(end) });
              const r = await log.append(bytes, { leaderEpoch: epoch });
              expect(r.firstOffset).toBe(end);
              model.push({ base: end, last: r.lastOffset, bytes: Buffer.from(bytes) });
            } else if (o.kind === 'truncate') {
              const target = start + Math.floor(o.fraction * (end - start));
              await log.truncateTo(target);
              model = model.filter((b) => b.last < target);
            } else if (o.kind === 'reopen') {
              // Unclean: the old instance is simply abandoned with its files as they are, as a
              // killed process would leave them.
              if (o.clean) await log.close();
              else abandoned.push(log);
              const checkpoint = { logStartOffset: log.logStartOffset, highWatermark: log.highWatermark, recoveryPoint: log.recoveryPoint };
              log = await openLog(dir, cfg, { clock, hadCleanShutdown: o.clean, ...checkpoint });
            } else if (o.kind === 'retention') {
              log.updateHighWatermark(log.logEndOffset);
              await log.deleteOldSegments();
              start = log.logStartOffset;
              model = model.filter((b) => b.base >= start);
              expect(model[0]?.base ?? start).toBe(start);
            } else {
              const target = start + Math.floor(o.fraction * (end - start));
              const { records } = await log.read(target, o.maxBytes);
              const got = splitBatches(records);
              const expectedFirst = model.findIndex((b) => b.last >= target);
              if (expectedFirst < 0) {
                expect(got).toEqual([]);
              } else {
                expect(got.length).toBeGreaterThan(0);
                if (got.length > 1) expect(records.length).toBeLessThanOrEqual(o.maxBytes);
                got.forEach((g, i) => expect(g.bytes.equals(model[expectedFirst + i]!.bytes)).toBe(true));
              }
            }
            const leo = model.length ? model[model.length - 1]!.last + 1 : start;
            expect(log.logEndOffset).toBe(leo);
            expect(log.logStartOffset).toBe(start);
            // Epoch cache: strictly increasing and within the log.
            const entries = log.epochEntries;
            for (let i = 1; i < entries.length; i++) {
              expect(entries[i]!.epoch).toBeGreaterThan(entries[i - 1]!.epoch);
              expect(entries[i]!.startOffset).toBeGreaterThan(entries[i - 1]!.startOffset);
            }
            for (const e of entries) expect(e.startOffset).toBeLessThan(Math.max(leo, 1));
          }
          const { records } = await log.read(start, 1 << 24);
          expect(Buffer.concat(model.map((b) => b.bytes)).equals(records)).toBe(true);
          // Every batch is found through the index from its last offset (backwards, so no read
          // can reuse where the previous one ended).
          for (const b of [...model].reverse()) expect((await log.read(b.last, 1)).records.equals(b.bytes)).toBe(true);
        } finally {
          await log.close();
          // Release the abandoned instances' file handles only now, after everything was checked.
          for (const a of abandoned) await a.close().catch(() => undefined);
        }
      }),
      { numRuns: 60 },
    );
  });
});
