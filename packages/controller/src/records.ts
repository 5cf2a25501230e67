import { RunnelError } from '@runnel/protocol';
import {
  OPERATION_CODES,
  PATTERN_TYPE_CODES,
  PERMISSION_CODES,
  RESOURCE_TYPE_CODES,
  nameOfCode,
  type AclBinding,
  type AclOperation,
  type AclPatternType,
  type AclPermission,
  type AclResourceType,
} from './acl/acl-binding.js';
import { MetadataRecordType, TO_OBJECT_OPTIONS } from './metadata-proto.js';
import { uuidFromBytes, uuidToBytes, type Uuid } from './uuid.js';

/** The broker id that means "no leader". */
export const NO_LEADER = -1;

export interface BrokerEndpoint {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export type ConfigResourceType = 'topic' | 'broker';

export interface RegisterBrokerRecord {
  readonly type: 'registerBroker';
  readonly brokerId: number;
  readonly incarnationId: Uuid;
  readonly brokerEpoch: number;
  readonly endpoints: readonly BrokerEndpoint[];
  readonly rack: string | null;
  readonly fenced: boolean;
}
export interface UnregisterBrokerRecord {
  readonly type: 'unregisterBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}
export interface FenceBrokerRecord {
  readonly type: 'fenceBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}
export interface UnfenceBrokerRecord {
  readonly type: 'unfenceBroker';
  readonly brokerId: number;
  readonly brokerEpoch: number;
}
export interface BrokerRegistrationChangeRecord {
  readonly type: 'brokerRegistrationChange';
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly inControlledShutdown: boolean;
}
export interface TopicRecord {
  readonly type: 'topic';
  readonly name: string;
  readonly topicId: Uuid;
}
export interface RemoveTopicRecord {
  readonly type: 'removeTopic';
  readonly topicId: Uuid;
}
export interface PartitionRecord {
  readonly type: 'partition';
  readonly topicId: Uuid;
  readonly partitionId: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  /** A reassignment in progress (absent: none): replicas leaving, and replicas still copying. */
  readonly removingReplicas?: readonly number[];
  readonly addingReplicas?: readonly number[];
}
/**
 * Absent leader / isr / replicas / removingReplicas / addingReplicas keep their value (an empty
 * list clears a reassignment); the epochs are always the new values.
 */
export interface PartitionChangeRecord {
  readonly type: 'partitionChange';
  readonly topicId: Uuid;
  readonly partitionId: number;
  readonly leader?: number;
  readonly isr?: readonly number[];
  readonly replicas?: readonly number[];
  readonly removingReplicas?: readonly number[];
  readonly addingReplicas?: readonly number[];
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}
/** The broker config resource name of cluster-wide defaults (Kafka's <default> broker entity). */
export const CLUSTER_DEFAULT_RESOURCE = '';

/** value null removes the key. */
export interface ConfigRecord {
  readonly type: 'config';
  readonly resourceType: ConfigResourceType;
  readonly resourceName: string;
  readonly name: string;
  readonly value: string | null;
}
export interface ProducerIdsRecord {
  readonly type: 'producerIds';
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly nextProducerId: number;
}
/** Where a controller's Raft (Quorum) service listens. */
export interface RegisterControllerRecord {
  readonly type: 'registerController';
  readonly controllerId: number;
  readonly host: string;
  readonly port: number;
}

/** Kafka's ScramMechanism number of SCRAM-SHA-256, the one mechanism Runnel stores. */
export const SCRAM_SHA_256_MECHANISM = 1;

/** A user's SCRAM credential: only the values derived from the salted password. */
export interface UserScramCredentialRecord {
  readonly type: 'userScramCredential';
  readonly name: string;
  readonly mechanism: number;
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
  readonly iterations: number;
}
export interface RemoveUserScramCredentialRecord {
  readonly type: 'removeUserScramCredential';
  readonly name: string;
  readonly mechanism: number;
}
export interface AccessControlEntryRecord extends AclBinding {
  readonly type: 'accessControlEntry';
  readonly id: Uuid;
}
export interface RemoveAccessControlEntryRecord {
  readonly type: 'removeAccessControlEntry';
  readonly id: Uuid;
}

export type MetadataRecord =
  | RegisterBrokerRecord
  | UnregisterBrokerRecord
  | FenceBrokerRecord
  | UnfenceBrokerRecord
  | BrokerRegistrationChangeRecord
  | TopicRecord
  | RemoveTopicRecord
  | PartitionRecord
  | PartitionChangeRecord
  | ConfigRecord
  | ProducerIdsRecord
  | UserScramCredentialRecord
  | RemoveUserScramCredentialRecord
  | AccessControlEntryRecord
  | RemoveAccessControlEntryRecord
  | RegisterControllerRecord;

const RESOURCE_TYPE_NUMBERS: Record<ConfigResourceType, number> = { topic: 2, broker: 4 };

/** The protobuf message shape (before encoding) for one record. */
export function recordToMessage(record: MetadataRecord): Record<string, unknown> {
  switch (record.type) {
    case 'registerBroker': {
      const { type: _type, incarnationId, rack, ...rest } = record;
      return {
        registerBroker: { ...rest, incarnationId: uuidToBytes(incarnationId), ...(rack === null ? {} : { rack }) },
      };
    }
    case 'topic':
      return { topic: { name: record.name, topicId: uuidToBytes(record.topicId) } };
    case 'removeTopic':
      return { removeTopic: { topicId: uuidToBytes(record.topicId) } };
    case 'partition': {
      const { type: _type, topicId, ...rest } = record;
      return { partition: { ...rest, topicId: uuidToBytes(topicId) } };
    }
    case 'partitionChange': {
      const change: Record<string, unknown> = {
        topicId: uuidToBytes(record.topicId),
        partitionId: record.partitionId,
        leaderEpoch: record.leaderEpoch,
        partitionEpoch: record.partitionEpoch,
      };
      if (record.leader !== undefined) change.leader = record.leader;
      if (record.isr !== undefined) change.isr = { ids: record.isr };
      if (record.replicas !== undefined) change.replicas = { ids: record.replicas };
      if (record.removingReplicas !== undefined) change.removingReplicas = { ids: record.removingReplicas };
      if (record.addingReplicas !== undefined) change.addingReplicas = { ids: record.addingReplicas };
      return { partitionChange: change };
    }
    case 'config': {
      const config: Record<string, unknown> = {
        resourceType: RESOURCE_TYPE_NUMBERS[record.resourceType],
        resourceName: record.resourceName,
        name: record.name,
      };
      if (record.value !== null) config.value = record.value;
      return { config };
    }
    case 'accessControlEntry':
      return {
        accessControlEntry: {
          id: uuidToBytes(record.id),
          resourceType: RESOURCE_TYPE_CODES[record.resourceType],
          resourceName: record.resourceName,
          patternType: PATTERN_TYPE_CODES[record.patternType],
          principal: record.principal,
          host: record.host,
          operation: OPERATION_CODES[record.operation],
          permissionType: PERMISSION_CODES[record.permission],
        },
      };
    case 'removeAccessControlEntry':
      return { removeAccessControlEntry: { id: uuidToBytes(record.id) } };
    default: {
      const { type, ...rest } = record;
      return { [type]: rest };
    }
  }
}

/** A Kafka ACL number as its name; a number no binding may hold fails the decode. */
function aclName<K extends string>(codes: Readonly<Record<K, number>>, code: number, what: string): K {
  const name = nameOfCode(codes, code);
  if (name === undefined || name === 'ANY' || name === 'MATCH') throw new Error(`invalid ACL ${what} ${code}`);
  return name;
}

/** A decoded protobuf plain object; recordFromObject picks the fields each kind has. */
type Obj = Record<string, any>;

function resourceTypeFromNumber(n: number): ConfigResourceType {
  const found = (Object.keys(RESOURCE_TYPE_NUMBERS) as ConfigResourceType[]).find((k) => RESOURCE_TYPE_NUMBERS[k] === n);
  if (found === undefined) throw new Error(`unknown config resource type ${n}`);
  return found;
}

/** The record for a decoded protobuf plain object (from toObject with TO_OBJECT_OPTIONS). */
export function recordFromObject(message: Obj): MetadataRecord {
  const kind = message.record as string | undefined;
  const r = kind === undefined ? undefined : (message[kind] as Obj | undefined);
  if (kind === undefined || r === undefined) throw new Error('the record has no kind set');
  switch (kind) {
    case 'registerBroker':
      return {
        type: 'registerBroker',
        brokerId: r.brokerId,
        incarnationId: uuidFromBytes(r.incarnationId),
        brokerEpoch: r.brokerEpoch,
        endpoints: (r.endpoints as Obj[]).map((e) => ({ name: e.name, host: e.host, port: e.port })),
        rack: r.rack ?? null,
        fenced: r.fenced,
      };
    case 'unregisterBroker':
    case 'fenceBroker':
    case 'unfenceBroker':
      return { type: kind, brokerId: r.brokerId, brokerEpoch: r.brokerEpoch };
    case 'brokerRegistrationChange':
      return {
        type: kind,
        brokerId: r.brokerId,
        brokerEpoch: r.brokerEpoch,
        inControlledShutdown: r.inControlledShutdown,
      };
    case 'topic':
      return { type: 'topic', name: r.name, topicId: uuidFromBytes(r.topicId) };
    case 'removeTopic':
      return { type: 'removeTopic', topicId: uuidFromBytes(r.topicId) };
    case 'partition':
      return {
        type: 'partition',
        topicId: uuidFromBytes(r.topicId),
        partitionId: r.partitionId,
        replicas: r.replicas,
        isr: r.isr,
        leader: r.leader,
        leaderEpoch: r.leaderEpoch,
        partitionEpoch: r.partitionEpoch,
        ...(r.removingReplicas.length > 0 ? { removingReplicas: r.removingReplicas } : {}),
        ...(r.addingReplicas.length > 0 ? { addingReplicas: r.addingReplicas } : {}),
      };
    case 'partitionChange':
      return {
        type: 'partitionChange',
        topicId: uuidFromBytes(r.topicId),
        partitionId: r.partitionId,
        ...(r.leader !== undefined ? { leader: r.leader } : {}),
        ...(r.isr ? { isr: r.isr.ids } : {}),
        ...(r.replicas ? { replicas: r.replicas.ids } : {}),
        ...(r.removingReplicas ? { removingReplicas: r.removingReplicas.ids } : {}),
        ...(r.addingReplicas ? { addingReplicas: r.addingReplicas.ids } : {}),
        leaderEpoch: r.leaderEpoch,
        partitionEpoch: r.partitionEpoch,
      };
    case 'config':
      return {
        type: 'config',
        resourceType: resourceTypeFromNumber(r.resourceType),
        resourceName: r.resourceName,
        name: r.name,
        value: r.value ?? null,
      };
    case 'producerIds':
      return { type: 'producerIds', brokerId: r.brokerId, brokerEpoch: r.brokerEpoch, nextProducerId: r.nextProducerId };
    case 'userScramCredential':
      return {
        type: 'userScramCredential',
        name: r.name,
        mechanism: r.mechanism,
        salt: Buffer.from(r.salt),
        storedKey: Buffer.from(r.storedKey),
        serverKey: Buffer.from(r.serverKey),
        iterations: r.iterations,
      };
    case 'removeUserScramCredential':
      return { type: 'removeUserScramCredential', name: r.name, mechanism: r.mechanism };
    case 'accessControlEntry':
      return {
        type: 'accessControlEntry',
        id: uuidFromBytes(r.id),
        resourceType: aclName<AclResourceType | 'ANY'>(RESOURCE_TYPE_CODES, r.resourceType, 'resource type') as AclResourceType,
        resourceName: r.resourceName,
        patternType: aclName<AclPatternType | 'ANY' | 'MATCH'>(PATTERN_TYPE_CODES, r.patternType, 'pattern type') as AclPatternType,
        principal: r.principal,
        host: r.host,
        operation: aclName<AclOperation | 'ANY'>(OPERATION_CODES, r.operation, 'operation') as AclOperation,
        permission: aclName<AclPermission | 'ANY'>(PERMISSION_CODES, r.permissionType, 'permission type') as AclPermission,
      };
    case 'removeAccessControlEntry':
      return { type: 'removeAccessControlEntry', id: uuidFromBytes(r.id) };
    case 'registerController':
      return { type: 'registerController', controllerId: r.controllerId, host: r.host, port: r.port };
    default:
      throw new Error(`unknown record kind '${kind}'`);
  }
}

export function encodeMetadataRecord(record: MetadataRecord): Buffer {
  const message = MetadataRecordType.fromObject(recordToMessage(record));
  return Buffer.from(MetadataRecordType.encode(message).finish());
}

/** Decodes one record; bytes that are not a well-formed record give CORRUPT_MESSAGE. */
export function decodeMetadataRecord(bytes: Uint8Array): MetadataRecord {
  try {
    return recordFromObject(MetadataRecordType.toObject(MetadataRecordType.decode(bytes), TO_OBJECT_OPTIONS));
  } catch (err) {
    throw new RunnelError('CORRUPT_MESSAGE', `undecodable metadata record: ${(err as Error).message}`, { cause: err });
  }
}
