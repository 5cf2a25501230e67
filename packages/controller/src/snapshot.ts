import { RunnelError } from '@runnel/protocol';
import { applyRecords } from './delta.js';
import { EMPTY_IMAGE, type MetadataImage } from './image.js';
import { MetadataSnapshotType, TO_OBJECT_OPTIONS } from './metadata-proto.js';
import { SCRAM_SHA_256_MECHANISM, recordFromObject, recordToMessage, type MetadataRecord } from './records.js';

/**
 * The records that rebuild `image` from the empty image: brokers in epoch order (replay demands
 * growing epochs), then topics with their partitions, configs, controller endpoints, the
 * producer-id counter, SCRAM credentials and ACLs.
 */
export function imageToRecords(image: MetadataImage): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const broker of [...image.brokers.values()].sort((a, b) => a.epoch - b.epoch)) {
    records.push({
      type: 'registerBroker',
      brokerId: broker.id,
      incarnationId: broker.incarnationId,
      brokerEpoch: broker.epoch,
      endpoints: broker.endpoints,
      rack: broker.rack,
      fenced: broker.fenced,
    });
    if (broker.inControlledShutdown) {
      records.push({ type: 'brokerRegistrationChange', brokerId: broker.id, brokerEpoch: broker.epoch, inControlledShutdown: true });
    }
  }
  for (const topic of image.topicsById.values()) {
    records.push({ type: 'topic', name: topic.name, topicId: topic.id });
    for (const [partitionId, p] of [...topic.partitions].sort((a, b) => a[0] - b[0])) {
      records.push({ type: 'partition', topicId: topic.id, partitionId, ...p });
    }
  }
  for (const resourceType of ['topic', 'broker'] as const) {
    for (const [resourceName, values] of image.configs[resourceType]) {
      for (const [name, value] of values) records.push({ type: 'config', resourceType, resourceName, name, value });
    }
  }
  for (const [controllerId, { host, port }] of image.controllers) records.push({ type: 'registerController', controllerId, host, port });
  if (image.nextProducerId > 0) {
    records.push({ type: 'producerIds', brokerId: -1, brokerEpoch: -1, nextProducerId: image.nextProducerId });
  }
  for (const [name, c] of image.scramCredentials) {
    records.push({ type: 'userScramCredential', name, mechanism: SCRAM_SHA_256_MECHANISM, salt: c.salt, storedKey: c.storedKey, serverKey: c.serverKey, iterations: c.iterations });
  }
  for (const [id, binding] of image.acls) records.push({ type: 'accessControlEntry', id, ...binding });
  return records;
}

/** The image as snapshot bytes (a runnel.v1.MetadataSnapshot message). */
export function encodeSnapshot(image: MetadataImage): Buffer {
  const message = MetadataSnapshotType.fromObject({
    nextBrokerEpoch: image.nextBrokerEpoch,
    records: imageToRecords(image).map(recordToMessage),
  });
  return Buffer.from(MetadataSnapshotType.encode(message).finish());
}

/** The image a snapshot holds; bytes that are not a snapshot give CORRUPT_MESSAGE. */
export function decodeSnapshot(bytes: Uint8Array): MetadataImage {
  let nextBrokerEpoch: number;
  let records: MetadataRecord[];
  try {
    const decoded = MetadataSnapshotType.toObject(MetadataSnapshotType.decode(bytes), TO_OBJECT_OPTIONS);
    nextBrokerEpoch = decoded.nextBrokerEpoch as number;
    records = (decoded.records as Record<string, unknown>[]).map(recordFromObject);
  } catch (err) {
    throw new RunnelError('CORRUPT_MESSAGE', `undecodable metadata snapshot: ${(err as Error).message}`, { cause: err });
  }
  const image = applyRecords(EMPTY_IMAGE, records).image;
  if (nextBrokerEpoch < image.nextBrokerEpoch) {
    throw new RunnelError('CORRUPT_MESSAGE', `snapshot's next broker epoch ${nextBrokerEpoch} is below a registered broker's epoch`);
  }
  return { ...image, nextBrokerEpoch };
}
