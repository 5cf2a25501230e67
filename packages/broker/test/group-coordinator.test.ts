import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunnelError, errorCode, type pb } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '@runnel/storage';
import { EMPTY_IMAGE, type MetadataImage } from '@runnel/controller';
import { GroupCoordinator, OFFSETS_TOPIC, type GroupCoordinatorSettings } from '../src/group/group-coordinator.js';
import type { GroupStateMachine } from '../src/group/group-state-machine.js';
import { MetadataCache } from '../src/metadata/metadata-cache.js';
import { Partition, type PartitionRegistration } from '../src/replica/partition.js';
import { PartitionRegistry } from '../src/replica/partition-registry.js';
import { CONFIG, silent } from './group-helpers.js';

const SETTINGS: GroupCoordinatorSettings = {
  ...CONFIG,
  offsetsTopicNumPartitions: 1,
  offsetsTopicReplicationFactor: 1,
  offsetsRetentionCheckIntervalMs: 600_000,
  offsetCommitTimeoutMs: 300,
};

function commitRequest(offset: number): pb.OffsetCommitRequest__Output {
  return { groupId: 'g', generationId: -1, memberId: '', groupInstanceId: '', topics: [{ name: 't', partitions: [{ partition: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: '' }] }] };
}

function commit(m: GroupStateMachine, offset: number): Promise<number> {
  return new Promise((resolve) => m.commitOffsets(commitRequest(offset), (r) => resolve(r.topics![0]!.partitions![0]!.errorCode!)));
}

function fetched(m: GroupStateMachine): number {
  return Number(m.fetchOffsets({ groupId: 'g', topics: [{ name: 't', partitions: [0] }], requireStable: false }).topics![0]!.partitions![0]!.committedOffset);
}

describe('GroupCoordinator', () => {
  let dir: string;
  let log: Log;
  let partition: Partition;
  let coordinator: GroupCoordinator;

  const lead = (reg: PartitionRegistration): void => {
    partition.makeLeader(reg, Date.now());
    coordinator.onLocalChanges({ leaders: [{ topic: OFFSETS_TOPIC, partition: 0, registration: reg }], followers: [], deletes: [] });
  };
  const follow = (reg: PartitionRegistration): void => {
    partition.makeFollower(reg);
    coordinator.onLocalChanges({ leaders: [], followers: [{ topic: OFFSETS_TOPIC, partition: 0, registration: reg }], deletes: [] });
  };
  const loaded = (): Promise<GroupStateMachine> =>
    vi.waitFor(() => {
      const m = coordinator.route('g');
      if (m instanceof RunnelError) throw m;
      return m;
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-groups-'));
    log = await Log.open({ dir: join(dir, `${OFFSETS_TOPIC}-0`), topic: OFFSETS_TOPIC, partition: 0, config: { ...DEFAULT_LOG_CONFIG }, logger: silent });
    partition = new Partition(OFFSETS_TOPIC, 0, log, 1, () => ({ minInsyncReplicas: 1, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 }), silent);
    const registry = new PartitionRegistry();
    registry.add(partition);
    coordinator = new GroupCoordinator({ brokerId: 1, settings: SETTINGS, partitions: registry, cache: new MetadataCache('cluster', 'CLIENT'), createTopic: async () => undefined, logger: silent });
  });

  afterEach(async () => {
    coordinator.stop();
    partition.stop();
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers NOT_COORDINATOR for partitions it does not lead and LOAD_IN_PROGRESS while loading', async () => {
    expect((coordinator.route('g') as RunnelError).errorName).toBe('NOT_COORDINATOR');
    lead({ leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1], isr: [1] });
    expect((coordinator.route('g') as RunnelError).errorName).toBe('COORDINATOR_LOAD_IN_PROGRESS');
    await loaded();
  });

  it('writes commits to the log, answers once they are committed, and reloads them after leadership comes back', async () => {
    lead({ leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1], isr: [1] });
    const m = await loaded();
    expect(await commit(m, 42)).toBe(0);
    expect(fetched(m)).toBe(42);
    expect(log.highWatermark).toBe(1);
    follow({ leaderId: 2, leaderEpoch: 2, partitionEpoch: 2, replicas: [1, 2], isr: [1, 2] });
    expect((coordinator.route('g') as RunnelError).errorName).toBe('NOT_COORDINATOR');
    lead({ leaderId: 1, leaderEpoch: 3, partitionEpoch: 3, replicas: [1], isr: [1] });
    const again = await loaded();
    expect(again).not.toBe(m);
    expect(fetched(again)).toBe(42);
  });

  it('fails a commit the in-sync replicas do not acknowledge in offsets.commit.timeout.ms, leaving the offset unchanged', async () => {
    // Broker 2 is in the ISR but never fetches: the high watermark cannot pass the write.
    lead({ leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2], isr: [1, 2] });
    const m = await loaded();
    expect(await commit(m, 7)).toBe(errorCode('COORDINATOR_NOT_AVAILABLE'));
    expect(fetched(m)).toBe(-1);
  });

  it('answers NOT_COORDINATOR to a write whose partition moves away before it is committed', async () => {
    lead({ leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2], isr: [1, 2] });
    const m = await loaded();
    const pending = commit(m, 9);
    await vi.waitFor(() => expect(log.logEndOffset).toBe(1));
    follow({ leaderId: 2, leaderEpoch: 2, partitionEpoch: 2, replicas: [1, 2], isr: [1, 2] });
    expect(await pending).toBe(errorCode('NOT_COORDINATOR'));
  });

  it('drops offsets of topics the metadata no longer has', async () => {
    lead({ leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1], isr: [1] });
    const m = await loaded();
    await commit(m, 5);
    const topic = (name: string) => [name, { id: name, name, partitions: new Map() }] as const;
    const image = (names: string[]) => ({ topicsByName: new Map(names.map(topic)) }) as unknown as MetadataImage;
    coordinator.onMetadata(image(['t', 'u']));
    coordinator.onMetadata(image(['u']));
    expect(fetched(m)).toBe(-1);
    await vi.waitFor(() => expect(log.logEndOffset).toBe(2));
  });

  describe('FindCoordinator', () => {
    const broker = (id: number, fenced = false) => [id, { id, incarnationId: `inc-${id}`, epoch: 1, endpoints: [{ name: 'CLIENT', host: 'h', port: 9000 + id }], rack: null, fenced, inControlledShutdown: false }] as const;
    const withBrokers = (ids: number[], topics = new Map()): MetadataImage => ({ ...EMPTY_IMAGE, brokers: new Map(ids.map((id) => broker(id))), topicsByName: topics }) as unknown as MetadataImage;

    function coordinatorWith(image: MetadataImage, rf: number) {
      const cache = new MetadataCache('cluster', 'CLIENT');
      cache.update(image, 1);
      const created: pb.CreatableTopic[] = [];
      const c = new GroupCoordinator({ brokerId: 1, settings: { ...SETTINGS, offsetsTopicNumPartitions: 5, offsetsTopicReplicationFactor: rf }, partitions: new PartitionRegistry(), cache, createTopic: async (t) => void created.push(t), logger: silent });
      return { c, created };
    }

    it('waits for offsets.topic.replication.factor live brokers before creating the offsets topic', () => {
      const { c, created } = coordinatorWith(withBrokers([1, 2]), 3);
      const answer = c.findCoordinator('g');
      expect(answer.errorCode).toBe(errorCode('COORDINATOR_NOT_AVAILABLE'));
      expect(answer.errorMessage).toMatch(/offsets.topic.replication.factor=3/);
      expect(created).toEqual([]);
    });

    it('creates a compacted offsets topic on first use', () => {
      const { c, created } = coordinatorWith(withBrokers([1, 2, 3]), 3);
      expect(c.findCoordinator('g').errorCode).toBe(errorCode('COORDINATOR_NOT_AVAILABLE'));
      expect(created).toEqual([{ name: OFFSETS_TOPIC, numPartitions: 5, replicationFactor: 3, assignments: [], configs: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'segment.bytes', value: '104857600' }] }]);
    });

    it('answers the client endpoint of the group partition leader, or COORDINATOR_NOT_AVAILABLE without one', () => {
      const p = (leader: number) => ({ replicas: [1, 2, 3], isr: [1, 2, 3], leader, leaderEpoch: 1, partitionEpoch: 1 });
      const partitions = new Map([0, 1, 2, 3, 4].map((i) => [i, p(i === 3 ? -1 : 2)]));
      const topics = new Map([[OFFSETS_TOPIC, { id: 'x', name: OFFSETS_TOPIC, partitions }]]);
      const { c } = coordinatorWith(withBrokers([1, 2, 3], topics), 3);
      // "hello".hashCode() % 5 == 2, and its partition is led by broker 2.
      expect(c.findCoordinator('hello')).toEqual({ key: 'hello', errorCode: 0, errorMessage: '', node: { nodeId: 2, host: 'h', port: 9002, rack: '' } });
      const leaderless = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].find((g) => c.partitionFor(g) === 3)!;
      expect(c.findCoordinator(leaderless).errorCode).toBe(errorCode('COORDINATOR_NOT_AVAILABLE'));
    });
  });
});
