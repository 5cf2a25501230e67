import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as AdminProto } from '../generated/admin.js';
import type { ProtoGrpcType as AuthProto } from '../generated/auth.js';
import type { ProtoGrpcType as BrokerProto } from '../generated/broker.js';
import type { ProtoGrpcType as ControllerProto } from '../generated/controller.js';
import type { ProtoGrpcType as GroupsProto } from '../generated/groups.js';
import type { ProtoGrpcType as QuorumProto } from '../generated/quorum.js';
import type { ProtoGrpcType as ReplicationProto } from '../generated/replication.js';

/** proto/ at the repository (or image) root: dist/grpc/load.js -> ../../../../proto. */
export const PROTO_ROOT = fileURLToPath(new URL('../../../../proto/', import.meta.url));

/** Must match the options scripts/gen-proto.sh generates the types with. */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

const SERVICE_FILES = [
  'runnel/v1/broker.proto',
  'runnel/v1/groups.proto',
  'runnel/v1/admin.proto',
  'runnel/v1/replication.proto',
  'runnel/v1/quorum.proto',
  'runnel/v1/controller.proto',
  'runnel/v1/auth.proto',
];

type RunnelV1 = BrokerProto['runnel']['v1'] &
  GroupsProto['runnel']['v1'] &
  AdminProto['runnel']['v1'] &
  ReplicationProto['runnel']['v1'] &
  QuorumProto['runnel']['v1'] &
  ControllerProto['runnel']['v1'] &
  AuthProto['runnel']['v1'];

let loaded: RunnelV1 | undefined;

/** The runnel.v1 package, loaded once per process (at start-up, never on a request path). */
export function runnelV1(): RunnelV1 {
  if (!loaded) {
    const definition = protoLoader.loadSync(SERVICE_FILES, LOADER_OPTIONS);
    loaded = (grpc.loadPackageDefinition(definition) as unknown as { runnel: { v1: RunnelV1 } }).runnel.v1;
  }
  return loaded;
}
