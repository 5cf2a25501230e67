import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { addService, bindServer, createServer, encodeRecordBatch, shutdownServer } from '@runnel/protocol';
import { DEFAULT_LOG_CONFIG, LogManager } from '@runnel/storage';
import { DeadlineQueue } from '../src/delayed/deadline-queue.js';
import type { DelayedFetch } from '../src/delayed/delayed-fetch.js';
import { ReplicaFetcherManager } from '../src/replica/fetcher-manager.js';
import type { PartitionRegistration } from '../src/replica/partition.js';
import { ReplicaManager, type IsrChangeRequest, type IsrChangeResult } from '../src/replica/replica-manager.js';
import { replicationHandlers } from '../src/services/replication-service.js';
import { waitFor } from '../../../test/harness/processes.js';

const logger = pino({ level: 'silent' });
const LAG_MS = 300;

/** Stands in for the controller: accepts ISR changes made against the current partition epoch. */
class FakeController {
  state: PartitionRegistration = { leaderId: 1, leaderEpoch: 1, partitionEpoch: 1, replicas: [1, 2], isr: [1, 2] };
  readonly brokers: ReplicaManager[] = [];
  readonly history: number[][] = [];

  async alter(requests: IsrChangeRequest[]): Promise<IsrChangeResult[]> {
    return requests.map((r) => {
      if (r.partitionEpoch !== this.state.partitionEpoch || r.leaderEpoch !== this.state.leaderEpoch) {
        throw new Error('stale');
      }
      this.state = { ...this.state, isr: r.newIsr, partitionEpoch: this.state.partitionEpoch + 1 };
      this.history.push(r.newIsr);
      void this.publish();
      return { topic: r.topic, partition: r.partition, ok: true as const, isr: r.newIsr, partitionEpoch: this.state.partitionEpoch, leaderEpoch: this.state.leaderEpoch };
    });
  }

  async publish(): Promise<void> {
    for (const [i, b] of this.brokers.entries()) {
      const local = { topic: 't', partition: 0, registration: this.state };
      await b.applyChanges(i + 1 === this.state.leaderId ? { leaders: [local], followers: [], deletes: [] } : { leaders: [], followers: [local], deletes: [] });
    }
  }
}

describe('ISR shrink and expand through the replica manager', () => {
  let dir: string;
  const cleanup: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-isr-'));
  });

  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
    await rm(dir, { recursive: true, force: true });
  });

  it('drops a follower that stops fetching and takes it back once it has caught up', async () => {
    const controller = new FakeController();
    const ports = new Map<number, number>();
    // Brokers whose fetches the leader refuses (as it would a stale broker epoch).
    const blocked = new Set<number>();
    for (const id of [1, 2]) {
      const logManager = await LogManager.open({ dataDir: join(dir, `b${id}`), logger });
      const fetchers = new ReplicaFetcherManager({
        brokerId: id, brokerEpoch: () => 1, addressOf: (b) => `127.0.0.1:${ports.get(b)}`, logger,
        settings: { maxWaitMs: 100, minBytes: 1, maxBytes: 1 << 20, partitionMaxBytes: 1 << 20, backoffMs: 20 },
      });
      const manager = new ReplicaManager({
        brokerId: id, logManager, fetchers, logger, now: Date.now,
        settingsFor: () => ({ minInsyncReplicas: 1, replicaLagTimeMaxMs: LAG_MS, maxMessageBytes: 1 << 20 }),
        logConfigFor: () => ({ ...DEFAULT_LOG_CONFIG }),
        alterPartition: (r) => controller.alter(r),
      });
      manager.start(LAG_MS / 2, 86_400_000);
      const fetchQueue = new DeadlineQueue<DelayedFetch>();
      const server: grpc.Server = createServer();
      addService(server, 'Replication', replicationHandlers({ partitions: manager.partitions, fetchQueue, now: Date.now, logger, isCurrentBrokerEpoch: (b) => !blocked.has(b) }));
      ports.set(id, await bindServer(server, '127.0.0.1:0'));
      controller.brokers.push(manager);
      cleanup.push(async () => {
        await manager.shutdown();
        fetchQueue.close();
        await shutdownServer(server, 200);
        await logManager.close();
      });
    }
    await controller.publish();
    const [leader, follower] = controller.brokers as [ReplicaManager, ReplicaManager];
    const write = async (v: string) => leader.partitions.require('t', 0).appendAsLeader(await encodeRecordBatch([{ value: Buffer.from(v) }]), 1);

    await write('a');
    await waitFor('follower replicated', () => follower.partitions.require('t', 0).log.logEndOffset === 1);

    // The follower's fetches are refused: it falls out of the ISR after replica.lag.time.max.ms.
    blocked.add(2);
    await write('b');
    await waitFor('ISR shrank to the leader', () => controller.state.isr.length === 1, { timeoutMs: 10_000 });
    expect(controller.state.isr).toEqual([1]);
    // Alone in the ISR, the leader commits its own writes.
    await waitFor('HW covers b', () => leader.partitions.require('t', 0).highWatermark === 2);

    // Its fetches are served again: it catches up and is taken back.
    await write('c');
    blocked.delete(2);
    await waitFor('ISR expanded again', () => controller.state.isr.length === 2, { timeoutMs: 10_000 });
    expect(controller.state.isr).toEqual([1, 2]);
    expect(follower.partitions.require('t', 0).log.logEndOffset).toBe(3);
    expect(controller.history).toEqual([[1], [1, 2]]);
  });
});
