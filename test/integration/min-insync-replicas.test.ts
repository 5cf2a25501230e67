import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer, RunnelError } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { createReplicatedTopic, sameIds } from './replication-helpers.js';

/**
 * min.insync.replicas on a live cluster: once both followers are gone and the ISR has shrunk to
 * the leader, acks=all is refused with NOT_ENOUGH_REPLICAS (and nothing is written), while
 * acks=1 is still taken.
 */
describe('min.insync.replicas', () => {
  let cluster: TestCluster | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('answers acks=all with NOT_ENOUGH_REPLICAS when only the leader is in sync, and still takes acks=1', async () => {
    // Node 1 is the only controller, so killing brokers 2 and 3 keeps the metadata quorum and the
    // controller can fence them and shrink the ISR.
    cluster = await TestCluster.start({ nodes: 3, controllers: 1 });
    const c = cluster;
    await createReplicatedTopic(c, 'minisr');
    const healthy = new Producer({ bootstrap: c.bootstrap, acks: 'all', requestTimeoutMs: 5_000, deliveryTimeoutMs: 20_000 });
    const first = await healthy.send({ topic: 'minisr', partition: 0, value: 'replicated' });
    await healthy.close();
    expect(first.offset).toBe(0);

    await c.kill(2);
    await c.kill(3);
    await c.waitForPartition('minisr', 0, 'ISR shrunk to the leader', (v) => v.leader === 1 && sameIds(v.isr, [1]), { via: [1] });

    const strict = new Producer({ bootstrap: c.clientAddress(1), acks: 'all', lingerMs: 0, requestTimeoutMs: 1_000, deliveryTimeoutMs: 2_000 });
    const refused = await strict.send({ topic: 'minisr', partition: 0, value: 'must-not-be-written' }).then(
      () => null,
      (err: unknown) => err,
    );
    await strict.close();
    expect(refused).toBeInstanceOf(RunnelError);
    const e = refused as RunnelError;
    // Either the broker's answer itself, or the delivery timeout that ended the client's retries of it.
    expect(e.errorName === 'NOT_ENOUGH_REPLICAS' || e.message.includes('NOT_ENOUGH_REPLICAS'), `${e.errorName}: ${e.message}`).toBe(true);

    const admin = new Admin({ bootstrap: c.clientAddress(1), requestTimeoutMs: 5_000 });
    try {
      const [end] = await admin.listOffsets([{ topic: 'minisr', partition: 0, spec: 'latest' }]);
      expect(end!.offset).toBe(1);
    } finally {
      await admin.close();
    }

    const relaxed = new Producer({ bootstrap: c.clientAddress(1), acks: 1, requestTimeoutMs: 2_000, deliveryTimeoutMs: 10_000 });
    const taken = await relaxed.send({ topic: 'minisr', partition: 0, value: 'leader-only' });
    await relaxed.close();
    // Refused writes changed nothing: the acks=1 record lands right after the first one.
    expect(taken.offset).toBe(1);
  }, 60_000);
});
