import { describe, expect, it } from 'vitest';
import { alterPartition } from '../src/alter-partition.js';
import { alterBrokerConfigs } from '../src/broker-configs.js';
import { electLeaders, partitionsNeedingPreferredElection, rebalanceLeaders } from '../src/leader-election.js';
import type { ClusterSettings } from '../src/controller-config.js';
import { alterTopicConfigs, createTopics } from '../src/topic-operations.js';
import { TEST_BROKER_CONFIGS, TestCluster } from './helpers.js';

/** Three brokers, topic 't' with one partition whose replicas are [1, 2, 3] in that order. */
function setup(settings: Partial<ClusterSettings> = {}, configs: Record<string, string> = {}): TestCluster {
  const c = new TestCluster(settings);
  c.start([1, 2, 3]);
  const result = createTopics(c.image, [{ name: 't', numPartitions: 1, replicationFactor: 3, configs }], c.ctx());
  // Pin the assignment so the test knows the order.
  c.commit({
    ...result,
    records: result.records.map((r) => (r.type === 'partition' ? { ...r, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 } : r)),
  });
  return c;
}

function setIsr(c: TestCluster, isr: number[]): void {
  const p = c.partition('t', 0);
  const [result] = c.commit(
    alterPartition(
      c.image,
      {
        brokerId: p.leader,
        brokerEpoch: c.epochs.get(p.leader)!,
        topics: [{ topicId: c.image.topicsByName.get('t')!.id, partitions: [{ partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: isr }] }],
      },
      c.ctx(),
    ),
  );
  expect(result?.error).toBeNull();
}

describe('leader election on failure', () => {
  it('elects the first live ISR member in assignment order, not ISR order', () => {
    const c = setup();
    setIsr(c, [1, 3, 2]);
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [3, 2], leaderEpoch: 1 });
  });

  it('keeps the leader and bumps only the partition epoch when a follower dies', () => {
    const c = setup();
    c.heartbeat(3, { wantFence: true });
    expect(c.partition('t', 0)).toEqual({ replicas: [1, 2, 3], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 1, addingReplicas: [], removingReplicas: [] });
  });

  it('never elects outside the ISR without unclean election: the partition goes offline', () => {
    const c = setup();
    setIsr(c, [1]);
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('t', 0)).toMatchObject({ leader: -1, isr: [1], leaderEpoch: 1 });
    // A live replica outside the ISR coming and going changes nothing.
    c.heartbeat(2, { wantFence: true });
    c.heartbeat(2);
    expect(c.partition('t', 0)).toMatchObject({ leader: -1, isr: [1] });
    // The last ISR member returns and leads again.
    c.heartbeat(1);
    expect(c.partition('t', 0)).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 });
  });

  it('elects outside the ISR when unclean.leader.election.enable is on for the cluster', () => {
    const c = setup({ uncleanLeaderElectionEnable: true });
    setIsr(c, [1]);
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 1 });
  });

  it('lets the topic setting override the cluster default both ways', () => {
    const on = setup({ uncleanLeaderElectionEnable: false }, { 'unclean.leader.election.enable': 'true' });
    setIsr(on, [1]);
    on.heartbeat(1, { wantFence: true });
    expect(on.partition('t', 0).leader).toBe(2);

    const off = setup({ uncleanLeaderElectionEnable: true }, { 'unclean.leader.election.enable': 'false' });
    setIsr(off, [1]);
    off.heartbeat(1, { wantFence: true });
    expect(off.partition('t', 0).leader).toBe(-1);
  });

  it('elects an unclean leader for an offline partition as soon as the topic allows it', () => {
    const c = setup();
    setIsr(c, [1]);
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('t', 0).leader).toBe(-1);
    c.commit(alterTopicConfigs(c.image, [{ name: 't', ops: [{ key: 'unclean.leader.election.enable', op: 'set', value: 'true' }] }], c.ctx()));
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 2 });
  });

  it('elects an unclean leader as soon as the cluster-wide dynamic default allows it, below a topic that forbids it', () => {
    const c = setup();
    setIsr(c, [1]);
    c.heartbeat(1, { wantFence: true });
    c.commit(alterBrokerConfigs(c.image, [{ resourceName: '', ops: [{ key: 'unclean.leader.election.enable', op: 'set', value: 'true' }] }], TEST_BROKER_CONFIGS, c.ctx()));
    expect(c.image.configs.broker.get('')?.get('unclean.leader.election.enable')).toBe('true');
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2], leaderEpoch: 2 });

    const off = setup({}, { 'unclean.leader.election.enable': 'false' });
    off.commit(alterBrokerConfigs(off.image, [{ resourceName: '', ops: [{ key: 'unclean.leader.election.enable', op: 'set', value: 'true' }] }], TEST_BROKER_CONFIGS, off.ctx()));
    setIsr(off, [1]);
    off.heartbeat(1, { wantFence: true });
    expect(off.partition('t', 0).leader).toBe(-1);
  });

  it('takes a partition offline when every replica dies and recovers with the last ISR member', () => {
    const c = setup();
    c.heartbeat(3, { wantFence: true });
    c.heartbeat(2, { wantFence: true });
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('t', 0)).toMatchObject({ leader: -1, isr: [1] });
    c.heartbeat(3);
    c.heartbeat(2);
    expect(c.partition('t', 0).leader).toBe(-1);
    c.heartbeat(1);
    expect(c.partition('t', 0)).toMatchObject({ leader: 1, isr: [1] });
  });
});

describe('preferred leader election', () => {
  function failedOver(): TestCluster {
    const c = setup();
    c.heartbeat(1, { wantFence: true });
    c.heartbeat(1);
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2, 3] });
    return c;
  }

  it('is not available while the preferred replica is out of the ISR', () => {
    const c = failedOver();
    expect(partitionsNeedingPreferredElection(c.image)).toEqual([]);
    const result = electLeaders(c.image, { type: 'preferred', partitions: [{ topic: 't', partitionId: 0 }] }, c.ctx());
    expect(result.response[0]?.error?.errorName).toBe('PREFERRED_LEADER_NOT_AVAILABLE');
    expect(result.records).toEqual([]);
  });

  it('moves leadership back to the preferred replica once it is in sync', () => {
    const c = failedOver();
    setIsr(c, [2, 3, 1]);
    const id = c.image.topicsByName.get('t')!.id;
    expect(partitionsNeedingPreferredElection(c.image)).toEqual([{ topicId: id, topic: 't', partitionId: 0, preferredLeader: 1 }]);
    const before = c.partition('t', 0);
    const response = c.commit(electLeaders(c.image, { type: 'preferred', partitions: [{ topic: 't', partitionId: 0 }] }, c.ctx()));
    expect(response).toEqual([{ topic: 't', partitionId: 0, leader: 1, error: null }]);
    expect(c.partition('t', 0)).toMatchObject({ leader: 1, isr: [2, 3, 1], leaderEpoch: before.leaderEpoch + 1 });
    expect(partitionsNeedingPreferredElection(c.image)).toEqual([]);
    const again = electLeaders(c.image, { type: 'preferred', partitions: [{ topic: 't', partitionId: 0 }, { topic: 'x', partitionId: 0 }] }, c.ctx());
    expect(again.response.map((r) => r.error?.errorName)).toEqual(['ELECTION_NOT_NEEDED', 'UNKNOWN_TOPIC_OR_PARTITION']);
  });

  it('reports only real elections when asked for every partition', () => {
    const c = failedOver();
    setIsr(c, [2, 3, 1]);
    const result = electLeaders(c.image, { type: 'preferred' }, c.ctx());
    expect(result.response).toEqual([{ topic: 't', partitionId: 0, leader: 1, error: null }]);
  });

  it('rebalances on the timer only when auto.leader.rebalance.enable is on', () => {
    const c = failedOver();
    setIsr(c, [2, 3, 1]);
    const off = rebalanceLeaders(c.image, { ...c.ctx(), settings: { ...c.settings, autoLeaderRebalanceEnable: false } });
    expect(off.records).toEqual([]);
    const on = c.commit(rebalanceLeaders(c.image, c.ctx()));
    expect(on).toEqual({ elected: 1, remaining: 0 });
    expect(c.partition('t', 0).leader).toBe(1);
  });
});

describe('unclean election on demand', () => {
  it('elects outside the ISR for an offline partition even when the topic disallows it', () => {
    const c = setup();
    setIsr(c, [1]);
    c.heartbeat(1, { wantFence: true });
    const result = c.commit(electLeaders(c.image, { type: 'unclean', partitions: [{ topic: 't', partitionId: 0 }] }, c.ctx()));
    expect(result).toEqual([{ topic: 't', partitionId: 0, leader: 2, error: null }]);
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2] });
  });

  it('answers ELECTION_NOT_NEEDED with a leader and ELIGIBLE_LEADERS_NOT_AVAILABLE with no live replica', () => {
    const c = setup();
    expect(electLeaders(c.image, { type: 'unclean', partitions: [{ topic: 't', partitionId: 0 }] }, c.ctx()).response[0]?.error?.errorName).toBe('ELECTION_NOT_NEEDED');
    c.heartbeat(2, { wantFence: true });
    c.heartbeat(3, { wantFence: true });
    c.heartbeat(1, { wantFence: true });
    expect(electLeaders(c.image, { type: 'unclean', partitions: [{ topic: 't', partitionId: 0 }] }, c.ctx()).response[0]?.error?.errorName).toBe(
      'ELIGIBLE_LEADERS_NOT_AVAILABLE',
    );
  });
});
