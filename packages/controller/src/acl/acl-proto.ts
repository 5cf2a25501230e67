import {
  ACL_ENUM_PREFIX, ACL_OPERATIONS, ACL_PATTERN_TYPES, ACL_PERMISSIONS, ACL_RESOURCE_TYPES, aclEnumName, type pb,
} from '@runnel/protocol';
import type { AclBindingFilter } from './acl-binding.js';

/** An Admin API filter as the model's: absent names match everything, as ANY does. */
export function aclFilterFromProto(f: pb.AclBindingFilter__Output): AclBindingFilter {
  return {
    resourceType: aclEnumName(f.resourceType, ACL_ENUM_PREFIX.resource, ['ANY', ...ACL_RESOURCE_TYPES], 'resource type'),
    resourceName: f.resourceName ?? null,
    patternType: aclEnumName(f.patternType, ACL_ENUM_PREFIX.pattern, ['ANY', 'MATCH', ...ACL_PATTERN_TYPES], 'pattern type'),
    principal: f.principal ?? null,
    host: f.host ?? null,
    operation: aclEnumName(f.operation, ACL_ENUM_PREFIX.operation, ['ANY', ...ACL_OPERATIONS], 'operation'),
    permission: aclEnumName(f.permissionType, ACL_ENUM_PREFIX.permission, ['ANY', ...ACL_PERMISSIONS], 'permission type'),
  };
}
