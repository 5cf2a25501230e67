import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { FAST_FAILOVER, TestCluster } from '../harness/cluster.js';
import { describeErrors, duplicates, misplacedAcks, readPartition, sameIds, type SendOutcome } from './replication-helpers.js';

const PARTITIONS = 3;

/**
 * A rolling restart of all three nodes (SIGTERM: controlled shutdown, then start again) while
 * an idempotent acks=all producer keeps writing: every send succeeds, and every acknowledged
 * record is in the log once, at its offset.
 */
describe('rolling restart', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('restarts every node in turn under acks=all load, losing nothing and refusing nothing', async () => {
    cluster = await TestCluster.start({ config: FAST_FAILOVER });
    const c = cluster;
    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 15_000 });
    // One partition led by each node, so every restart moves a leadership.
    const assignment = [[1, 2, 3], [2, 3, 1], [3, 1, 2]];
    try {
      await admin.createTopics([{ name: 'rolling', replicaAssignment: assignment, configs: { 'min.insync.replicas': '2' } }]);
    } finally {
      await admin.close();
    }
    const fullIsr = async (): Promise<void> => {
      for (let p = 0; p < PARTITIONS; p++) {
        await c.waitForPartition('rolling', p, 'a leader and all three replicas in sync', (v) => v.leader >= 0 && sameIds(v.isr, [1, 2, 3]), { timeoutMs: 60_000 });
      }
    };
    await fullIsr();

    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', enableIdempotence: true, requestTimeoutMs: 5_000, deliveryTimeoutMs: 60_000, lingerMs: 2 });
    const outcomes: SendOutcome[] = [];
    const unsettled = new Set<Promise<void>>();
    let done = false;
    let lastAckAt = Date.now();
    let longestGapMs = 0;
    const load = (async () => {
      for (let i = 0; !done; i++) {
        while (unsettled.size >= 40) await Promise.race(unsettled);
        const record = { topic: 'rolling', partition: i % PARTITIONS, value: `r${i}` };
        const outcome: SendOutcome = { index: i, record };
        outcomes.push(outcome);
        const settled = producer.send(record).then(
          (m) => {
            outcome.offset = m.offset;
            longestGapMs = Math.max(longestGapMs, Date.now() - lastAckAt);
            lastAckAt = Date.now();
          },
          (err: unknown) => {
            outcome.error = err as SendOutcome['error'];
          },
        ).finally(() => unsettled.delete(settled));
        unsettled.add(settled);
      }
      await Promise.all(unsettled);
    })();

    for (const id of c.ids) {
      const before = outcomes.length;
      await c.stop(id);
      c.spawn(id);
      await c.waitReady([id], 60_000);
      await fullIsr();
      expect(outcomes.length).toBeGreaterThan(before);
    }
    done = true;
    await load;
    await producer.close();

    expect(describeErrors(outcomes)).toEqual([]);
    console.log(`rolling restart: ${outcomes.length} records acknowledged; longest wait between two acknowledgements: ${longestGapMs} ms`);
    for (let p = 0; p < PARTITIONS; p++) {
      const records = await readPartition(c.bootstrap, 'rolling', p);
      const mine = outcomes.filter((o) => o.record.partition === p);
      expect(records).toHaveLength(mine.length);
      expect(duplicates(records)).toEqual([]);
      expect(misplacedAcks(mine, records)).toEqual([]);
    }
  }, 240_000);
});
