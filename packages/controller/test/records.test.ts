import { describe, expect, it } from 'vitest';
import { isRunnelError } from '@runnel/protocol';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecord } from '../src/records.js';
import { seededRandomSource } from '../src/random.js';
import { randomUuid, uuidFromBytes, uuidToBytes } from '../src/uuid.js';

const random = seededRandomSource(7);
const topicId = randomUuid(random);

const samples: MetadataRecord[] = [
  {
    type: 'registerBroker',
    brokerId: 3,
    incarnationId: randomUuid(random),
    brokerEpoch: 42,
    endpoints: [
      { name: 'PLAINTEXT', host: '10.0.0.3', port: 9092 },
      { name: 'INTERNAL', host: 'b3.local', port: 19092 },
    ],
    rack: 'us-east-1a',
    fenced: true,
  },
  { type: 'registerBroker', brokerId: 4, incarnationId: randomUuid(random), brokerEpoch: 2 ** 40, endpoints: [], rack: null, fenced: false },
  { type: 'unregisterBroker', brokerId: 3, brokerEpoch: 42 },
  { type: 'fenceBroker', brokerId: 3, brokerEpoch: 42 },
  { type: 'unfenceBroker', brokerId: 3, brokerEpoch: 42 },
  { type: 'brokerRegistrationChange', brokerId: 3, brokerEpoch: 42, inControlledShutdown: true },
  { type: 'topic', name: 'orders.v1', topicId },
  { type: 'removeTopic', topicId },
  { type: 'partition', topicId, partitionId: 7, replicas: [3, 1, 2], isr: [3, 1], leader: 3, leaderEpoch: 5, partitionEpoch: 9 },
  { type: 'partition', topicId, partitionId: 0, replicas: [1], isr: [1], leader: -1, leaderEpoch: 0, partitionEpoch: 0 },
  { type: 'partitionChange', topicId, partitionId: 7, leader: -1, isr: [2], replicas: [2, 3], leaderEpoch: 6, partitionEpoch: 10 },
  { type: 'partitionChange', topicId, partitionId: 7, isr: [3], leaderEpoch: 5, partitionEpoch: 10 },
  { type: 'partitionChange', topicId, partitionId: 7, leader: 0, leaderEpoch: 6, partitionEpoch: 10 },
  { type: 'config', resourceType: 'topic', resourceName: 'orders.v1', name: 'retention.ms', value: '1000' },
  { type: 'config', resourceType: 'broker', resourceName: '3', name: 'log.retention.ms', value: null },
  { type: 'config', resourceType: 'topic', resourceName: 'orders.v1', name: 'cleanup.policy', value: '' },
  { type: 'producerIds', brokerId: 3, brokerEpoch: 42, nextProducerId: 2 ** 52 + 1000 },
  {
    type: 'userScramCredential',
    name: 'alice',
    mechanism: 1,
    salt: Buffer.alloc(16, 1),
    storedKey: Buffer.alloc(32, 2),
    serverKey: Buffer.alloc(32, 3),
    iterations: 8192,
  },
  { type: 'removeUserScramCredential', name: 'alice', mechanism: 1 },
  {
    type: 'accessControlEntry',
    id: randomUuid(random),
    resourceType: 'TOPIC',
    resourceName: 'orders.',
    patternType: 'PREFIXED',
    principal: 'User:alice',
    host: '*',
    operation: 'WRITE',
    permission: 'ALLOW',
  },
  {
    type: 'accessControlEntry',
    id: randomUuid(random),
    resourceType: 'CLUSTER',
    resourceName: 'kafka-cluster',
    patternType: 'LITERAL',
    principal: 'User:*',
    host: '10.0.0.1',
    operation: 'IDEMPOTENT_WRITE',
    permission: 'DENY',
  },
  { type: 'removeAccessControlEntry', id: topicId },
  { type: 'registerController', controllerId: 4, host: 'ctl4.example', port: 9093 },
];

describe('metadata records', () => {
  it.each(samples.map((r, i) => [`${r.type} #${i}`, r] as const))('%s survives encode and decode', (_name, record) => {
    const bytes = encodeMetadataRecord(record);
    expect(decodeMetadataRecord(bytes)).toEqual(record);
  });

  it('keeps absent partition-change fields absent (absent means unchanged)', () => {
    const decoded = decodeMetadataRecord(
      encodeMetadataRecord({ type: 'partitionChange', topicId, partitionId: 1, isr: [1, 2], leaderEpoch: 3, partitionEpoch: 4 }),
    );
    expect(decoded).not.toHaveProperty('leader');
    expect(decoded).not.toHaveProperty('replicas');
    expect(decoded).toHaveProperty('isr', [1, 2]);
  });

  it('rejects bytes that are not a record with CORRUPT_MESSAGE', () => {
    const garbage = [Buffer.from([0xff, 0xff, 0xff]), Buffer.alloc(0), Buffer.from([0x32, 0x05, 0x0a, 0x01])];
    for (const bytes of garbage) {
      let caught: unknown;
      try {
        decodeMetadataRecord(bytes);
      } catch (err) {
        caught = err;
      }
      expect(isRunnelError(caught, 'CORRUPT_MESSAGE')).toBe(true);
    }
  });

  it('rejects a topic id that is not 16 bytes', () => {
    const good = encodeMetadataRecord({ type: 'removeTopic', topicId });
    // Field 7 (removeTopic) wrapping field 1 (topic_id) with 3 bytes instead of 16.
    const bad = Buffer.from([0x3a, 0x05, 0x0a, 0x03, 1, 2, 3]);
    expect(decodeMetadataRecord(good)).toEqual({ type: 'removeTopic', topicId });
    expect(() => decodeMetadataRecord(bad)).toThrow(/Uuid/);
  });
});

describe('Uuid', () => {
  it('prints as 22 characters of base64url, like Kafka', () => {
    const bytes = Buffer.from('f0e1d2c3b4a5968778695a4b3c2d1e0f', 'hex');
    const id = uuidFromBytes(bytes);
    expect(id).toBe('8OHSw7Sllod4aVpLPC0eDw');
    expect(uuidToBytes(id)).toEqual(bytes);
  });

  it('never hands out reserved ids or ids starting with -', () => {
    // A source whose first draws are the zero id, the metadata topic id and a '-' id.
    const draws = [Buffer.alloc(16), Buffer.from('00000000000000000000000000000001', 'hex'), Buffer.from('f8' + '00'.repeat(15), 'hex')];
    const real = seededRandomSource(1);
    const source = { nextBytes: (n: number) => draws.shift() ?? real.nextBytes(n), nextInt: real.nextInt };
    const id = randomUuid(source);
    expect(draws).toHaveLength(0);
    expect(id).not.toMatch(/^-/);
    expect(id).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
  });

  it('rejects strings that are not Uuids', () => {
    expect(() => uuidToBytes('short')).toThrow(/not a Uuid/);
  });
});
