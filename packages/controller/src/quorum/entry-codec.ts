import { RunnelError } from '@runnel/protocol';
import type protobuf from 'protobufjs';
import { MetadataRecordType, TO_OBJECT_OPTIONS } from '../metadata-proto.js';
import { recordFromObject, recordToMessage, type MetadataRecord } from '../records.js';

/** runnel.v1.MetadataRecordBatch, from the same loaded metadata.proto as the records. */
const MetadataRecordBatchType: protobuf.Type = MetadataRecordType.root.lookupType('runnel.v1.MetadataRecordBatch');

/**
 * One metadata log entry's bytes: the records of one controller decision, which commit together
 * or not at all (a runnel.v1.MetadataRecordBatch message).
 */
export function encodeMetadataEntry(records: readonly MetadataRecord[]): Buffer {
  const message = MetadataRecordBatchType.fromObject({ records: records.map(recordToMessage) });
  return Buffer.from(MetadataRecordBatchType.encode(message).finish());
}

/** The records of one metadata log entry, in order; bytes that are not a batch give CORRUPT_MESSAGE. */
export function decodeMetadataEntry(data: Uint8Array): MetadataRecord[] {
  try {
    const decoded = MetadataRecordBatchType.toObject(MetadataRecordBatchType.decode(data), TO_OBJECT_OPTIONS);
    return (decoded.records as Record<string, unknown>[]).map(recordFromObject);
  } catch (err) {
    throw new RunnelError('CORRUPT_MESSAGE', `undecodable metadata log entry: ${(err as Error).message}`, { cause: err });
  }
}
