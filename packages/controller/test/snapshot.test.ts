import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { applyRecords } from '../src/delta.js';
import { EMPTY_IMAGE } from '../src/image.js';
import { allocateProducerIds } from '../src/producer-ids.js';
import { decodeSnapshot, encodeSnapshot, imageToRecords } from '../src/snapshot.js';
import { alterTopicConfigs, createTopics } from '../src/topic-operations.js';
import { unregisterBroker } from '../src/broker-lifecycle.js';
import { TestCluster } from './helpers.js';

function busyCluster(): TestCluster {
  const c = new TestCluster();
  c.start([1, 2, 3, 4], ['a', 'b', null, 'a']);
  c.commit(createTopics(c.image, [{ name: 'x', numPartitions: 4, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } }, { name: 'y' }], c.ctx()));
  c.commit(alterTopicConfigs(c.image, [{ name: 'y', ops: [{ key: 'retention.ms', op: 'set', value: '60000' }] }], c.ctx()));
  c.commit(allocateProducerIds(c.image, { brokerId: 2, brokerEpoch: c.epochs.get(2)! }, c.ctx()));
  c.heartbeat(3, { wantFence: true });
  c.heartbeat(2, { wantShutDown: true });
  c.commit(unregisterBroker(c.image, c.tracker, 4, c.ctx()));
  c.commit({ records: [{ type: 'registerController', controllerId: 5, host: 'ctl5.test', port: 9093 }], response: null });
  return c;
}

describe('metadata snapshots', () => {
  it('restore to an equal image', () => {
    const c = busyCluster();
    const restored = decodeSnapshot(encodeSnapshot(c.image));
    expect(restored).toEqual(c.image);
    expect(restored.brokers.get(2)?.inControlledShutdown).toBe(true);
    expect(restored.nextProducerId).toBe(1000);
    expect(restored.controllers.get(5)).toEqual({ host: 'ctl5.test', port: 9093 });
  });

  it('keeps the broker epoch counter past unregistered brokers', () => {
    const c = busyCluster();
    const restored = decodeSnapshot(encodeSnapshot(c.image));
    // Broker 4 had the highest epoch and is gone; its epoch must still not be handed out again.
    expect(applyRecords(EMPTY_IMAGE, imageToRecords(c.image)).image.nextBrokerEpoch).toBeLessThan(c.image.nextBrokerEpoch);
    expect(restored.nextBrokerEpoch).toBe(c.image.nextBrokerEpoch);
  });

  it('matches replaying the whole log from the start', () => {
    const c = busyCluster();
    expect(applyRecords(EMPTY_IMAGE, c.records).image).toEqual(c.image);
  });

  it('round-trips the empty image', () => {
    expect(decodeSnapshot(encodeSnapshot(EMPTY_IMAGE))).toEqual(EMPTY_IMAGE);
  });

  it('rejects bytes that are not a snapshot', () => {
    let caught: unknown;
    try {
      decodeSnapshot(Buffer.from([0x12, 0x03, 0xff, 0xff, 0xff]));
    } catch (err) {
      caught = err;
    }
    expect(isRunnelError(caught, 'CORRUPT_MESSAGE')).toBe(true);
  });
});
