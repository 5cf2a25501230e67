import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, createClient, errorName } from '@runnel/protocol';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';

describe('controller failover across processes', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start();
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  const createTopics = (address: string, names: string[]) => {
    const admin = createClient('Admin', address);
    return callUnary(admin.createTopics.bind(admin), {
      topics: names.map((name) => ({ name, numPartitions: 2, replicationFactor: 2, configs: [] })),
      timeoutMs: 5_000,
    }, { timeoutMs: 5_000 }).finally(() => admin.close());
  };

  const metadataControllerId = (address: string) => {
    const broker = createClient('Broker', address);
    return callUnary(broker.metadata.bind(broker), { topics: [] }, { timeoutMs: 2_000 }).then((m) => m.controllerId).finally(() => broker.close());
  };

  const describeQuorum = (address: string) => {
    const admin = createClient('Admin', address);
    return callUnary(admin.describeQuorum.bind(admin), {}, { timeoutMs: 2_000 }).finally(() => admin.close());
  };

  it('a new active controller has every committed topic and keeps accepting changes', async () => {
    const topics = ['t1', 't2', 't3', 't4', 't5'];
    const created = await createTopics(cluster.clientAddress(1), topics);
    expect(created.topics.map((t) => errorName(t.errorCode))).toEqual(topics.map(() => 'NONE'));

    const before = await describeQuorum(cluster.clientAddress(1));
    const oldLeader = before.leaderId;
    expect(cluster.ids).toContain(oldLeader);
    const survivor = cluster.ids.find((id) => id !== oldLeader)!;
    // Metadata answers name the active controller (brokers learn it from their controller calls).
    await waitFor('metadata naming the active controller', async () => (await metadataControllerId(cluster.clientAddress(survivor))) === oldLeader);

    const killedAt = Date.now();
    await cluster.kill(oldLeader);
    // Changes are accepted again once a new controller is active (forwarded by a surviving broker).
    const accepted = await waitFor('a change accepted after failover', async () => {
      const r = await createTopics(cluster.clientAddress(survivor), ['after-failover']);
      return errorName(r.topics[0]!.errorCode) === 'NONE' ? Date.now() : undefined;
    }, { timeoutMs: 20_000, intervalMs: 50 });
    console.log(`controller failover: SIGKILL of the active controller to the next accepted change: ${accepted - killedAt} ms`);

    const after = await describeQuorum(cluster.clientAddress(survivor));
    expect(after.leaderId).not.toBe(oldLeader);
    expect(after.leaderEpoch).toBeGreaterThan(before.leaderEpoch);
    await waitFor('metadata naming the new controller', async () => (await metadataControllerId(cluster.clientAddress(survivor))) === after.leaderId);
    // The new controller knows every topic the old one committed.
    const again = await createTopics(cluster.clientAddress(survivor), topics);
    expect(again.topics.map((t) => errorName(t.errorCode))).toEqual(topics.map(() => 'TOPIC_ALREADY_EXISTS'));

    // The old controller comes back as a follower and catches up.
    await cluster.restart(oldLeader);
    const rejoined = await createTopics(cluster.clientAddress(oldLeader), ['after-failover']);
    expect(errorName(rejoined.topics[0]!.errorCode)).toBe('TOPIC_ALREADY_EXISTS');
  }, 90_000);
});
