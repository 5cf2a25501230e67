import { RunnelError } from '../errors.js';
import type { AclBinding as AclBindingMessage, AclBinding__Output } from '../generated/runnel/v1/AclBinding.js';

/**
 * Kafka's ACL vocabulary, shared by the Admin API's clients and servers: a binding allows or
 * denies one principal, from one host, one operation on the resources a pattern names.
 */
export const ACL_RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID'] as const;
export const ACL_PATTERN_TYPES = ['LITERAL', 'PREFIXED'] as const;
export const ACL_OPERATIONS = [
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
] as const;
export const ACL_PERMISSIONS = ['ALLOW', 'DENY'] as const;

export type AclResourceType = (typeof ACL_RESOURCE_TYPES)[number];
export type AclPatternType = (typeof ACL_PATTERN_TYPES)[number];
export type AclOperation = (typeof ACL_OPERATIONS)[number];
export type AclPermission = (typeof ACL_PERMISSIONS)[number];

export interface AclBinding {
  readonly resourceType: AclResourceType;
  /** A name, `*` for every resource of the type, or (PREFIXED) a name prefix; the cluster is `kafka-cluster`. */
  readonly resourceName: string;
  readonly patternType: AclPatternType;
  /** `User:alice`, or `User:*` for every principal of the type. */
  readonly principal: string;
  /** An IP address, or `*` for any. */
  readonly host: string;
  readonly operation: AclOperation;
  readonly permission: AclPermission;
}

/** The Admin API's enum value names are these prefixes plus the vocabulary's names (ACL_RESOURCE_TOPIC). */
export const ACL_ENUM_PREFIX = { resource: 'ACL_RESOURCE_', pattern: 'ACL_PATTERN_', operation: 'ACL_OPERATION_', permission: 'ACL_PERMISSION_' } as const;

/** The vocabulary name of an Admin API enum value, one of `allowed`; INVALID_REQUEST naming `what` otherwise. */
export function aclEnumName<T extends string>(value: string, prefix: string, allowed: readonly T[], what: string): T {
  const name = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  if (!(allowed as readonly string[]).includes(name)) throw new RunnelError('INVALID_REQUEST', `${what} ${name} is not one of ${allowed.join(', ')}`);
  return name as T;
}

export function aclBindingToProto(b: AclBinding): AclBindingMessage {
  return {
    resourceType: `${ACL_ENUM_PREFIX.resource}${b.resourceType}`,
    resourceName: b.resourceName,
    patternType: `${ACL_ENUM_PREFIX.pattern}${b.patternType}`,
    principal: b.principal,
    host: b.host,
    operation: `${ACL_ENUM_PREFIX.operation}${b.operation}`,
    permissionType: `${ACL_ENUM_PREFIX.permission}${b.permission}`,
  } as AclBindingMessage;
}

export function aclBindingFromProto(b: AclBinding__Output): AclBinding {
  return {
    resourceType: aclEnumName(b.resourceType, ACL_ENUM_PREFIX.resource, ACL_RESOURCE_TYPES, 'resource type'),
    resourceName: b.resourceName,
    patternType: aclEnumName(b.patternType, ACL_ENUM_PREFIX.pattern, ACL_PATTERN_TYPES, 'pattern type'),
    principal: b.principal,
    host: b.host,
    operation: aclEnumName(b.operation, ACL_ENUM_PREFIX.operation, ACL_OPERATIONS, 'operation'),
    permission: aclEnumName(b.permissionType, ACL_ENUM_PREFIX.permission, ACL_PERMISSIONS, 'permission type'),
  };
}

/** `ALLOW User:alice READ on TOPIC orders (LITERAL) from *`: how logs and errors name a binding. */
export function describeAclBinding(b: AclBinding): string {
  return `${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${b.resourceName} (${b.patternType}) from ${b.host}`;
}
