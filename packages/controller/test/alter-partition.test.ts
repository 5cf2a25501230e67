import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { alterPartition, type AlterPartitionData } from '../src/alter-partition.js';
import { createTopics } from '../src/topic-operations.js';
import { TestCluster } from './helpers.js';

/** Four brokers; topic 't' partition 0 with replicas [1, 2, 3], led by 1. */
function setup(): TestCluster {
  const c = new TestCluster();
  c.start([1, 2, 3, 4]);
  const result = createTopics(c.image, [{ name: 't', numPartitions: 1, replicationFactor: 3 }], c.ctx());
  c.commit({ ...result, records: result.records.map((r) => (r.type === 'partition' ? { ...r, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 } : r)) });
  return c;
}

function send(c: TestCluster, data: Partial<AlterPartitionData> & { newIsr: number[] }, from = 1, brokerEpoch = c.epochs.get(from)!) {
  const p = c.partition('t', 0);
  const topicId = c.image.topicsByName.get('t')!.id;
  return alterPartition(
    c.image,
    { brokerId: from, brokerEpoch, topics: [{ topicId, partitions: [{ partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, ...data }] }] },
    c.ctx(),
  );
}

describe('AlterPartition', () => {
  it('accepts a shrink and an expansion from the leader with current epochs', () => {
    const c = setup();
    const shrink = c.commit(send(c, { newIsr: [1, 2] }));
    expect(shrink).toEqual([{ topicId: c.image.topicsByName.get('t')!.id, partitionId: 0, error: null, leader: 1, leaderEpoch: 0, isr: [1, 2], partitionEpoch: 1 }]);
    expect(c.partition('t', 0)).toEqual({ replicas: [1, 2, 3], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 1, addingReplicas: [], removingReplicas: [] });
    const expand = c.commit(send(c, { newIsr: [1, 2, 3] }));
    expect(expand[0]).toMatchObject({ error: null, isr: [1, 2, 3], partitionEpoch: 2, leaderEpoch: 0 });
    expect(c.partition('t', 0).isr).toEqual([1, 2, 3]);
  });

  it('writes nothing when the ISR does not change', () => {
    const c = setup();
    const result = send(c, { newIsr: [1, 2, 3] });
    expect(result.records).toEqual([]);
    expect(result.response[0]).toMatchObject({ error: null, partitionEpoch: 0 });
  });

  it.each([
    ['an old leader epoch', { leaderEpoch: -1, newIsr: [1, 2] }, 1, 'FENCED_LEADER_EPOCH'],
    ['a leader epoch from the future', { leaderEpoch: 5, newIsr: [1, 2] }, 1, 'NOT_CONTROLLER'],
    ['a partition epoch from the future', { partitionEpoch: 5, newIsr: [1, 2] }, 1, 'NOT_CONTROLLER'],
    ['a follower', { newIsr: [1, 2] }, 2, 'NOT_LEADER_OR_FOLLOWER'],
    ['a broker with no replica', { newIsr: [1, 2] }, 4, 'NOT_LEADER_OR_FOLLOWER'],
    ['a non-replica in the ISR', { newIsr: [1, 2, 4] }, 1, 'INVALID_REQUEST'],
    ['a duplicate in the ISR', { newIsr: [1, 2, 2] }, 1, 'INVALID_REQUEST'],
    ['an ISR without the leader', { newIsr: [2, 3] }, 1, 'INVALID_REQUEST'],
  ] as const)('rejects %s', (_what, data, from, error) => {
    const c = setup();
    const result = send(c, { ...data, newIsr: [...data.newIsr] }, from);
    expect(result.records).toEqual([]);
    expect(result.response[0]?.error?.errorName).toBe(error);
    // The answer carries the current state so the leader can refresh.
    expect(result.response[0]).toMatchObject({ leader: 1, leaderEpoch: 0, isr: [1, 2, 3], partitionEpoch: 0 });
  });

  it('rejects a proposal based on an old partition epoch with INVALID_UPDATE_VERSION', () => {
    const c = setup();
    c.commit(send(c, { newIsr: [1, 2] }));
    const stale = send(c, { partitionEpoch: 0, newIsr: [1] });
    expect(stale.response[0]?.error?.errorName).toBe('INVALID_UPDATE_VERSION');
    expect(stale.records).toEqual([]);
  });

  it('rejects the old leader after a failover with FENCED_LEADER_EPOCH', () => {
    const c = setup();
    const old = c.partition('t', 0);
    c.heartbeat(1, { wantFence: true });
    c.heartbeat(1);
    const result = send(c, { leaderEpoch: old.leaderEpoch, partitionEpoch: old.partitionEpoch, newIsr: [1, 2] }, 1);
    expect(result.response[0]?.error?.errorName).toBe('FENCED_LEADER_EPOCH');
  });

  it('refuses fenced and shutting-down brokers in the new ISR with INELIGIBLE_REPLICA', () => {
    const c = setup();
    c.heartbeat(3, { wantFence: true });
    expect(c.partition('t', 0).isr).toEqual([1, 2]);
    expect(send(c, { newIsr: [1, 2, 3] }).response[0]?.error?.errorName).toBe('INELIGIBLE_REPLICA');
    c.heartbeat(2, { wantShutDown: true });
    expect(c.partition('t', 0).isr).toEqual([1]);
    expect(send(c, { newIsr: [1, 2] }).response[0]?.error?.errorName).toBe('INELIGIBLE_REPLICA');
    c.heartbeat(3);
    expect(send(c, { newIsr: [1, 3] }).response[0]?.error).toBeNull();
  });

  it('refuses a stale broker epoch for the whole request', () => {
    const c = setup();
    let caught: unknown;
    try {
      send(c, { newIsr: [1, 2] }, 1, c.epochs.get(1)! + 100);
    } catch (err) {
      caught = err;
    }
    expect(isRunnelError(caught, 'STALE_BROKER_EPOCH')).toBe(true);
  });

  it('answers unknown topics and partitions per partition', () => {
    const c = setup();
    const topicId = c.image.topicsByName.get('t')!.id;
    const result = alterPartition(
      c.image,
      {
        brokerId: 1,
        brokerEpoch: c.epochs.get(1)!,
        topics: [
          { topicId: 'AAAAAAAAAAAAAAAAAAAAAg', partitions: [{ partitionId: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1] }] },
          { topicId, partitions: [{ partitionId: 7, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1] }] },
        ],
      },
      c.ctx(),
    );
    expect(result.response.map((r) => r.error?.errorName)).toEqual(['UNKNOWN_TOPIC_ID', 'UNKNOWN_TOPIC_OR_PARTITION']);
  });

  it('sees earlier entries for the same partition within one request', () => {
    const c = setup();
    const topicId = c.image.topicsByName.get('t')!.id;
    const result = c.commit(
      alterPartition(
        c.image,
        {
          brokerId: 1,
          brokerEpoch: c.epochs.get(1)!,
          topics: [
            { topicId, partitions: [{ partitionId: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1, 2] }] },
            { topicId, partitions: [{ partitionId: 0, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1] }] },
          ],
        },
        c.ctx(),
      ),
    );
    expect(result.map((r) => r.error?.errorName ?? null)).toEqual([null, 'INVALID_UPDATE_VERSION']);
    expect(c.partition('t', 0)).toMatchObject({ isr: [1, 2], partitionEpoch: 1 });
  });
});
