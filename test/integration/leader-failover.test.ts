import { afterEach, describe, expect, it } from 'vitest';
import { Producer } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { createReplicatedTopic, describeErrors, duplicates, misplacedAcks, readPartition, sendStream, type SendOutcome } from './replication-helpers.js';

/**
 * A partition leader killed with SIGKILL while an idempotent acks=all producer keeps writing:
 * the controller fences it and elects a new leader from the ISR, and nothing acknowledged is
 * lost, moved, duplicated or reordered.
 */
describe('leader failover under acks=all', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('keeps every record acknowledged around a SIGKILL of the leader, once, at its offset, in key order', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    await createReplicatedTopic(c, 'failover');
    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', enableIdempotence: true, requestTimeoutMs: 5_000, deliveryTimeoutMs: 45_000, lingerMs: 2 });
    const keys = 10;
    let killed = false;
    const outcomes = await sendStream(producer, 600, (i) => ({ topic: 'failover', key: `k${i % keys}`, value: `k${i % keys}:${Math.floor(i / keys)}` }), {
      at: async (_i, acked) => {
        // Kill the leader once a third of the stream is acknowledged, with more in flight.
        if (!killed && acked >= 200) {
          killed = true;
          await c.kill(1);
        }
      },
    });
    await producer.close();
    expect(killed).toBe(true);
    expect(describeErrors(outcomes)).toEqual([]);

    const view = await c.waitForLeader('failover', 0);
    expect(view.leader).not.toBe(1);
    const records = await readPartition(c.bootstrap, 'failover', 0);
    expect(duplicates(records)).toEqual([]);
    expect(misplacedAcks(outcomes, records)).toEqual([]);
    // Per key, the sequence numbers in the values only grow along the log.
    const lastSeq = new Map<string, number>();
    const disorder: string[] = [];
    for (const r of records) {
      const [key, seq] = r.value!.toString().split(':') as [string, string];
      if ((lastSeq.get(key) ?? -1) >= Number(seq)) disorder.push(`${key}:${seq} at ${r.offset} after ${key}:${lastSeq.get(key)}`);
      lastSeq.set(key, Number(seq));
    }
    expect(disorder).toEqual([]);
  }, 90_000);

  it('does not duplicate idempotent batches retried across a leader failover', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    await createReplicatedTopic(c, 'dedup', { partitions: 3 });
    // Small batches and the full in-flight window: many batches are unanswered when the leader dies.
    const config = { bootstrap: c.bootstrap, acks: 'all' as const, enableIdempotence: true, requestTimeoutMs: 5_000, deliveryTimeoutMs: 45_000, batchSize: 400, lingerMs: 1, maxInFlightRequestsPerConnection: 5 };
    const producers = [new Producer(config), new Producer(config)];
    let killed = false;
    const kill = async (_i: number, acked: number): Promise<void> => {
      if (!killed && acked >= 150) {
        killed = true;
        await c.kill(1);
      }
    };
    const runs = producers.map((p, n) =>
      sendStream(p, 450, (i) => ({ topic: 'dedup', partition: i % 3, value: `p${n}-${i}` }), { window: 60, at: n === 0 ? kill : undefined }),
    );
    const outcomes: SendOutcome[] = (await Promise.all(runs)).flat();
    await Promise.all(producers.map((p) => p.close()));
    expect(killed).toBe(true);

    for (const p of [0, 1, 2]) await c.waitForLeader('dedup', p);
    const records = (await Promise.all([0, 1, 2].map((p) => readPartition(c.bootstrap, 'dedup', p))));
    for (const [p, recs] of records.entries()) {
      expect(duplicates(recs), `partition ${p}`).toEqual([]);
      expect(misplacedAcks(outcomes.filter((o) => o.record.partition === p), recs), `partition ${p}`).toEqual([]);
      // Each producer's records of a partition keep their send order.
      for (const n of [0, 1]) {
        const seqs = recs.map((r) => r.value!.toString()).filter((v) => v.startsWith(`p${n}-`)).map((v) => Number(v.slice(3)));
        expect(seqs, `producer ${n} partition ${p}`).toEqual([...seqs].sort((a, b) => a - b));
      }
    }
    // Every send settled; whatever failed (if anything) failed for a reason the client names.
    expect(outcomes.every((o) => o.offset !== undefined || o.error !== undefined)).toBe(true);
    expect(describeErrors(outcomes)).toEqual([]);
  }, 90_000);
});
