import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { createReplicatedTopic, describeErrors, duplicates, misplacedAcks, readPartition, sameIds, sendStream } from './replication-helpers.js';

/**
 * Replicas that come back: a follower that was down catches up and rejoins the ISR, and a former
 * leader that wrote records nobody replicated throws that tail away when it returns.
 */
describe('replicas returning after a failure', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('brings a restarted follower back into the ISR with the data written while it was down', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    // Replicas [1, 2, 3]: 1 leads, and with 1 gone the controller picks 2 if it is in the ISR.
    await createReplicatedTopic(c, 'rejoin');
    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', requestTimeoutMs: 5_000, deliveryTimeoutMs: 30_000 });
    const before = await sendStream(producer, 100, (i) => ({ topic: 'rejoin', key: `k${i % 7}`, value: `before-${i}` }));

    await c.kill(2);
    await c.waitForPartition('rejoin', 0, 'ISR without the killed follower 2', (v) => v.leader === 1 && sameIds(v.isr, [1, 3]));
    const during = await sendStream(producer, 300, (i) => ({ topic: 'rejoin', key: `k${i % 7}`, value: `during-${i}` }));
    await producer.close();
    expect(describeErrors([...before, ...during])).toEqual([]);

    await c.restart(2);
    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 5_000 });
    try {
      await waitFor('describeTopics to show broker 2 back in the ISR of rejoin-0', async () => {
        const [topic] = await admin.describeTopics(['rejoin']);
        return sameIds(topic!.partitions[0]!.isr, [1, 2, 3]);
      }, { timeoutMs: 20_000, intervalMs: 100 });
    } finally {
      await admin.close();
    }

    // Only 2 can now serve the data: with 1 gone, 2 is the first in-sync replica and takes over.
    await c.kill(1);
    const view = await c.waitForLeader('rejoin', 0);
    expect(view.leader).toBe(2);
    const records = await readPartition(c.bootstrap, 'rejoin', 0);
    expect(records.length).toBe(400);
    expect(duplicates(records)).toEqual([]);
    expect(misplacedAcks([...before, ...during], records)).toEqual([]);
  }, 90_000);

  it('truncates the unreplicated tail of a former leader when it returns', async () => {
    cluster = await TestCluster.start();
    const c = cluster;
    await createReplicatedTopic(c, 'tail');
    const committed = new Producer({ bootstrap: c.bootstrap, acks: 'all', requestTimeoutMs: 5_000, deliveryTimeoutMs: 30_000 });
    const base = await sendStream(committed, 20, (i) => ({ topic: 'tail', value: `base-${i}`, partition: 0 }));
    await committed.close();
    expect(describeErrors(base)).toEqual([]);

    // The tail: acks=1 writes to leader 1 while both followers are stopped (SIGSTOP), so they
    // fetch none of it; the controller quorum is stopped too, so 1 stays leader meanwhile. A
    // follower's long-poll pending at the moment it stopped may still carry the first tail write
    // into its socket, so the tail goes one record at a time: at most its start can get out.
    const leaderOnly = new Producer({ bootstrap: c.clientAddress(1), acks: 1, enableIdempotence: false, requestTimeoutMs: 3_000, deliveryTimeoutMs: 10_000 });
    await leaderOnly.partitionsFor('tail');
    c.pause(2);
    c.pause(3);
    const tail = await sendStream(leaderOnly, 30, (i) => ({ topic: 'tail', value: `tail-${i}`, partition: 0 }), { window: 1 });
    expect(describeErrors(tail)).toEqual([]);
    expect(tail.map((o) => o.offset)).toEqual(Array.from({ length: 30 }, (_, i) => 20 + i));
    await c.kill(1);
    await leaderOnly.close();

    c.resume(2);
    c.resume(3);
    const newLeader = await c.waitForLeader('tail', 0, (l) => l !== 1);
    const fresh = new Producer({ bootstrap: [2, 3].map((id) => c.clientAddress(id)), acks: 'all', requestTimeoutMs: 5_000, deliveryTimeoutMs: 30_000 });
    const after = await sendStream(fresh, 40, (i) => ({ topic: 'tail', value: `new-${i}`, partition: 0 }));
    await fresh.close();
    expect(describeErrors(after)).toEqual([]);
    // The new leader's log ends within the tail (it has at most a few of its first records):
    // its new records take offsets node 1 holds tail records at.
    const diverge = after[0]!.offset!;
    expect(diverge).toBeGreaterThanOrEqual(20);
    expect(diverge).toBeLessThan(45);
    expect(after.map((o) => o.offset)).toEqual(Array.from({ length: 40 }, (_, i) => diverge + i));
    const survivors = tail.slice(0, diverge - 20);

    await c.restart(1);
    await c.waitForPartition('tail', 0, 'the former leader back in the ISR', (v) => sameIds(v.isr, [1, 2, 3]));
    // Read node 1's own log: make it lead (it is first in the replica order) by killing whoever does.
    const now = await c.waitForLeader('tail', 0);
    if (now.leader !== 1) {
      expect(now.leader).toBe(newLeader.leader);
      await c.kill(now.leader);
      await c.waitForLeader('tail', 0, (l) => l === 1);
    }
    const records = await readPartition(c.bootstrap, 'tail', 0);
    expect(records.map((r) => r.value!.toString())).toEqual([...base, ...survivors, ...after].map((o) => String(o.record.value)));
    expect(misplacedAcks([...base, ...survivors, ...after], records)).toEqual([]);
  }, 90_000);
});
