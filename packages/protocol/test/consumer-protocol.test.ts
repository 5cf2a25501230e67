import fc from 'fast-check';
import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '../src/consumer-protocol.js';
import { RunnelError } from '../src/errors.js';

const topicPartitions = fc.array(fc.record({ topic: fc.string({ minLength: 1, maxLength: 20 }), partitions: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 8 }) }), { maxLength: 5 });

describe('consumer protocol', () => {
  it('round-trips v3 subscriptions and assignments (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 6 }),
        fc.option(fc.uint8Array({ maxLength: 16 }).map((u) => Buffer.from(u))),
        topicPartitions,
        fc.integer({ min: -1, max: 1_000_000 }),
        fc.option(fc.string({ maxLength: 10 })),
        (topics, userData, ownedPartitions, generationId, rackId) => {
          const sub = { topics, userData, ownedPartitions, generationId, rackId };
          expect(decodeSubscription(encodeSubscription(sub))).toEqual(sub);
          const a = { partitions: ownedPartitions, userData };
          expect(decodeAssignment(encodeAssignment(a))).toEqual(a);
        },
      ),
    );
  });

  it('reads what KafkaJS writes and KafkaJS reads what it writes', () => {
    const fromKafkaJs = AssignerProtocol.MemberMetadata.encode({ version: 1, topics: ['orders', 'payments'], userData: Buffer.from('u') });
    expect(decodeSubscription(fromKafkaJs)).toEqual({ topics: ['orders', 'payments'], userData: Buffer.from('u'), ownedPartitions: [], generationId: -1, rackId: null });
    const assignment = encodeAssignment({ partitions: [{ topic: 'orders', partitions: [0, 2] }, { topic: 'payments', partitions: [1] }], userData: null });
    expect(AssignerProtocol.MemberAssignment.decode(assignment)?.assignment).toEqual({ orders: [0, 2], payments: [1] });
    const v0 = encodeSubscription({ topics: ['orders'], userData: Buffer.alloc(0) }, 0);
    expect(AssignerProtocol.MemberMetadata.decode(v0)?.topics).toEqual(['orders']);
  });

  it('treats an empty assignment buffer as no partitions', () => {
    expect(decodeAssignment(Buffer.alloc(0))).toEqual({ partitions: [], userData: null });
  });

  it('refuses truncated bytes and absurd array counts with CORRUPT_MESSAGE', () => {
    const good = encodeSubscription({ topics: ['orders', 'payments'], ownedPartitions: [{ topic: 'orders', partitions: [1, 2] }] });
    for (const cut of [3, 7, 12]) {
      expect(() => decodeSubscription(good.subarray(0, cut))).toThrow(RunnelError);
    }
    const huge = Buffer.from([0, 3, 0x7f, 0xff, 0xff, 0xff]);
    expect(() => decodeSubscription(huge)).toThrow(/declares an array of 2147483647/);
  });
});
