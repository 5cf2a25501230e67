import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorName, RunnelError } from '@runnel/protocol';
import { Producer, type RecordMetadata } from '../src/index.js';
import { TestCluster, type Fault } from './cluster-fixture.js';

/** Park-Miller: a seeded random source, so a failing seed replays exactly. */
function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const RETRIABLE: { kind: Fault['kind']; error?: ErrorName }[] = [
  { kind: 'reject', error: 'NOT_LEADER_OR_FOLLOWER' },
  { kind: 'reject', error: 'NOT_ENOUGH_REPLICAS' },
  { kind: 'reject-after-append', error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' },
  { kind: 'reject-after-append', error: 'REQUEST_TIMED_OUT' },
  { kind: 'drop-stream-after-append' },
];

describe('Producer under injected faults', () => {
  let cluster: TestCluster;
  let producer: Producer | undefined;

  beforeEach(async () => {
    cluster = await TestCluster.start([1, 2]);
  });
  afterEach(async () => {
    await producer?.close().catch(() => undefined);
    await cluster.close();
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`writes every acknowledged record once, in send order per partition (seed ${seed})`, async () => {
      const random = seeded(seed);
      await cluster.createTopic('f', 3, [1, 2]);
      // Retriable faults everywhere, plus one non-retriable refusal per partition.
      for (const partition of [0, 1, 2]) {
        for (let i = 0; i < 6; i++) {
          const f = RETRIABLE[Math.floor(random() * RETRIABLE.length)]!;
          cluster.addFault({ topic: 'f', partition, ...f, skip: Math.floor(random() * 60) });
        }
        cluster.addFault({ topic: 'f', partition, kind: 'reject', error: 'INVALID_RECORD', skip: Math.floor(random() * 60) });
      }
      producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0, batchSize: 300, retryBackoffMs: 1, random });
      type Outcome = { ok: true; m: RecordMetadata } | { ok: false; e: RunnelError };
      const sent: { partition: number; value: string; result: Promise<Outcome> }[] = [];
      for (let i = 0; i < 400; i++) {
        const partition = Math.floor(random() * 3);
        const value = `r${i}`;
        const result = producer.send({ topic: 'f', partition, value: value.padEnd(40, '.') }).then(
          (m): Outcome => ({ ok: true, m }),
          (e: RunnelError): Outcome => ({ ok: false, e }),
        );
        sent.push({ partition, value, result });
        // Let the sender run now and then, so batches of every size and many requests are in flight.
        if (random() < 0.2) await new Promise((r) => setImmediate(r));
      }
      const outcomes = await Promise.all(sent.map((s) => s.result));
      const failures = outcomes.flatMap((o) => (o.ok ? [] : [o]));
      // Only the injected refusals (and what sat behind them with an unknown outcome) may fail.
      for (const f of failures) expect(['INVALID_RECORD', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION']).toContain(f.e.errorName);
      expect(failures.length).toBeLessThan(60);
      for (const partition of [0, 1, 2]) {
        const log = (await cluster.read('f', partition)).map((r) => ({ offset: r.offset, value: r.value!.toString().replace(/\.+$/, '') }));
        const values = log.map((r) => r.value);
        // No duplicates, and the log follows send order.
        expect(new Set(values).size).toBe(values.length);
        const order = sent.filter((s) => s.partition === partition).map((s) => s.value);
        const positions = values.map((v) => order.indexOf(v));
        expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
        // Every acknowledged record is in the log at the offset it was acknowledged with.
        sent.forEach((s, i) => {
          const o = outcomes[i]!;
          if (s.partition !== partition || !o.ok) return;
          expect(log.find((r) => r.offset === o.m.offset)?.value).toBe(s.value);
        });
      }
    });
  }
});
