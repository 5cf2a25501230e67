import { describe, expect, it } from 'vitest';
import { alterPartition } from '../src/alter-partition.js';
import { fenceStaleBrokers } from '../src/broker-lifecycle.js';
import { applyRecords } from '../src/delta.js';
import { decodeMetadataRecord, encodeMetadataRecord } from '../src/records.js';
import {
  REASSIGNMENT_THROTTLE_CONFIG,
  alterPartitionReassignments,
  listPartitionReassignments,
  type ReassignmentRequest,
} from '../src/reassignment.js';
import { decodeSnapshot, encodeSnapshot } from '../src/snapshot.js';
import { createPartitions, createTopics, deleteTopics } from '../src/topic-operations.js';
import { TestCluster } from './helpers.js';

/** Five brokers; topic 't' with two partitions on [1, 2, 3], led by 1. */
function setup(): TestCluster {
  const c = new TestCluster();
  c.start([1, 2, 3, 4, 5]);
  const result = createTopics(c.image, [{ name: 't', numPartitions: 2, replicationFactor: 3 }], c.ctx());
  c.commit({ ...result, records: result.records.map((r) => (r.type === 'partition' ? { ...r, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 } : r)) });
  return c;
}

function reassign(c: TestCluster, partitions: ReassignmentRequest[], throttleBytesPerSec?: number) {
  return c.commit(alterPartitionReassignments(c.image, { partitions, throttleBytesPerSec }, c.ctx()));
}

/** The partition leader asks for `newIsr`, as its broker would once followers catch up. */
function isr(c: TestCluster, newIsr: number[], partitionId = 0) {
  const p = c.partition('t', partitionId);
  const topicId = c.image.topicsByName.get('t')!.id;
  const [result] = c.commit(
    alterPartition(
      c.image,
      {
        brokerId: p.leader,
        brokerEpoch: c.epochs.get(p.leader)!,
        topics: [{ topicId, partitions: [{ partitionId, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr }] }],
      },
      c.ctx(),
    ),
  );
  return result!;
}

function throttle(c: TestCluster): string | undefined {
  return c.image.configs.broker.get('')?.get(REASSIGNMENT_THROTTLE_CONFIG);
}

describe('partition reassignment', () => {
  it('adds the new replicas, completes only when every target is in the ISR, then drops the old ones', () => {
    const c = setup();
    expect(reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }])).toEqual([{ topic: 't', partitionId: 0, error: null }]);
    // Target first, then the replica leaving; the leader stays and its epoch does not move (nothing left).
    expect(c.partition('t', 0)).toEqual({
      replicas: [2, 3, 4, 1],
      isr: [1, 2, 3],
      leader: 1,
      leaderEpoch: 0,
      partitionEpoch: 1,
      addingReplicas: [4],
      removingReplicas: [1],
    });
    expect(listPartitionReassignments(c.image)).toEqual([{ topic: 't', partitionId: 0, replicas: [2, 3, 4, 1], addingReplicas: [4], removingReplicas: [1] }]);
    // The other partition is untouched.
    expect(c.partition('t', 1).replicas).toEqual([1, 2, 3]);

    // A shrink that leaves a target out of the ISR does not complete anything.
    isr(c, [1, 2]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [2, 3, 4, 1], isr: [1, 2], addingReplicas: [4], removingReplicas: [1] });
    // 4 caught up, 3 not yet: still in progress.
    isr(c, [1, 2, 4]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [2, 3, 4, 1], isr: [1, 2, 4], leader: 1, leaderEpoch: 0 });

    // Every target in the ISR: completes in the same change, and the leader moves off broker 1.
    const answer = isr(c, [1, 2, 3, 4]);
    const done = c.partition('t', 0);
    expect(done).toEqual({ replicas: [2, 3, 4], isr: [2, 3, 4], leader: 2, leaderEpoch: 1, partitionEpoch: 4, addingReplicas: [], removingReplicas: [] });
    expect(answer).toMatchObject({ error: null, leader: 2, leaderEpoch: 1, isr: [2, 3, 4], partitionEpoch: 4 });
    expect(listPartitionReassignments(c.image)).toEqual([]);
    // Broker 1 must drop its replica; broker 4 follows 2.
    const delta = c.deltas.at(-1)!;
    expect(delta.localChanges(1).deletes).toEqual([{ topicId: c.image.topicsByName.get('t')!.id, topicName: 't', partitionId: 0 }]);
    expect(delta.localChanges(2).leaders.map((l) => l.partitionId)).toEqual([0]);
    expect(delta.localChanges(4).followers.map((l) => l.partitionId)).toEqual([0]);
  });

  it('bumps the leader epoch when replicas leave even if the leader stays', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [1, 2, 4] }]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [1, 2, 4, 3], leaderEpoch: 0, addingReplicas: [4], removingReplicas: [3] });
    isr(c, [1, 2, 3, 4]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [1, 2, 4], isr: [1, 2, 4], leader: 1, leaderEpoch: 1, addingReplicas: [], removingReplicas: [] });
  });

  it('completes at once when the targets are already in the ISR (shrink or reorder)', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [3, 2] }]);
    expect(c.partition('t', 0)).toEqual({ replicas: [3, 2], isr: [2, 3], leader: 3, leaderEpoch: 1, partitionEpoch: 1, addingReplicas: [], removingReplicas: [] });
    // The same assignment again changes nothing and succeeds.
    const result = alterPartitionReassignments(c.image, { partitions: [{ topic: 't', partitionId: 0, replicas: [3, 2] }] }, c.ctx());
    expect(result.records).toEqual([]);
    expect(result.response[0]!.error).toBeNull();
  });

  it('cancel restores the original replicas and removes the adding ones', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [4, 5, 1] }]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [4, 5, 1, 2, 3], addingReplicas: [4, 5], removingReplicas: [2, 3] });
    // One adding replica already caught up and joined the ISR.
    isr(c, [1, 2, 3, 4]);
    expect(reassign(c, [{ topic: 't', partitionId: 0, replicas: null }])).toEqual([{ topic: 't', partitionId: 0, error: null }]);
    const p = c.partition('t', 0);
    expect([...p.replicas].sort()).toEqual([1, 2, 3]);
    expect(p).toMatchObject({ isr: [1, 2, 3], leader: 1, leaderEpoch: 1, addingReplicas: [], removingReplicas: [] });
    expect(c.deltas.at(-1)!.localChanges(4).deletes.map((d) => d.partitionId)).toEqual([0]);
  });

  it('a new target replaces the one in progress, starting from the original replicas', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }]);
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 5] }]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [2, 3, 5, 1], addingReplicas: [5], removingReplicas: [1] });
  });

  it('refuses with Kafka errors and changes nothing', () => {
    const c = setup();
    const before = c.image;
    const result = alterPartitionReassignments(
      c.image,
      {
        partitions: [
          { topic: 't', partitionId: 0, replicas: null },
          { topic: 't', partitionId: 1, replicas: [2, 3, 9] },
          { topic: 'nope', partitionId: 0, replicas: [1, 2] },
          { topic: 't', partitionId: 7, replicas: [1, 2] },
        ],
      },
      c.ctx(),
    );
    expect(result.records).toEqual([]);
    expect(result.response.map((r) => r.error?.errorName)).toEqual([
      'NO_REASSIGNMENT_IN_PROGRESS',
      'INVALID_REPLICA_ASSIGNMENT',
      'UNKNOWN_TOPIC_OR_PARTITION',
      'UNKNOWN_TOPIC_OR_PARTITION',
    ]);
    for (const replicas of [[2, 2, 3], []]) {
      const r = alterPartitionReassignments(c.image, { partitions: [{ topic: 't', partitionId: 1, replicas }] }, c.ctx());
      expect(r.response[0]!.error?.errorName).toBe('INVALID_REPLICA_ASSIGNMENT');
      expect(r.records).toEqual([]);
    }
    expect(c.image).toBe(before);
  });

  it('refuses a new target that would leave no in-sync replica', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [4, 5] }]);
    isr(c, [1, 2, 3, 4]);
    // The original replicas die: the adding broker 4, caught up, is the only one left in sync and leads.
    c.now += c.settings.brokerSessionTimeoutMs + 1;
    for (const id of [4, 5]) c.heartbeat(id);
    c.commit(fenceStaleBrokers(c.image, c.tracker, c.ctx()));
    expect(c.partition('t', 0)).toMatchObject({ leader: 4, isr: [4], replicas: [4, 5, 1, 2, 3] });
    // A target without 4 keeps only the originals next to 5, none of them in sync: refused.
    const result = alterPartitionReassignments(c.image, { partitions: [{ topic: 't', partitionId: 0, replicas: [5, 1] }] }, c.ctx());
    expect(result.response[0]!.error?.errorName).toBe('INVALID_REPLICA_ASSIGNMENT');
    expect(result.records).toEqual([]);
    // Cancelling puts the originals back; none is alive, so they wait as the ISR with no leader.
    reassign(c, [{ topic: 't', partitionId: 0, replicas: null }]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [1, 2, 3], isr: [1, 2, 3], leader: -1, addingReplicas: [], removingReplicas: [] });
  });

  it('adds partitions to a topic being reassigned with the target replication factor', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }]);
    c.commit(createPartitions(c.image, [{ name: 't', count: 3 }], c.ctx()));
    expect(c.partition('t', 2).replicas).toHaveLength(3);
  });

  it('sets the throttle with the reassignment and removes it when the last one completes', () => {
    const c = setup();
    reassign(c, [
      { topic: 't', partitionId: 0, replicas: [2, 3, 4] },
      { topic: 't', partitionId: 1, replicas: [1, 2, 5] },
    ], 1_000_000);
    expect(throttle(c)).toBe('1000000');
    isr(c, [1, 2, 3, 4], 0);
    expect(c.partition('t', 0).replicas).toEqual([2, 3, 4]);
    expect(throttle(c)).toBe('1000000');
    isr(c, [1, 2, 3, 5], 1);
    expect(c.partition('t', 1).replicas).toEqual([1, 2, 5]);
    expect(throttle(c)).toBeUndefined();
  });

  it('removes the throttle when the topic with the last reassignment is deleted', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }], 500);
    expect(throttle(c)).toBe('500');
    c.commit(deleteTopics(c.image, [{ name: 't' }], c.ctx()));
    expect(throttle(c)).toBeUndefined();
  });

  it('elects a target replica when a removing leader is fenced mid-reassignment, and still completes', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }]);
    c.now += c.settings.brokerSessionTimeoutMs + 1;
    for (const id of [2, 3, 4, 5]) c.heartbeat(id);
    c.commit(fenceStaleBrokers(c.image, c.tracker, c.ctx()));
    expect(c.partition('t', 0)).toMatchObject({ leader: 2, isr: [2, 3], replicas: [2, 3, 4, 1], addingReplicas: [4], removingReplicas: [1] });
    isr(c, [2, 3, 4]);
    expect(c.partition('t', 0)).toMatchObject({ replicas: [2, 3, 4], isr: [2, 3, 4], leader: 2, addingReplicas: [], removingReplicas: [] });
  });

  it('survives encoding, replay and snapshots', () => {
    const c = setup();
    reassign(c, [{ topic: 't', partitionId: 0, replicas: [2, 3, 4] }], 100);
    const decoded = c.records.map((r) => decodeMetadataRecord(encodeMetadataRecord(r)));
    const { image } = applyRecords(new TestCluster().image, decoded);
    expect(image.topicsByName.get('t')!.partitions.get(0)).toEqual(c.partition('t', 0));
    const restored = decodeSnapshot(encodeSnapshot(c.image));
    expect(restored.topicsByName.get('t')!.partitions.get(0)).toEqual(c.partition('t', 0));
    expect(restored.topicsByName.get('t')!.partitions.get(1)).toEqual(c.partition('t', 1));
    expect(restored.configs.broker.get('')?.get(REASSIGNMENT_THROTTLE_CONFIG)).toBe('100');
  });
});
