import { ACL_ENUM_PREFIX, type AclOperation, type AclPatternType, type AclPermission, type AclResourceType, type pb } from '@runnel/protocol';

/** Which bindings to list or delete: unset fields (and ANY) match every value; MATCH finds every pattern that applies to resourceName. */
export interface AclFilter {
  resourceType?: AclResourceType | 'ANY';
  resourceName?: string;
  patternType?: AclPatternType | 'ANY' | 'MATCH';
  principal?: string;
  host?: string;
  operation?: AclOperation | 'ANY';
  permission?: AclPermission | 'ANY';
}

export function aclFilterToProto(f: AclFilter): pb.AclBindingFilter {
  return {
    resourceType: `${ACL_ENUM_PREFIX.resource}${f.resourceType ?? 'ANY'}`,
    ...(f.resourceName !== undefined ? { resourceName: f.resourceName } : {}),
    patternType: `${ACL_ENUM_PREFIX.pattern}${f.patternType ?? 'ANY'}`,
    ...(f.principal !== undefined ? { principal: f.principal } : {}),
    ...(f.host !== undefined ? { host: f.host } : {}),
    operation: `${ACL_ENUM_PREFIX.operation}${f.operation ?? 'ANY'}`,
    permissionType: `${ACL_ENUM_PREFIX.permission}${f.permission ?? 'ANY'}`,
  } as pb.AclBindingFilter;
}
