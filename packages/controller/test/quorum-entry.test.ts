import { describe, expect, it } from 'vitest';
import { decodeMetadataEntry, encodeMetadataEntry } from '../src/quorum/entry-codec.js';
import type { MetadataRecord } from '../src/records.js';
import { randomUuid } from '../src/uuid.js';
import { seededRandomSource } from '../src/random.js';

describe('metadata log entry codec', () => {
  const random = seededRandomSource(3);
  const topicId = randomUuid(random);
  const batch: MetadataRecord[] = [
    { type: 'topic', name: 'orders', topicId },
    { type: 'partition', topicId, partitionId: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
    { type: 'partitionChange', topicId, partitionId: 0, isr: [1], leaderEpoch: 0, partitionEpoch: 1 },
    { type: 'config', resourceType: 'topic', resourceName: 'orders', name: 'retention.ms', value: null },
    { type: 'producerIds', brokerId: 1, brokerEpoch: 4, nextProducerId: 2 ** 40 },
  ];

  it('round-trips a batch of records in order', () => {
    expect(decodeMetadataEntry(encodeMetadataEntry(batch))).toEqual(batch);
  });

  it('encodes an empty batch as no bytes', () => {
    const empty = encodeMetadataEntry([]);
    expect(empty.length).toBe(0);
    expect(decodeMetadataEntry(empty)).toEqual([]);
  });

  it('refuses bytes that are not a batch', () => {
    expect(() => decodeMetadataEntry(Buffer.from([0x0a, 0x05, 0x01]))).toThrow(expect.objectContaining({ errorName: 'CORRUPT_MESSAGE' }));
  });
});
