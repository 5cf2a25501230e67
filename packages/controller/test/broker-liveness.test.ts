import type * as grpc from '@grpc/grpc-js';
import { bindServer, createClient, createServer, fromServiceError, shutdownServer, type ClientOf, type pb } from '@runnel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { addControllerService } from '../src/quorum/controller-service.js';
import type { QuorumController } from '../src/quorum/quorum-controller.js';
import { TEST_BROKER_CONFIGS } from './helpers.js';
import { Quorum, until, type Member } from './quorum-cluster.js';

/**
 * The BrokerLiveness stream over gRPC against a three-controller quorum. The session timeout is a
 * minute, so a broker fenced during a test was fenced by its stream, not by its session.
 */
const SESSION_MS = 60_000;

let q: Quorum | undefined;
const servers: grpc.Server[] = [];
const clients = new Map<number, ClientOf<'Controller'>>();

afterEach(async () => {
  for (const c of clients.values()) c.close();
  clients.clear();
  for (const s of servers.splice(0)) await shutdownServer(s, 1000);
  await q?.close();
  q = undefined;
});

async function start(): Promise<{ quorum: Quorum; active: Member }> {
  const quorum = await Quorum.start({ defaultReplicationFactor: 3, numPartitions: 3, brokerSessionTimeoutMs: SESSION_MS });
  q = quorum;
  for (const [id, m] of quorum.members) {
    const server = createServer();
    addControllerService(server, m.controller, { brokerConfigs: TEST_BROKER_CONFIGS });
    const port = await bindServer(server, '127.0.0.1:0');
    servers.push(server);
    clients.set(id, createClient('Controller', `127.0.0.1:${port}`));
  }
  const active = await quorum.active();
  return { quorum, active };
}

/** Registers brokers and heartbeats them (caught up) until unfenced; returns their epochs. */
async function startBrokers(quorum: Quorum, c: QuorumController, ids: number[]): Promise<Map<number, number>> {
  const epochs = new Map<number, number>();
  for (const brokerId of ids) {
    const { brokerEpoch } = await c.registerBroker({ brokerId, incarnationId: quorum.newIncarnation(), listeners: [{ name: 'P', host: '127.0.0.1', port: 9000 + brokerId }], rack: null });
    epochs.set(brokerId, brokerEpoch);
    await heartbeatUntilUnfenced(c, brokerId, brokerEpoch);
  }
  return epochs;
}

async function heartbeatUntilUnfenced(c: QuorumController, brokerId: number, brokerEpoch: number): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const r = await c.brokerHeartbeat({ brokerId, brokerEpoch, currentMetadataOffset: c.appliedIndex, wantFence: false, wantShutDown: false });
    if (!r.isFenced) return;
  }
  throw new Error(`broker ${brokerId} was not unfenced`);
}

interface Liveness {
  stream: grpc.ClientDuplexStream<pb.BrokerLivenessRequest, pb.BrokerLivenessResponse__Output>;
  /** The controller's acceptance (its first message), or the error the stream ended with first. */
  accepted: Promise<pb.BrokerLivenessResponse__Output>;
  /** The call's final status. */
  status: Promise<grpc.StatusObject>;
}

function openLiveness(controllerId: number, brokerId: number, brokerEpoch: number): Liveness {
  const client = clients.get(controllerId)!;
  const stream = client.brokerLiveness({ deadline: Infinity });
  const status = new Promise<grpc.StatusObject>((resolve) => stream.once('status', resolve));
  const accepted = new Promise<pb.BrokerLivenessResponse__Output>((resolve, reject) => {
    stream.once('data', resolve);
    stream.on('error', (err) => reject(fromServiceError(err)));
  });
  accepted.catch(() => undefined);
  stream.write({ brokerId, brokerEpoch });
  return { stream, accepted, status };
}

const ledBy = (c: QuorumController, brokerId: number): number =>
  [...c.image.topicsById.values()].reduce((n, t) => n + [...t.partitions.values()].filter((p) => p.leader === brokerId).length, 0);

describe('broker liveness stream', () => {
  it('fences the broker at once when its stream is lost, and unfences it when it heartbeats again caught up', async () => {
    const { quorum, active } = await start();
    const c = active.controller;
    const epochs = await startBrokers(quorum, c, [1, 2, 3]);
    await c.createTopics([{ name: 'events' }]);
    expect(ledBy(c, 2)).toBeGreaterThan(0);
    const live = openLiveness(active.id, 2, epochs.get(2)!);
    expect((await live.accepted).controllerId).toBe(active.id);

    // What the controller sees when the broker's process dies: the stream is cancelled.
    live.stream.cancel();
    await until(() => c.image.brokers.get(2)?.fenced === true, 'broker 2 fenced after its stream was lost');
    expect(ledBy(c, 2)).toBe(0);
    for (const t of c.image.topicsById.values()) for (const p of t.partitions.values()) expect(p.isr).not.toContain(2);
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    expect(c.image.brokers.get(3)?.fenced).toBe(false);

    // It was alive after all: a caught-up heartbeat with the same epoch brings it back.
    await heartbeatUntilUnfenced(c, 2, epochs.get(2)!);
    expect(c.image.brokers.get(2)?.fenced).toBe(false);
  });

  it('fences nobody when the broker says goodbye and half-closes its stream', async () => {
    const { quorum, active } = await start();
    const c = active.controller;
    const epochs = await startBrokers(quorum, c, [1, 2, 3]);
    const live = openLiveness(active.id, 1, epochs.get(1)!);
    await live.accepted;
    live.stream.write({ brokerId: 1, brokerEpoch: epochs.get(1)!, closing: true });
    live.stream.end();
    expect((await live.status).code).toBe(0);
    // A write queued after the end: had the end fenced, its records would be committed by then.
    await c.createTopics([{ name: 'after-clean-end' }]);
    expect([...c.image.brokers.values()].map((b) => b.fenced)).toEqual([false, false, false]);
  });

  it('ignores the loss of a stream opened for a registration the broker has since replaced', async () => {
    const { quorum, active } = await start();
    const c = active.controller;
    const epochs = await startBrokers(quorum, c, [1, 2, 3]);
    const old = openLiveness(active.id, 3, epochs.get(3)!);
    await old.accepted;
    // The same process registers again and catches up under a new epoch.
    const incarnationId = c.image.brokers.get(3)!.incarnationId;
    const { brokerEpoch } = await c.registerBroker({ brokerId: 3, incarnationId, listeners: [{ name: 'P', host: '127.0.0.1', port: 9003 }], rack: null });
    await heartbeatUntilUnfenced(c, 3, brokerEpoch);

    old.stream.cancel();
    await old.status;
    await c.createTopics([{ name: 'after-old-stream' }]);
    expect(c.image.brokers.get(3)).toMatchObject({ epoch: brokerEpoch, fenced: false });
  });

  it('refuses a stream on a follower (NOT_CONTROLLER) and for a stale epoch (STALE_BROKER_EPOCH)', async () => {
    const { quorum, active } = await start();
    const epochs = await startBrokers(quorum, active.controller, [1]);
    const followerId = [...quorum.members.keys()].find((id) => id !== active.id)!;
    await expect(openLiveness(followerId, 1, epochs.get(1)!).accepted).rejects.toMatchObject({ errorName: 'NOT_CONTROLLER', details: { 'leader-id': String(active.id) } });
    await expect(openLiveness(active.id, 1, epochs.get(1)! + 100).accepted).rejects.toMatchObject({ errorName: 'STALE_BROKER_EPOCH' });
    expect(active.controller.image.brokers.get(1)?.fenced).toBe(false);
  });

  it('ends every stream with NOT_CONTROLLER when the controller steps down, fencing nobody', async () => {
    const { quorum, active: old } = await start();
    const epochs = await startBrokers(quorum, old.controller, [1, 2, 3]);
    const streams = [1, 2, 3].map((id) => openLiveness(old.id, id, epochs.get(id)!));
    await Promise.all(streams.map((s) => s.accepted));

    quorum.network.isolate(old.id);
    const next = await quorum.active([old.id]);
    const ended = await Promise.all(streams.map((s) => s.status));
    expect(ended.map((st) => fromServiceError(st).errorName)).toEqual(['NOT_CONTROLLER', 'NOT_CONTROLLER', 'NOT_CONTROLLER']);
    // The brokers move their streams to the new controller.
    const moved = [1, 2, 3].map((id) => openLiveness(next.id, id, epochs.get(id)!));
    await Promise.all(moved.map((s) => s.accepted));

    quorum.network.heal();
    await next.controller.createTopics([{ name: 'after-failover' }]);
    const images = await quorum.converged();
    for (const image of images) expect([...image.brokers.values()].map((b) => b.fenced)).toEqual([false, false, false]);
    for (const [i, s] of moved.entries()) {
      s.stream.write({ brokerId: i + 1, brokerEpoch: epochs.get(i + 1)!, closing: true });
      s.stream.end();
    }
    await Promise.all(moved.map((s) => s.status));
  });
});
