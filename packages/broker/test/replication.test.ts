import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { addService, bindServer, createServer, decodeRecordBatches, encodeRecordBatch, shutdownServer } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, Log } from '@runnel/storage';
import { DeadlineQueue } from '../src/delayed/deadline-queue.js';
import { DelayedProduce, type PartitionAck } from '../src/delayed/delayed-produce.js';
import type { DelayedFetch } from '../src/delayed/delayed-fetch.js';
import { Partition, type PartitionRegistration } from '../src/replica/partition.js';
import { PartitionRegistry } from '../src/replica/partition-registry.js';
import { ReplicaFetcherManager } from '../src/replica/fetcher-manager.js';
import { replicationHandlers } from '../src/services/replication-service.js';
import { waitFor } from '../../../test/harness/processes.js';

const logger = pino({ level: 'silent' });
const settings = { minInsyncReplicas: 2, replicaLagTimeMaxMs: 30_000, maxMessageBytes: 1 << 20 };
const fetcherSettings = { maxWaitMs: 500, minBytes: 1, maxBytes: 10 << 20, partitionMaxBytes: 1 << 20, backoffMs: 50 };

interface Node {
  id: number;
  registry: PartitionRegistry;
  partition: Partition;
  server: grpc.Server;
  port: number;
  fetchers: ReplicaFetcherManager;
  fetchQueue: DeadlineQueue<DelayedFetch>;
}

async function values(p: Partition, upTo: number): Promise<string[]> {
  const read = await p.log.read(0, 10 << 20, { maxOffset: upTo });
  return (await decodeRecordBatches(read.records)).flatMap((b) => b.records.map((r) => r.value!.toString()));
}

describe('leader-to-follower replication over gRPC', () => {
  let dir: string;
  const nodes: Node[] = [];

  async function node(
    id: number,
    addressOf: (id: number) => string | undefined,
    throttle?: { rate: () => number | null; now: () => number },
  ): Promise<Node> {
    const log = await Log.open({ dir: join(dir, `n${id}`), topic: 't', partition: 0, config: { ...DEFAULT_LOG_CONFIG }, logger });
    const partition = new Partition('t', 0, log, id, () => settings, logger);
    const registry = new PartitionRegistry();
    registry.add(partition);
    const fetchQueue = new DeadlineQueue<DelayedFetch>();
    const server = createServer();
    addService(server, 'Replication', replicationHandlers({ partitions: registry, fetchQueue, now: Date.now, logger, isCurrentBrokerEpoch: () => true }));
    const port = await bindServer(server, '127.0.0.1:0');
    const fetchers = new ReplicaFetcherManager({
      brokerId: id,
      brokerEpoch: () => 1,
      addressOf,
      settings: fetcherSettings,
      logger,
      ...(throttle ? { reassignmentThrottle: throttle.rate, now: throttle.now } : {}),
    });
    const n = { id, registry, partition, server, port, fetchers, fetchQueue };
    nodes.push(n);
    return n;
  }

  const address = (id: number): string | undefined => {
    const n = nodes.find((x) => x.id === id);
    return n ? `127.0.0.1:${n.port}` : undefined;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-replication-'));
  });

  afterEach(async () => {
    for (const n of nodes.splice(0)) {
      await n.fetchers.shutdown();
      n.fetchQueue.close();
      await shutdownServer(n.server, 500);
      await n.partition.log.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('replicates to followers and answers acks=all once both have the data', async () => {
    const [a, b, c] = [await node(1, address), await node(2, address), await node(3, address)];
    const reg: PartitionRegistration = { leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2, 3], isr: [1, 2, 3] };
    a.partition.makeLeader(reg, Date.now());
    for (const f of [b, c]) {
      f.partition.makeFollower(reg);
      f.fetchers.follow(f.partition, 1, 1);
    }
    const acks: (ReadonlyMap<string, PartitionAck> | undefined)[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await a.partition.appendAsLeader(await encodeRecordBatch([{ value: Buffer.from(`v${i}`) }]), -1);
      const op = new DelayedProduce(Date.now() + 10_000, [a.partition.key], (res) => (acks[i] = res));
      a.partition.awaitHighWatermark(op, r.requiredHighWatermark);
    }
    await waitFor('every acks=all write acknowledged', () => acks.filter(Boolean).length === 20);
    expect(acks.every((m) => m?.get('t-0')?.errorName === 'NONE')).toBe(true);
    expect(a.partition.highWatermark).toBe(20);
    const expected = Array.from({ length: 20 }, (_, i) => `v${i}`);
    for (const f of [b, c]) {
      await waitFor('follower HW caught up', () => f.partition.highWatermark === 20);
      expect(await values(f.partition, 20)).toEqual(expected);
    }
  });

  it('truncates a former leader\'s unreplicated tail before following the new leader', async () => {
    const [a, b] = [await node(1, address), await node(2, address)];
    // Epoch 1: node 1 leads and both replicate offsets 0..2.
    const reg1: PartitionRegistration = { leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2], isr: [1, 2] };
    a.partition.makeLeader(reg1, Date.now());
    b.partition.makeFollower(reg1);
    b.fetchers.follow(b.partition, 1, 1);
    await a.partition.appendAsLeader(await encodeRecordBatch(['x', 'y', 'z'].map((v) => ({ value: Buffer.from(v) }))), -1);
    await waitFor('node 2 replicated epoch 1', () => b.partition.log.logEndOffset === 3);
    // Node 1 writes a tail nobody else gets (acks=1), then loses leadership.
    b.fetchers.unfollow(b.partition);
    await a.partition.appendAsLeader(await encodeRecordBatch(['lost1', 'lost2'].map((v) => ({ value: Buffer.from(v) }))), 1);
    expect(a.partition.log.logEndOffset).toBe(5);
    // Epoch 2: node 2 leads and writes its own records at offsets 3..; node 1 follows it.
    const reg2: PartitionRegistration = { leaderId: 2, leaderEpoch: 2, partitionEpoch: 2, replicas: [1, 2], isr: [2] };
    b.partition.makeLeader(reg2, Date.now());
    await b.partition.appendAsLeader(await encodeRecordBatch([{ value: Buffer.from('new') }]), 1);
    a.partition.makeFollower(reg2);
    a.fetchers.follow(a.partition, 2, 2);
    await waitFor('node 1 caught up with node 2', () => a.partition.log.logEndOffset === 4 && b.partition.highWatermark === 4);
    expect(await values(a.partition, 4)).toEqual(['x', 'y', 'z', 'new']);
    expect(a.partition.log.epochEntries.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('an adding replica copies the log within the reassignment throttle and joins the ISR once caught up', async () => {
    const now = 1_000_000;
    const limit = 4096;
    let rate: number | null = limit;
    const [a, b] = [await node(1, address), await node(2, address)];
    const c = await node(3, address, { rate: () => rate, now: () => now });
    // Before the reassignment: 1 and 2 hold 40 batches of about 1 KiB.
    const before: PartitionRegistration = { leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2], isr: [1, 2] };
    a.partition.makeLeader(before, Date.now());
    b.partition.makeFollower(before);
    b.fetchers.follow(b.partition, 1, 1);
    for (let i = 0; i < 40; i++) {
      await a.partition.appendAsLeader(await encodeRecordBatch([{ value: Buffer.alloc(1000, i) }]), 1);
    }
    await waitFor('node 2 replicated', () => b.partition.log.logEndOffset === 40);
    // Broker 3 is added: the leader learns the new replica set, broker 3 starts following.
    const during: PartitionRegistration = { ...before, partitionEpoch: 2, replicas: [2, 3, 1], addingReplicas: [3] };
    a.partition.makeLeader(during, Date.now());
    c.partition.makeFollower(during);
    expect(c.partition.isAddingReplica).toBe(true);
    c.fetchers.follow(c.partition, 1, 1);
    // The throttled fetcher's clock stands still: it copies about one second of the rate, then waits.
    await waitFor('node 3 fetched within its budget', () => c.partition.log.logEndOffset > 0);
    await waitFor('node 3 ran out of budget', () => c.partition.log.size >= limit);
    // The budget is one second of the rate plus at most one fetch capped at that rate.
    expect(c.partition.log.size).toBeLessThanOrEqual(2 * limit + 1100);
    expect(c.partition.log.logEndOffset).toBeLessThan(40);
    // The throttle is lifted (as when the reassignment completes): node 3 finishes, and the leader may add it to the ISR.
    rate = null;
    await waitFor('node 3 caught up', () => c.partition.log.logEndOffset === 40);
    await waitFor('the leader counts node 3 caught up', () => a.partition.proposeIsrChange(Date.now())?.newIsr.includes(3) ?? false);
  });
});
