// Original file: proto/runnel/v1/admin.proto

import type { AclResourceType as _runnel_v1_AclResourceType, AclResourceType__Output as _runnel_v1_AclResourceType__Output } from '../../runnel/v1/AclResourceType.js';
import type { AclPatternType as _runnel_v1_AclPatternType, AclPatternType__Output as _runnel_v1_AclPatternType__Output } from '../../runnel/v1/AclPatternType.js';
import type { AclOperation as _runnel_v1_AclOperation, AclOperation__Output as _runnel_v1_AclOperation__Output } from '../../runnel/v1/AclOperation.js';
import type { AclPermissionType as _runnel_v1_AclPermissionType, AclPermissionType__Output as _runnel_v1_AclPermissionType__Output } from '../../runnel/v1/AclPermissionType.js';

export interface AclBinding {
  'resourceType'?: (_runnel_v1_AclResourceType);
  'resourceName'?: (string);
  'patternType'?: (_runnel_v1_AclPatternType);
  'principal'?: (string);
  'host'?: (string);
  'operation'?: (_runnel_v1_AclOperation);
  'permissionType'?: (_runnel_v1_AclPermissionType);
}

export interface AclBinding__Output {
  'resourceType': (_runnel_v1_AclResourceType__Output);
  'resourceName': (string);
  'patternType': (_runnel_v1_AclPatternType__Output);
  'principal': (string);
  'host': (string);
  'operation': (_runnel_v1_AclOperation__Output);
  'permissionType': (_runnel_v1_AclPermissionType__Output);
}
