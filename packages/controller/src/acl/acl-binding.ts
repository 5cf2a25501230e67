import { isIP } from 'node:net';
import { RunnelError, checkPrincipal, type AclBinding, type AclOperation, type AclPatternType, type AclPermission, type AclResourceType } from '@runnel/protocol';

/**
 * Kafka's access control model over the vocabulary of @runnel/protocol: which bindings are valid,
 * which resources a pattern names, which bindings a filter matches, and Kafka's numbers for the
 * metadata records.
 */
export type { AclBinding, AclOperation, AclPatternType, AclPermission, AclResourceType };

/** Matches bindings: null and ANY match every value; MATCH matches the patterns that apply to resourceName. */
export interface AclBindingFilter {
  readonly resourceType: AclResourceType | 'ANY';
  readonly resourceName: string | null;
  readonly patternType: AclPatternType | 'ANY' | 'MATCH';
  readonly principal: string | null;
  readonly host: string | null;
  readonly operation: AclOperation | 'ANY';
  readonly permission: AclPermission | 'ANY';
}

/** The one cluster resource's name, as in Kafka. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';
/** The literal resource name, principal name and host that match everything. */
export const WILDCARD = '*';

export const RESOURCE_TYPE_CODES: Readonly<Record<AclResourceType | 'ANY', number>> = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5 };
export const PATTERN_TYPE_CODES: Readonly<Record<AclPatternType | 'ANY' | 'MATCH', number>> = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 };
export const OPERATION_CODES: Readonly<Record<AclOperation | 'ANY', number>> = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
};
export const PERMISSION_CODES: Readonly<Record<AclPermission | 'ANY', number>> = { ANY: 1, DENY: 2, ALLOW: 3 };

/** The name whose code is `code` in `codes`, or undefined. */
export function nameOfCode<K extends string>(codes: Readonly<Record<K, number>>, code: number): K | undefined {
  return (Object.keys(codes) as K[]).find((k) => codes[k] === code);
}

/** The operations that make sense on each resource type (Kafka's, with ALL everywhere). */
export const OPERATIONS_BY_RESOURCE: Readonly<Record<AclResourceType, readonly AclOperation[]>> = {
  TOPIC: ['ALL', 'READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['ALL', 'READ', 'DELETE', 'DESCRIBE'],
  CLUSTER: ['ALL', 'CREATE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE'],
  TRANSACTIONAL_ID: ['ALL', 'WRITE', 'DESCRIBE'],
};

/** A binding that can be stored, or INVALID_REQUEST saying what to fix. */
export function validateAclBinding(b: AclBinding): void {
  const where = `ACL for ${b.principal} on ${b.resourceType} '${b.resourceName}'`;
  if (b.resourceName === '') throw new RunnelError('INVALID_REQUEST', `${where}: the resource name must not be empty`);
  if (b.resourceType === 'CLUSTER' && (b.resourceName !== CLUSTER_RESOURCE_NAME || b.patternType !== 'LITERAL')) {
    throw new RunnelError('INVALID_REQUEST', `${where}: the cluster resource is the literal name '${CLUSTER_RESOURCE_NAME}'`);
  }
  if (b.patternType === 'PREFIXED' && b.resourceName === WILDCARD) {
    throw new RunnelError('INVALID_REQUEST', `${where}: a prefixed pattern '*' is not a wildcard; use the literal name '*' for every ${b.resourceType.toLowerCase()}`);
  }
  checkPrincipal(b.principal);
  if (b.host !== WILDCARD && isIP(b.host) === 0) throw new RunnelError('INVALID_REQUEST', `${where}: host '${b.host}' is not an IP address or '*'`);
  if (!OPERATIONS_BY_RESOURCE[b.resourceType].includes(b.operation)) {
    throw new RunnelError('INVALID_REQUEST', `${where}: operation ${b.operation} does not apply to a ${b.resourceType}; use one of ${OPERATIONS_BY_RESOURCE[b.resourceType].join(', ')}`);
  }
}

/** Whether the pattern (type, name) names the resource `name`. */
function patternMatches(patternType: AclPatternType, pattern: string, name: string): boolean {
  return patternType === 'LITERAL' ? pattern === name || pattern === WILDCARD : name.startsWith(pattern);
}

export function filterMatches(f: AclBindingFilter, b: AclBinding): boolean {
  if (f.resourceType !== 'ANY' && f.resourceType !== b.resourceType) return false;
  if (f.patternType === 'MATCH') {
    if (f.resourceName !== null && !patternMatches(b.patternType, b.resourceName, f.resourceName)) return false;
  } else {
    if (f.patternType !== 'ANY' && f.patternType !== b.patternType) return false;
    if (f.resourceName !== null && f.resourceName !== b.resourceName) return false;
  }
  return (
    (f.principal === null || f.principal === b.principal) &&
    (f.host === null || f.host === b.host) &&
    (f.operation === 'ANY' || f.operation === b.operation) &&
    (f.permission === 'ANY' || f.permission === b.permission)
  );
}
