import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { MetadataDelta, applyRecords } from '../src/delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../src/image.js';
import type { MetadataRecord } from '../src/records.js';
import { seededRandomSource } from '../src/random.js';
import { randomUuid } from '../src/uuid.js';

const random = seededRandomSource(3);
const inc = (): string => randomUuid(random);
const t1 = randomUuid(random);
const t2 = randomUuid(random);

const register = (brokerId: number, brokerEpoch: number, fenced = false): MetadataRecord => ({
  type: 'registerBroker',
  brokerId,
  incarnationId: inc(),
  brokerEpoch,
  endpoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9000 + brokerId }],
  rack: `r${brokerId % 2}`,
  fenced,
});

function base(): MetadataImage {
  return applyRecords(EMPTY_IMAGE, [
    register(1, 1),
    register(2, 2),
    register(3, 3),
    { type: 'topic', name: 'a', topicId: t1 },
    { type: 'partition', topicId: t1, partitionId: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
    { type: 'partition', topicId: t1, partitionId: 1, replicas: [2, 3, 1], isr: [2, 3, 1], leader: 2, leaderEpoch: 0, partitionEpoch: 0 },
    { type: 'topic', name: 'b', topicId: t2 },
    { type: 'partition', topicId: t2, partitionId: 0, replicas: [3, 1], isr: [3, 1], leader: 3, leaderEpoch: 0, partitionEpoch: 0 },
    { type: 'config', resourceType: 'topic', resourceName: 'a', name: 'retention.ms', value: '1000' },
  ]).image;
}

describe('applying records', () => {
  it('registers brokers and advances the broker epoch counter', () => {
    const image = base();
    expect([...image.brokers.keys()].sort()).toEqual([1, 2, 3]);
    expect(image.brokers.get(2)).toMatchObject({ id: 2, epoch: 2, rack: 'r0', fenced: false, inControlledShutdown: false });
    expect(image.nextBrokerEpoch).toBe(4);
  });

  it('fences, unfences, marks controlled shutdown and unregisters', () => {
    let image = applyRecords(base(), [{ type: 'fenceBroker', brokerId: 1, brokerEpoch: 1 }]).image;
    expect(image.brokers.get(1)?.fenced).toBe(true);
    image = applyRecords(image, [{ type: 'unfenceBroker', brokerId: 1, brokerEpoch: 1 }]).image;
    expect(image.brokers.get(1)?.fenced).toBe(false);
    image = applyRecords(image, [{ type: 'brokerRegistrationChange', brokerId: 1, brokerEpoch: 1, inControlledShutdown: true }]).image;
    expect(image.brokers.get(1)?.inControlledShutdown).toBe(true);
    image = applyRecords(image, [{ type: 'fenceBroker', brokerId: 1, brokerEpoch: 1 }]).image;
    expect(image.brokers.get(1)).toMatchObject({ fenced: true, inControlledShutdown: false });
    const { image: after, delta } = applyRecords(image, [{ type: 'unregisterBroker', brokerId: 1, brokerEpoch: 1 }]);
    expect(after.brokers.has(1)).toBe(false);
    expect(delta.removedBrokers()).toEqual([1]);
    expect(after.nextBrokerEpoch).toBe(4);
  });

  it('refuses broker records with the wrong epoch or an epoch handed out before', () => {
    const image = base();
    expect(() => applyRecords(image, [{ type: 'fenceBroker', brokerId: 1, brokerEpoch: 9 }])).toThrow(/epoch/);
    expect(() => applyRecords(image, [{ type: 'unfenceBroker', brokerId: 7, brokerEpoch: 1 }])).toThrow(/not registered/);
    expect(() => applyRecords(image, [register(4, 3)])).toThrow(/already handed out/);
  });

  it('creates and removes topics with their partitions and configs', () => {
    const image = base();
    expect(image.topicsByName.get('a')?.id).toBe(t1);
    expect(image.topicsById.get(t1)?.partitions.get(1)).toEqual({ replicas: [2, 3, 1], isr: [2, 3, 1], leader: 2, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] });
    expect(image.configs.topic.get('a')?.get('retention.ms')).toBe('1000');
    const { image: after, delta } = applyRecords(image, [{ type: 'removeTopic', topicId: t1 }]);
    expect(after.topicsById.has(t1)).toBe(false);
    expect(after.topicsByName.has('a')).toBe(false);
    expect(after.configs.topic.has('a')).toBe(false);
    expect(delta.removedTopics().map((t) => t.name)).toEqual(['a']);
  });

  it('refuses duplicate topics, unknown topics and duplicate partitions', () => {
    const image = base();
    expect(() => applyRecords(image, [{ type: 'topic', name: 'a', topicId: randomUuid(random) }])).toThrow(/already exists/);
    expect(() => applyRecords(image, [{ type: 'topic', name: 'c', topicId: t1 }])).toThrow(/already exists/);
    expect(() => applyRecords(image, [{ type: 'removeTopic', topicId: randomUuid(random) }])).toThrow(/does not exist/);
    expect(() =>
      applyRecords(image, [{ type: 'partition', topicId: t1, partitionId: 0, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 }]),
    ).toThrow(/already exists/);
  });

  it('changes only the partition fields a change record carries', () => {
    const image = applyRecords(base(), [{ type: 'partitionChange', topicId: t1, partitionId: 0, isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 }]).image;
    expect(image.topicsById.get(t1)?.partitions.get(0)).toEqual({ replicas: [1, 2, 3], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 1, addingReplicas: [], removingReplicas: [] });
    const next = applyRecords(image, [
      { type: 'partitionChange', topicId: t1, partitionId: 0, leader: 2, replicas: [2, 1], leaderEpoch: 1, partitionEpoch: 2 },
    ]).image;
    expect(next.topicsById.get(t1)?.partitions.get(0)).toEqual({ replicas: [2, 1], isr: [1, 2], leader: 2, leaderEpoch: 1, partitionEpoch: 2, addingReplicas: [], removingReplicas: [] });
  });

  it('refuses partition changes whose epochs go backward', () => {
    const image = base();
    const bad = (leaderEpoch: number, partitionEpoch: number, partitionId = 0): MetadataRecord => ({
      type: 'partitionChange', topicId: t1, partitionId, leader: 2, leaderEpoch, partitionEpoch,
    });
    expect(() => applyRecords(image, [bad(1, 0)])).toThrow(/must grow/);
    const bumped = applyRecords(image, [bad(3, 3)]).image;
    expect(() => applyRecords(bumped, [bad(2, 4)])).toThrow(/must grow/);
    expect(() => applyRecords(image, [bad(1, 1, 9)])).toThrow(/does not exist/);
  });

  it('sets and removes config keys', () => {
    let image = applyRecords(base(), [{ type: 'config', resourceType: 'broker', resourceName: '1', name: 'x', value: 'y' }]).image;
    expect(image.configs.broker.get('1')?.get('x')).toBe('y');
    image = applyRecords(image, [
      { type: 'config', resourceType: 'broker', resourceName: '1', name: 'x', value: null },
      { type: 'config', resourceType: 'topic', resourceName: 'a', name: 'retention.ms', value: null },
    ]).image;
    expect(image.configs.broker.has('1')).toBe(false);
    expect(image.configs.topic.has('a')).toBe(false);
  });

  it('moves the producer id counter forward only', () => {
    const image = applyRecords(base(), [{ type: 'producerIds', brokerId: 1, brokerEpoch: 1, nextProducerId: 1000 }]).image;
    expect(image.nextProducerId).toBe(1000);
    expect(() => applyRecords(image, [{ type: 'producerIds', brokerId: 2, brokerEpoch: 2, nextProducerId: 1000 }])).toThrow(/does not move past/);
  });

  it('leaves the base image untouched and shares what did not change', () => {
    const before = base();
    const snapshotOfBefore = structuredClone(before);
    const after = applyRecords(before, [{ type: 'partitionChange', topicId: t1, partitionId: 0, isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 }]).image;
    expect(before).toEqual(snapshotOfBefore);
    expect(after.brokers).toBe(before.brokers);
    expect(after.configs.topic).toBe(before.configs.topic);
    expect(after.topicsById.get(t2)).toBe(before.topicsById.get(t2));
    expect(after.topicsById.get(t1)).not.toBe(before.topicsById.get(t1));
    expect(after.topicsById.get(t1)?.partitions.get(1)).toBe(before.topicsById.get(t1)?.partitions.get(1));
    expect(after.topicsByName.get('a')).toBe(after.topicsById.get(t1));
  });

  it('throws a RunnelError on a contradicting record and keeps the earlier ones', () => {
    const delta = new MetadataDelta(base());
    delta.replay({ type: 'fenceBroker', brokerId: 1, brokerEpoch: 1 });
    let caught: unknown;
    try {
      delta.replay({ type: 'fenceBroker', brokerId: 1, brokerEpoch: 5 });
    } catch (err) {
      caught = err;
    }
    expect(isRunnelError(caught)).toBe(true);
    expect(delta.apply().brokers.get(1)?.fenced).toBe(true);
  });
});

describe('delta listings', () => {
  it('lists changed brokers, created topics and changed partitions', () => {
    const t3 = randomUuid(random);
    const { delta } = applyRecords(base(), [
      { type: 'fenceBroker', brokerId: 3, brokerEpoch: 3 },
      { type: 'topic', name: 'c', topicId: t3 },
      { type: 'partition', topicId: t3, partitionId: 0, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
      { type: 'partitionChange', topicId: t2, partitionId: 0, leader: 1, isr: [1], leaderEpoch: 1, partitionEpoch: 1 },
    ]);
    expect(delta.changedBrokers().map((b) => [b.id, b.fenced])).toEqual([[3, true]]);
    expect(delta.createdTopics()).toEqual([{ id: t3, name: 'c' }]);
    const changes = delta.changedPartitions();
    expect(changes.map((c) => [c.topicName, c.partitionId, c.before?.leader ?? null, c.after.leader])).toEqual([
      ['c', 0, null, 1],
      ['b', 0, 3, 1],
    ]);
  });

  it('tells a broker which partitions it leads, follows and must drop', () => {
    const { delta } = applyRecords(base(), [
      // Broker 3 loses the leadership of b-0 to broker 1 and is taken out of a-0's replicas.
      { type: 'partitionChange', topicId: t2, partitionId: 0, leader: 1, isr: [1, 3], leaderEpoch: 1, partitionEpoch: 1 },
      { type: 'partitionChange', topicId: t1, partitionId: 0, replicas: [1, 2], isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 },
    ]);
    const three = delta.localChanges(3);
    expect(three.leaders).toEqual([]);
    expect(three.followers.map((c) => [c.topicName, c.partitionId])).toEqual([['b', 0]]);
    expect(three.deletes).toEqual([{ topicId: t1, topicName: 'a', partitionId: 0 }]);
    const one = delta.localChanges(1);
    expect(one.leaders.map((c) => [c.topicName, c.partitionId])).toEqual([['b', 0], ['a', 0]]);
    expect(one.deletes).toEqual([]);
  });

  it('tells every replica of a deleted topic to drop its partitions', () => {
    const { delta } = applyRecords(base(), [{ type: 'removeTopic', topicId: t1 }]);
    expect(delta.localChanges(2).deletes).toEqual([
      { topicId: t1, topicName: 'a', partitionId: 0 },
      { topicId: t1, topicName: 'a', partitionId: 1 },
    ]);
    expect(delta.localChanges(2).leaders).toEqual([]);
  });
});
