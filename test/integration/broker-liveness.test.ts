import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { createReplicatedTopic } from './replication-helpers.js';

/**
 * The active controller learns of a broker's death from its liveness stream, not from its session
 * running out. The session timeout here is 30 s and every wait is at most 15 s, so the failover
 * below can only happen through the stream.
 */
const SESSION_MS = 30_000;
const WAIT_MS = 15_000;

interface LogLine {
  msg?: string;
  brokerId?: number;
  brokerEpoch?: number;
  reason?: string;
}

/** Node `nodeId`'s JSON log lines with message `msg` about broker `brokerId`. */
function logged(cluster: TestCluster, nodeId: number, msg: string, brokerId: number): LogLine[] {
  return cluster
    .logs(nodeId)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
    .filter((l) => l.msg === msg && l.brokerId === brokerId);
}

describe('broker liveness stream across processes', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('moves the leadership of a SIGKILLed broker long before its session would expire, and fences nobody on a clean stop', async () => {
    cluster = await TestCluster.start({ config: { 'broker.session.timeout.ms': String(SESSION_MS) } });
    const c = cluster;
    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 5_000 });
    const controller = (await admin.describeQuorum()).leaderId;
    await admin.close();
    // A partition led by a node that is not the active controller, replicated on all three.
    const victim = c.ids.find((id) => id !== controller)!;
    const others = c.ids.filter((id) => id !== victim);
    await createReplicatedTopic(c, 'liveness', { replicas: [victim, ...others] });
    const producer = new Producer({ bootstrap: others.map((id) => c.clientAddress(id)).join(','), acks: 'all', requestTimeoutMs: 5_000, deliveryTimeoutMs: WAIT_MS, lingerMs: 0 });
    try {
      await producer.send({ topic: 'liveness', value: 'before' });

      const killedAt = Date.now();
      await c.kill(victim);
      const view = await c.waitForLeader('liveness', 0, (leader) => leader !== victim, WAIT_MS);
      const electedMs = Date.now() - killedAt;
      expect(others).toContain(view.leader);
      expect(view.isr).not.toContain(victim);
      const written = await producer.send({ topic: 'liveness', value: 'after' });
      expect(written.offset).toBeGreaterThan(0);
      console.log(`broker liveness: SIGKILL of the leader to a new leader ${electedMs} ms, to the next acks=all write ${Date.now() - killedAt} ms (session timeout ${SESSION_MS} ms)`);
      const [killedFence] = logged(c, controller, 'fencing broker', victim);
      expect(killedFence).toMatchObject({ reason: 'liveness connection lost' });

      // The dead process's session is over, so a restart registers at once and rejoins.
      await c.restart(victim);
      await c.waitForPartition('liveness', 0, `${victim} back in the ISR`, (v) => v.isr.includes(victim), { timeoutMs: WAIT_MS });

      // A clean stop says goodbye on its stream: fenced by its controlled shutdown, not as lost.
      await c.stop(victim);
      await waitFor('the controlled shutdown fence', () => logged(c, controller, 'fencing broker', victim).length === 2, { timeoutMs: WAIT_MS });
      const [, stopFence] = logged(c, controller, 'fencing broker', victim);
      expect(stopFence).toMatchObject({ reason: 'controlled shutdown' });
      expect(stopFence!.brokerEpoch).toBeGreaterThan(killedFence!.brokerEpoch!);
      // Only the killed incarnation's stream was ever lost.
      expect(logged(c, controller, 'broker liveness connection lost', victim).map((l) => l.brokerEpoch)).toEqual([killedFence!.brokerEpoch]);
    } finally {
      await producer.close();
    }
  }, 120_000);

  it('keeps the streams on whichever controller is active: after a controller failover a SIGKILLed broker is still fenced at once', async () => {
    // Three voters and a broker-only node 4, so that two nodes can die without losing the quorum.
    cluster = await TestCluster.start({ nodes: 4, controllers: 3, config: { 'broker.session.timeout.ms': String(SESSION_MS) } });
    const c = cluster;
    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 5_000 });
    const oldController = (await admin.describeQuorum()).leaderId;
    const survivors = [1, 2, 3].filter((id) => id !== oldController);
    await createReplicatedTopic(c, 'after-failover', { replicas: [4, ...survivors] });

    await c.kill(oldController);
    const controller = await waitFor('a new active controller', async () => {
      const leaderId = (await admin.describeQuorum().catch(() => undefined))?.leaderId;
      return leaderId !== undefined && survivors.includes(leaderId) ? leaderId : undefined;
    }, { timeoutMs: WAIT_MS });
    await admin.close();
    // Every surviving broker has moved its stream to the new controller (none was fenced for the move).
    await waitFor('the brokers\' streams on the new controller', () => [...survivors, 4].every((id) => logged(c, controller, 'broker liveness stream opened', id).length > 0), { timeoutMs: WAIT_MS });

    await c.kill(4);
    const view = await c.waitForLeader('after-failover', 0, (leader) => leader !== 4, WAIT_MS);
    expect(survivors).toContain(view.leader);
    expect(logged(c, controller, 'fencing broker', 4).map((l) => l.reason)).toEqual(['liveness connection lost']);
    for (const id of survivors) expect(logged(c, controller, 'fencing broker', id)).toEqual([]);
  }, 120_000);
});
