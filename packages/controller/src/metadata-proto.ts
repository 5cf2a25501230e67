import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/**
 * Loads proto/runnel/v1/metadata.proto once. The proto directory sits three levels above the
 * compiled file (packages/controller/dist/metadata-proto.js -> proto/), and the same from src/
 * when tests run the TypeScript directly.
 */
const protoFile = fileURLToPath(new URL('../../../proto/runnel/v1/metadata.proto', import.meta.url));
const root = protobuf.loadSync(protoFile);

export const MetadataRecordType: protobuf.Type = root.lookupType('runnel.v1.MetadataRecord');
export const MetadataSnapshotType: protobuf.Type = root.lookupType('runnel.v1.MetadataSnapshot');

/** How decoded messages become plain objects: numbers for int64, enums as numbers, oneof names. */
export const TO_OBJECT_OPTIONS: protobuf.IConversionOptions = {
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
};
