import { isRunnelError, RunnelError } from '@runnel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerHeartbeatResponse } from '../src/broker-lifecycle.js';
import type { ClusterSettings } from '../src/controller-config.js';
import type { QuorumController } from '../src/quorum/quorum-controller.js';
import { canonical, Quorum, until } from './quorum-cluster.js';

const quorums: Quorum[] = [];
afterEach(async () => {
  for (const q of quorums.splice(0)) await q.close();
});

async function start(settings: Partial<ClusterSettings> = {}): Promise<Quorum> {
  const q = await Quorum.start(settings);
  quorums.push(q);
  return q;
}

/** A broker as the controller sees it: registration and heartbeats, reporting a metadata offset. */
class TestBroker {
  epoch = -1;
  constructor(
    readonly id: number,
    readonly incarnationId: string,
  ) {}

  async register(c: QuorumController): Promise<number> {
    const { brokerEpoch } = await c.registerBroker({
      brokerId: this.id,
      incarnationId: this.incarnationId,
      listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + this.id }],
      rack: null,
    });
    this.epoch = brokerEpoch;
    return brokerEpoch;
  }

  /** By default the broker reports that it has applied everything the controller has. */
  heartbeat(c: QuorumController, options: { offset?: number; wantShutDown?: boolean } = {}): Promise<BrokerHeartbeatResponse> {
    return c.brokerHeartbeat({
      brokerId: this.id,
      brokerEpoch: this.epoch,
      currentMetadataOffset: options.offset ?? c.appliedIndex,
      wantFence: false,
      wantShutDown: options.wantShutDown ?? false,
    });
  }

  /** Registers and heartbeats (caught up) until unfenced. */
  async startUp(c: QuorumController): Promise<void> {
    await this.register(c);
    for (let i = 0; i < 10; i++) if (!(await this.heartbeat(c)).isFenced) return;
    throw new Error(`broker ${this.id} was not unfenced`);
  }
}

async function brokers(q: Quorum, c: QuorumController, ids: number[]): Promise<Map<number, TestBroker>> {
  const out = new Map<number, TestBroker>();
  for (const id of ids) {
    const b = new TestBroker(id, q.newIncarnation());
    await b.startUp(c);
    out.set(id, b);
  }
  return out;
}

/** Keeps brokers heartbeating against whichever controller is active, as live brokers do. */
function keepAlive(q: Quorum, list: TestBroker[], everyMs: number): () => void {
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      const active = [...q.members.values()].find((m) => m.controller.isActive);
      if (active) await Promise.allSettled(list.map((b) => b.heartbeat(active.controller)));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}

describe('quorum controller on three Raft nodes', () => {
  it('elects one active controller, registers and unfences a caught-up broker, and replicates topics to every image', async () => {
    const q = await start({ defaultReplicationFactor: 3, numPartitions: 3 });
    const { controller: c } = await q.active();

    const broker = new TestBroker(1, q.newIncarnation());
    const epoch = await broker.register(c);
    expect(epoch).toBeGreaterThan(0);
    expect(c.image.brokers.get(1)?.fenced).toBe(true);
    // Behind the log: stays fenced.
    const behind = await broker.heartbeat(c, { offset: 0 });
    expect(behind).toMatchObject({ isCaughtUp: false, isFenced: true });
    const caughtUp = await broker.heartbeat(c);
    expect(caughtUp).toMatchObject({ isCaughtUp: true, isFenced: false });
    expect(c.image.brokers.get(1)?.fenced).toBe(false);

    await new TestBroker(2, q.newIncarnation()).startUp(c);
    await new TestBroker(3, q.newIncarnation()).startUp(c);
    const [created] = await c.createTopics([{ name: 'orders' }]);
    expect(created!.error).toBeNull();
    expect(created!.numPartitions).toBe(3);
    expect(created!.replicationFactor).toBe(3);

    const images = await q.converged();
    expect(images).toHaveLength(3);
    for (const image of images) expect(canonical(image)).toEqual(canonical(c.image));
    const topic = images[0]!.topicsByName.get('orders')!;
    expect(topic.partitions.size).toBe(3);
    for (const p of topic.partitions.values()) {
      expect([...p.replicas].sort()).toEqual([1, 2, 3]);
      expect(p.isr).toContain(p.leader);
    }
  });

  it('answers NOT_CONTROLLER on a follower with the active controller id and endpoint', async () => {
    const q = await start();
    const active = await q.active();
    const follower = [...q.members.values()].find((m) => m.id !== active.id)!;
    const err = await follower.controller.createTopics([{ name: 'x' }]).catch((e: unknown) => e);
    expect(isRunnelError(err, 'NOT_CONTROLLER')).toBe(true);
    const voter = q.voters.find((v) => v.id === active.id)!;
    expect((err as RunnelError).details).toEqual({ 'leader-id': String(active.id), 'leader-endpoint': `${voter.host}:${voter.port}` });
    expect(follower.controller.image.topicsByName.has('x')).toBe(false);
  });

  it('fails over when the active controller is isolated: the new one has the same metadata and keeps accepting changes', async () => {
    const q = await start({ defaultReplicationFactor: 3 });
    const old = await q.active();
    await brokers(q, old.controller, [1, 2, 3]);
    await old.controller.createTopics([{ name: 'before', numPartitions: 2 }]);
    const before = canonical(old.controller.image);

    q.network.isolate(old.id);
    const next = await q.active([old.id]);
    expect(next.id).not.toBe(old.id);
    expect(canonical(next.controller.image)).toEqual(before);
    // The isolated one gives up its active role once Raft deposes it, and refuses writes.
    await until(() => !old.controller.isActive, 'the isolated controller to resign');
    await expect(old.controller.createTopics([{ name: 'lost' }])).rejects.toMatchObject({ errorName: 'NOT_CONTROLLER' });

    const [after] = await next.controller.createTopics([{ name: 'after', numPartitions: 1 }]);
    expect(after!.error).toBeNull();
    q.network.heal();
    const images = await q.converged();
    for (const image of images) {
      expect([...image.topicsByName.keys()].sort()).toEqual(['after', 'before']);
      expect(canonical(image)).toEqual(canonical(next.controller.image));
    }
  });

  it('fences a broker whose session expires and moves its leaderships', async () => {
    const q = await start({ defaultReplicationFactor: 3, numPartitions: 6, brokerSessionTimeoutMs: 1500, brokerHeartbeatIntervalMs: 50 });
    const { controller: c } = await q.active();
    const live = await brokers(q, c, [1, 2, 3]);
    await c.createTopics([{ name: 'events' }]);
    const led = (id: number) => [...c.image.topicsByName.get('events')!.partitions.values()].filter((p) => p.leader === id).length;
    expect(led(3)).toBeGreaterThan(0);

    // Brokers 1 and 2 keep heartbeating; broker 3 goes silent.
    const stop = keepAlive(q, [live.get(1)!, live.get(2)!], 50);
    try {
      await until(() => c.image.brokers.get(3)?.fenced === true, 'broker 3 to be fenced');
      expect(led(3)).toBe(0);
      for (const p of c.image.topicsByName.get('events')!.partitions.values()) {
        expect(p.isr).not.toContain(3);
        expect([1, 2]).toContain(p.leader);
      }
      expect(c.image.brokers.get(1)?.fenced).toBe(false);
      expect(c.image.brokers.get(2)?.fenced).toBe(false);
      // The fenced broker comes back with the same epoch, caught up: it is unfenced again.
      const back = await live.get(3)!.heartbeat(c);
      expect(back.isFenced).toBe(false);
      expect(c.image.brokers.get(3)?.fenced).toBe(false);
    } finally {
      stop();
    }
  });

  it('runs a controlled shutdown: leaderships move away first, then the broker may stop', async () => {
    const q = await start({ defaultReplicationFactor: 3, numPartitions: 6 });
    const { controller: c } = await q.active();
    const live = await brokers(q, c, [1, 2, 3]);
    await c.createTopics([{ name: 'events' }]);
    const partitions = () => [...c.image.topicsByName.get('events')!.partitions.values()];
    expect(partitions().some((p) => p.leader === 2)).toBe(true);

    const b2 = live.get(2)!;
    const first = await b2.heartbeat(c, { wantShutDown: true });
    expect(first.shouldShutDown).toBe(false);
    expect(c.image.brokers.get(2)?.inControlledShutdown).toBe(true);
    expect(partitions().every((p) => p.leader !== 2 && !p.isr.includes(2))).toBe(true);

    // Not yet replayed the moves: must not stop.
    const lagging = await b2.heartbeat(c, { wantShutDown: true, offset: 0 });
    expect(lagging.shouldShutDown).toBe(false);
    let granted = false;
    for (let i = 0; i < 5 && !granted; i++) granted = (await b2.heartbeat(c, { wantShutDown: true })).shouldShutDown;
    expect(granted).toBe(true);
    expect(c.image.brokers.get(2)?.fenced).toBe(true);
    // New topics avoid it.
    await c.createTopics([{ name: 'later', numPartitions: 4, replicationFactor: 2 }]);
    for (const p of c.image.topicsByName.get('later')!.partitions.values()) expect(p.replicas).not.toContain(2);
  });

  it('accepts an ISR change from the partition leader and rejects stale or foreign ones', async () => {
    const q = await start({ defaultReplicationFactor: 3, numPartitions: 1 });
    const { controller: c } = await q.active();
    const live = await brokers(q, c, [1, 2, 3]);
    await c.createTopics([{ name: 't' }]);
    const topic = c.image.topicsByName.get('t')!;
    const p = topic.partitions.get(0)!;
    const leader = live.get(p.leader)!;
    const other = live.get(p.replicas.find((r) => r !== p.leader)!)!;
    const shrunk = p.isr.filter((r) => r !== other.id);

    const [ok] = await c.alterPartition({
      brokerId: leader.id,
      brokerEpoch: leader.epoch,
      topics: [{ topicId: topic.id, partitions: [{ partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: shrunk }] }],
    });
    expect(ok!.error).toBeNull();
    expect(ok).toMatchObject({ leader: leader.id, leaderEpoch: p.leaderEpoch, isr: shrunk, partitionEpoch: p.partitionEpoch + 1 });
    expect(c.image.topicsByName.get('t')!.partitions.get(0)!.isr).toEqual(shrunk);

    const [stale] = await c.alterPartition({
      brokerId: leader.id,
      brokerEpoch: leader.epoch,
      topics: [{ topicId: topic.id, partitions: [{ partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: p.isr }] }],
    });
    expect(stale!.error?.errorName).toBe('INVALID_UPDATE_VERSION');
    const [foreign] = await c.alterPartition({
      brokerId: other.id,
      brokerEpoch: other.epoch,
      topics: [{ topicId: topic.id, partitions: [{ partitionId: 0, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch + 1, newIsr: p.isr }] }],
    });
    expect(foreign!.error?.errorName).toBe('NOT_LEADER_OR_FOLLOWER');
    await expect(
      c.alterPartition({ brokerId: leader.id, brokerEpoch: leader.epoch + 100, topics: [] }),
    ).rejects.toMatchObject({ errorName: 'STALE_BROKER_EPOCH' });
    // The rejected requests changed nothing, on any controller.
    const images = await q.converged();
    for (const image of images) expect(image.topicsByName.get('t')!.partitions.get(0)).toEqual({ ...p, isr: shrunk, partitionEpoch: p.partitionEpoch + 1 });
  });

  it('never hands out overlapping producer id blocks across a failover', async () => {
    const q = await start();
    const old = await q.active();
    const [b1] = [...(await brokers(q, old.controller, [1])).values()];
    const blocks: { producerIdStart: number; producerIdLen: number }[] = [];
    for (let i = 0; i < 3; i++) blocks.push(await old.controller.allocateProducerIds({ brokerId: 1, brokerEpoch: b1!.epoch }));

    q.network.isolate(old.id);
    const next = await q.active([old.id]);
    for (let i = 0; i < 3; i++) blocks.push(await next.controller.allocateProducerIds({ brokerId: 1, brokerEpoch: b1!.epoch }));

    const sorted = [...blocks].sort((a, b) => a.producerIdStart - b.producerIdStart);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.producerIdStart).toBeGreaterThanOrEqual(sorted[i - 1]!.producerIdStart + sorted[i - 1]!.producerIdLen);
    }
    expect(blocks.every((b) => b.producerIdLen > 0)).toBe(true);
    expect(new Set(blocks.map((b) => b.producerIdStart)).size).toBe(6);
  });

  it('refuses a second live broker with the same id, even right after a failover', async () => {
    const q = await start({ brokerSessionTimeoutMs: 5000 });
    const old = await q.active();
    await brokers(q, old.controller, [1]);
    q.network.isolate(old.id);
    const next = await q.active([old.id]);
    const impostor = new TestBroker(1, q.newIncarnation());
    await expect(impostor.register(next.controller)).rejects.toMatchObject({ errorName: 'DUPLICATE_BROKER_REGISTRATION' });
    expect(next.controller.image.brokers.get(1)?.fenced).toBe(false);
    // A heartbeat from an unknown registration is told to register again.
    await expect(new TestBroker(9, q.newIncarnation()).heartbeat(next.controller)).rejects.toMatchObject({ errorName: 'STALE_BROKER_EPOCH' });
  });

  it('restores the image from the log after a controller restart', async () => {
    const q = await start({ defaultReplicationFactor: 1 });
    const active = await q.active();
    await brokers(q, active.controller, [1]);
    await active.controller.createTopics([{ name: 'durable', numPartitions: 2 }]);
    await q.converged();
    const follower = [...q.members.values()].find((m) => m.id !== active.id)!;
    const expected = canonical(active.controller.image);
    await q.stopMember(follower.id);
    const restarted = await q.startMember(follower.id);
    await until(() => restarted.controller.image.topicsByName.has('durable'), 'the restarted controller to replay the log');
    expect(canonical(restarted.controller.image)).toEqual(expected);
  });

  it('removes a voter and adds it back, one change at a time', async () => {
    const q = await start();
    const active = await q.active();
    const other = [...q.members.values()].find((m) => m.id !== active.id)!;
    await active.controller.removeVoter(other.id);
    expect([...active.raft.voters].sort()).toEqual(q.ids.filter((id) => id !== other.id));
    await expect(active.controller.removeVoter(other.id)).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
    // Two voters left: writes still commit, on both of them.
    await brokers(q, active.controller, [1]);
    const [t] = await active.controller.createTopics([{ name: 'two-voters', numPartitions: 1, replicationFactor: 1 }]);
    expect(t!.error).toBeNull();
    const third = [...q.members.values()].find((m) => m.id !== active.id && m.id !== other.id)!;
    await until(() => third.controller.image.topicsByName.has('two-voters'), 'the other remaining voter to apply the topic');

    await active.controller.addVoter(other.id, { host: 'controller-back.test', port: 9999 });
    // The endpoint is in the metadata log, so every member hands it to its transport.
    await q.converged();
    for (const id of q.ids) expect(q.controllerEndpoints.get(id)?.get(other.id)).toBe('controller-back.test:9999');
    expect([...active.raft.voters].sort()).toEqual(q.ids);
    await until(() => [...other.raft.voters].sort().join() === q.ids.join(), 'the re-added voter to learn the voter set');
    await expect(active.controller.addVoter(other.id, { host: 'h', port: 1 })).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
    await expect(active.controller.addVoter(42, { host: '', port: 0 })).rejects.toMatchObject({ errorName: 'INVALID_REQUEST' });
  });
});
