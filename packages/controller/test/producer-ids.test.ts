import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { allocateProducerIds } from '../src/producer-ids.js';
import { TestCluster } from './helpers.js';

describe('producer id blocks', () => {
  it('hands out consecutive, disjoint blocks of 1000', () => {
    const c = new TestCluster();
    c.start([1, 2]);
    const a = c.commit(allocateProducerIds(c.image, { brokerId: 1, brokerEpoch: c.epochs.get(1)! }, c.ctx()));
    const b = c.commit(allocateProducerIds(c.image, { brokerId: 2, brokerEpoch: c.epochs.get(2)! }, c.ctx()));
    const d = c.commit(allocateProducerIds(c.image, { brokerId: 1, brokerEpoch: c.epochs.get(1)! }, c.ctx()));
    expect([a, b, d]).toEqual([
      { producerIdStart: 0, producerIdLen: 1000 },
      { producerIdStart: 1000, producerIdLen: 1000 },
      { producerIdStart: 2000, producerIdLen: 1000 },
    ]);
    expect(c.image.nextProducerId).toBe(3000);
  });

  it('refuses brokers with a stale epoch', () => {
    const c = new TestCluster();
    c.start([1]);
    let caught: unknown;
    try {
      allocateProducerIds(c.image, { brokerId: 1, brokerEpoch: 77 }, c.ctx());
    } catch (err) {
      caught = err;
    }
    expect(isRunnelError(caught, 'STALE_BROKER_EPOCH')).toBe(true);
  });

  it('reports exhaustion instead of handing out unsafe ids', () => {
    const c = new TestCluster();
    c.start([1]);
    const image = { ...c.image, nextProducerId: Number.MAX_SAFE_INTEGER - 500 };
    expect(() => allocateProducerIds(image, { brokerId: 1, brokerEpoch: c.epochs.get(1)! }, c.ctx())).toThrow(/exhausted/);
  });
});
