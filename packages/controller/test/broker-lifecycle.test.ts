import { describe, expect, it } from 'vitest';
import { BrokerHeartbeatTracker } from '../src/broker-heartbeat-tracker.js';
import { LIVENESS_SILENCE_LIMIT_MS, brokerHeartbeat, brokerLivenessLost, fenceStaleBrokers, registerBroker, unregisterBroker } from '../src/broker-lifecycle.js';
import { createTopics } from '../src/topic-operations.js';
import { randomUuid } from '../src/uuid.js';
import { TestCluster, errorOf } from './helpers.js';

/** Three unfenced brokers and a topic with three partitions, replication factor 3. */
function clusterWithTopic(): TestCluster {
  const c = new TestCluster();
  c.start([1, 2, 3]);
  const [result] = c.commit(createTopics(c.image, [{ name: 't', numPartitions: 3, replicationFactor: 3 }], c.ctx()));
  expect(result?.error).toBeNull();
  return c;
}

describe('broker registration', () => {
  it('registers fenced with a fresh epoch, then unfences once caught up', () => {
    const c = new TestCluster();
    const epoch1 = c.register(1, 'r1');
    const epoch2 = c.register(2);
    expect(epoch2).toBeGreaterThan(epoch1);
    expect(c.image.brokers.get(1)).toMatchObject({ fenced: true, rack: 'r1', epoch: epoch1 });
    expect(c.image.brokers.get(1)?.endpoints).toEqual([{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9093 }]);

    // Behind the committed log: stays fenced.
    const behind = c.heartbeat(1, { metadataOffset: c.offset - 1 });
    expect(behind).toEqual({ isCaughtUp: false, isFenced: true, shouldShutDown: false });
    expect(c.image.brokers.get(1)?.fenced).toBe(true);

    const caughtUp = c.heartbeat(1);
    expect(caughtUp).toEqual({ isCaughtUp: true, isFenced: false, shouldShutDown: false });
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    expect(c.records.at(-1)).toEqual({ type: 'unfenceBroker', brokerId: 1, brokerEpoch: epoch1 });
  });

  it('refuses a second live broker with the same id, and accepts it once the first is gone', () => {
    const c = clusterWithTopic();
    const attempt = () =>
      registerBroker(c.image, c.tracker, { brokerId: 2, incarnationId: randomUuid(c.random), listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null }, c.ctx());
    expect(() => attempt()).toThrow(/held by a live broker/);
    expect(errorOf(attempt)).toBe('DUPLICATE_BROKER_REGISTRATION');

    c.now += c.settings.brokerSessionTimeoutMs;
    const oldEpoch = c.image.brokers.get(2)!.epoch;
    const newEpoch = c.commit(attempt()).brokerEpoch;
    expect(newEpoch).toBeGreaterThan(oldEpoch);
    expect(c.image.brokers.get(2)?.fenced).toBe(true);
    // The replaced incarnation holds no leadership or ISR seat any more.
    for (const p of c.image.topicsByName.get('t')!.partitions.values()) {
      expect(p.leader).not.toBe(2);
      expect(p.isr).not.toContain(2);
    }
  });

  it('refuses a duplicate broker id right after a controller failover too', () => {
    const c = clusterWithTopic();
    const fresh = new BrokerHeartbeatTracker(c.settings.brokerSessionTimeoutMs);
    const request = { brokerId: 2, incarnationId: randomUuid(c.random), listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null };
    expect(() => registerBroker(c.image, fresh, request, c.ctx())).toThrow(/held by a live broker/);
  });

  it('takes a re-registering live incarnation out of ISRs before registering it fenced', () => {
    const c = clusterWithTopic();
    const incarnationId = c.image.brokers.get(1)!.incarnationId;
    c.commit(registerBroker(c.image, c.tracker, { brokerId: 1, incarnationId, listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null }, c.ctx()));
    expect(c.image.brokers.get(1)?.fenced).toBe(true);
    for (const p of c.image.topicsByName.get('t')!.partitions.values()) expect(p.isr).not.toContain(1);
  });

  it.each([
    [{ brokerId: -1 }, /broker id -1/],
    [{ brokerId: 1.5 }, /broker id 1.5/],
    [{ incarnationId: 'nope' }, /not a Uuid/],
    [{ listeners: [] }, /without listeners/],
    [{ listeners: [{ name: 'P', host: 'h', port: 0 }] }, /port in 1-65535/],
    [{ listeners: [{ name: 'P', host: 'h', port: 1 }, { name: 'P', host: 'h', port: 2 }] }, /given twice/],
    [{ rack: ' ' }, /rack must be null or non-empty/],
  ])('rejects a malformed registration %j', (override, message) => {
    const c = new TestCluster();
    const request = { brokerId: 1, incarnationId: randomUuid(c.random), listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null, ...override };
    expect(() => registerBroker(c.image, c.tracker, request, c.ctx())).toThrow(message);
    expect(errorOf(() => registerBroker(c.image, c.tracker, request, c.ctx()))).toBe('INVALID_REQUEST');
  });
});

describe('broker heartbeats', () => {
  it('rejects heartbeats with a stale epoch or from unregistered brokers', () => {
    const c = clusterWithTopic();
    const request = { brokerId: 1, brokerEpoch: 99, currentMetadataOffset: c.offset, wantFence: false, wantShutDown: false };
    expect(errorOf(() => brokerHeartbeat(c.image, c.tracker, request, c.ctx()))).toBe('STALE_BROKER_EPOCH');
    expect(errorOf(() => brokerHeartbeat(c.image, c.tracker, { ...request, brokerId: 9 }, c.ctx()))).toBe('STALE_BROKER_EPOCH');
  });

  it('fences a broker that asks for it and moves its leaderships', () => {
    const c = clusterWithTopic();
    const response = c.heartbeat(1, { wantFence: true });
    expect(response.isFenced).toBe(true);
    expect(c.image.brokers.get(1)?.fenced).toBe(true);
    for (const p of c.image.topicsByName.get('t')!.partitions.values()) {
      expect(p.leader).not.toBe(1);
      expect(p.isr).not.toContain(1);
    }
  });

  it('fences brokers whose session expired, and only those', () => {
    const c = clusterWithTopic();
    const ledBy1 = [...c.image.topicsByName.get('t')!.partitions].find(([, p]) => p.leader === 1)![0];
    const before = c.partition('t', ledBy1);
    c.now += c.settings.brokerSessionTimeoutMs - 1;
    c.heartbeat(2);
    c.heartbeat(3);
    expect(c.commit(fenceStaleBrokers(c.image, c.tracker, c.ctx())).fenced).toEqual([]);
    c.now += 1;
    expect(c.commit(fenceStaleBrokers(c.image, c.tracker, c.ctx())).fenced).toEqual([1]);
    expect(c.image.brokers.get(1)?.fenced).toBe(true);
    const after = c.partition('t', ledBy1);
    expect(after.isr).toEqual(before.isr.filter((r) => r !== 1));
    // The next replica in assignment order takes over, one leader epoch later.
    expect(after.leader).toBe(before.replicas[1]);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    expect(after.partitionEpoch).toBe(before.partitionEpoch + 1);
    // Nothing more to fence right after.
    expect(fenceStaleBrokers(c.image, c.tracker, c.ctx()).records).toEqual([]);
  });

  it('gives every broker a full session when a new controller takes over', () => {
    const c = clusterWithTopic();
    const fresh = new BrokerHeartbeatTracker(c.settings.brokerSessionTimeoutMs);
    c.now += 60_000;
    expect(fenceStaleBrokers(c.image, fresh, c.ctx()).response.fenced).toEqual([]);
    c.now += c.settings.brokerSessionTimeoutMs;
    expect(fenceStaleBrokers(c.image, fresh, c.ctx()).response.fenced).toEqual([1, 2, 3]);
  });

  it('asks a new controller\'s broker to catch up to the log end it sees first', () => {
    const c = clusterWithTopic();
    c.heartbeat(1, { wantFence: true });
    const fresh = new BrokerHeartbeatTracker(c.settings.brokerSessionTimeoutMs);
    const request = { brokerId: 1, brokerEpoch: c.epochs.get(1)!, currentMetadataOffset: c.offset - 1, wantFence: false, wantShutDown: false };
    expect(brokerHeartbeat(c.image, fresh, request, c.ctx()).response).toEqual({ isCaughtUp: false, isFenced: true, shouldShutDown: false });
    const ok = brokerHeartbeat(c.image, fresh, { ...request, currentMetadataOffset: c.offset }, c.ctx());
    expect(ok.response.isFenced).toBe(false);
  });

  it('gives offline partitions a leader when their last ISR member returns', () => {
    const c = new TestCluster();
    c.start([1]);
    c.commit(createTopics(c.image, [{ name: 'solo', numPartitions: 2, replicationFactor: 1 }], c.ctx()));
    c.heartbeat(1, { wantFence: true });
    expect(c.partition('solo', 0)).toMatchObject({ leader: -1, isr: [1], leaderEpoch: 1 });
    const response = c.heartbeat(1);
    expect(response.isFenced).toBe(false);
    expect(c.partition('solo', 0)).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 });
    expect(c.partition('solo', 1)).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 });
  });
});

describe('broker liveness', () => {
  const lost = (c: TestCluster, brokerId: number, brokerEpoch = c.epochs.get(brokerId)!) =>
    c.commit(brokerLivenessLost(c.image, c.tracker, { brokerId, brokerEpoch, lostAtMs: c.now }, c.ctx())).fenced;

  it('fences a broker at once, well inside its session, when the stream of its current registration is lost', () => {
    const c = clusterWithTopic();
    const ledBy2 = [...c.image.topicsByName.get('t')!.partitions].find(([, p]) => p.leader === 2)![0];
    const before = c.partition('t', ledBy2);
    // The broker heartbeated just now: its session has all of its time left.
    c.heartbeat(2);
    expect(lost(c, 2)).toEqual([2]);
    expect(c.image.brokers.get(2)?.fenced).toBe(true);
    const after = c.partition('t', ledBy2);
    expect(after.leader).not.toBe(2);
    expect(after.isr).not.toContain(2);
    expect(after.leaderEpoch).toBe(before.leaderEpoch + 1);
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    expect(c.image.brokers.get(3)?.fenced).toBe(false);
  });

  it('ignores the lost stream of a registration that is no longer current, or of a broker already fenced', () => {
    const c = clusterWithTopic();
    const oldEpoch = c.epochs.get(1)!;
    // The same process registers again (e.g. after a STALE_BROKER_EPOCH answer) and catches up.
    c.commit(registerBroker(c.image, c.tracker, { brokerId: 1, incarnationId: c.image.brokers.get(1)!.incarnationId, listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null }, c.ctx()));
    c.epochs.set(1, c.image.brokers.get(1)!.epoch);
    c.heartbeat(1);
    c.heartbeat(1);
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    expect(lost(c, 1, oldEpoch)).toEqual([]);
    expect(c.image.brokers.get(1)?.fenced).toBe(false);

    c.heartbeat(3, { wantFence: true });
    const records = c.records.length;
    expect(lost(c, 3)).toEqual([]);
    expect(c.records.length).toBe(records);
    // An unknown broker changes nothing either.
    expect(lost(c, 9, 1)).toEqual([]);
  });

  it('leaves a broker that had gone silent before its connection went to its session timeout', () => {
    const c = clusterWithTopic();
    // Paused or cut off: no heartbeat for as long as the controller's keepalive waits before dropping the connection.
    c.now += LIVENESS_SILENCE_LIMIT_MS;
    c.heartbeat(2);
    c.heartbeat(3);
    expect(lost(c, 1)).toEqual([]);
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    // Its session still runs out as before.
    c.now += c.settings.brokerSessionTimeoutMs - LIVENESS_SILENCE_LIMIT_MS;
    expect(c.commit(fenceStaleBrokers(c.image, c.tracker, c.ctx())).fenced).toEqual([1]);
  });

  it('lets a broker fenced while alive come back: its next caught-up heartbeat unfences it', () => {
    const c = clusterWithTopic();
    expect(lost(c, 1)).toEqual([1]);
    expect(c.heartbeat(1)).toEqual({ isCaughtUp: true, isFenced: false, shouldShutDown: false });
    expect(c.image.brokers.get(1)?.fenced).toBe(false);
    // Its session runs again: nothing is stale.
    expect(fenceStaleBrokers(c.image, c.tracker, c.ctx()).response.fenced).toEqual([]);
  });

  it('lets a restarted process take over the broker id at once, without waiting out the dead one\'s session', () => {
    const c = clusterWithTopic();
    expect(lost(c, 2)).toEqual([2]);
    const request = { brokerId: 2, incarnationId: randomUuid(c.random), listeners: [{ name: 'P', host: 'h', port: 1 }], rack: null };
    expect(c.commit(registerBroker(c.image, c.tracker, request, c.ctx())).brokerEpoch).toBeGreaterThan(c.epochs.get(2)!);
  });
});

describe('broker heartbeat tracker', () => {
  it('ends a session early with a reason, until the broker is heard from again', () => {
    const tracker = new BrokerHeartbeatTracker(9000);
    tracker.registered(1, 0);
    expect(tracker.hasValidSession(1, 10)).toBe(true);
    expect(tracker.expiryReason(1)).toBe('session expired');
    tracker.expire(1, 'liveness connection lost');
    expect(tracker.hasValidSession(1, 10)).toBe(false);
    expect(tracker.expiryReason(1)).toBe('liveness connection lost');
    tracker.touch(1, 20, 5, 5);
    expect(tracker.hasValidSession(1, 20)).toBe(true);
    expect(tracker.expiryReason(1)).toBe('session expired');
  });
});

describe('controlled shutdown', () => {
  it('moves leaderships and ISR seats away first, then lets the broker go', () => {
    const c = clusterWithTopic();
    const led = [...c.image.topicsByName.get('t')!.partitions.values()].filter((p) => p.leader === 2).length;
    expect(led).toBeGreaterThan(0);

    const first = c.heartbeat(2, { wantShutDown: true });
    expect(first).toEqual({ isCaughtUp: true, isFenced: false, shouldShutDown: false });
    expect(c.image.brokers.get(2)).toMatchObject({ inControlledShutdown: true, fenced: false });
    for (const p of c.image.topicsByName.get('t')!.partitions.values()) {
      expect(p.leader).not.toBe(2);
      expect(p.isr).not.toContain(2);
    }
    // A broker in controlled shutdown gets no new replicas.
    const created = createTopics(c.image, [{ name: 'later', numPartitions: 4, replicationFactor: 2 }], c.ctx());
    for (const r of created.records) if (r.type === 'partition') expect(r.replicas).not.toContain(2);

    // Not yet replayed the move: keep waiting.
    expect(c.heartbeat(2, { wantShutDown: true, metadataOffset: c.offset - 1 }).shouldShutDown).toBe(false);
    const done = c.heartbeat(2, { wantShutDown: true });
    expect(done).toEqual({ isCaughtUp: true, isFenced: true, shouldShutDown: true });
    expect(c.image.brokers.get(2)).toMatchObject({ fenced: true, inControlledShutdown: false });
  });

  it('lets a fenced broker shut down at once', () => {
    const c = clusterWithTopic();
    c.heartbeat(3, { wantFence: true });
    expect(c.heartbeat(3, { wantShutDown: true }).shouldShutDown).toBe(true);
  });

  it('takes the only in-sync replica offline rather than blocking shutdown', () => {
    const c = new TestCluster();
    c.start([1, 2]);
    c.commit(createTopics(c.image, [{ name: 'x', numPartitions: 1, replicationFactor: 2 }], c.ctx()));
    const leader = c.partition('x', 0).leader;
    const other = leader === 1 ? 2 : 1;
    c.heartbeat(other, { wantShutDown: true });
    c.heartbeat(other, { wantShutDown: true });
    expect(c.partition('x', 0)).toMatchObject({ leader, isr: [leader] });
    c.heartbeat(leader, { wantShutDown: true });
    expect(c.partition('x', 0)).toMatchObject({ leader: -1, isr: [leader] });
    expect(c.heartbeat(leader, { wantShutDown: true }).shouldShutDown).toBe(true);
  });
});

describe('broker unregistration', () => {
  it('moves leaderships away and removes the registration', () => {
    const c = clusterWithTopic();
    c.commit(unregisterBroker(c.image, c.tracker, 3, c.ctx()));
    expect(c.image.brokers.has(3)).toBe(false);
    for (const p of c.image.topicsByName.get('t')!.partitions.values()) {
      expect(p.leader).not.toBe(3);
      expect(p.isr).not.toContain(3);
      expect(p.replicas).toContain(3);
    }
    expect(() => unregisterBroker(c.image, c.tracker, 3, c.ctx())).toThrow(/not registered/);
  });

  it('never reuses the epoch of an unregistered broker', () => {
    const c = clusterWithTopic();
    const last = c.image.brokers.get(3)!.epoch;
    c.commit(unregisterBroker(c.image, c.tracker, 3, c.ctx()));
    expect(c.register(4)).toBeGreaterThan(last);
  });
});
