// Original file: proto/runnel/v1/admin.proto

export const AclResourceType = {
  ACL_RESOURCE_UNKNOWN: 'ACL_RESOURCE_UNKNOWN',
  ACL_RESOURCE_ANY: 'ACL_RESOURCE_ANY',
  ACL_RESOURCE_TOPIC: 'ACL_RESOURCE_TOPIC',
  ACL_RESOURCE_GROUP: 'ACL_RESOURCE_GROUP',
  ACL_RESOURCE_CLUSTER: 'ACL_RESOURCE_CLUSTER',
  ACL_RESOURCE_TRANSACTIONAL_ID: 'ACL_RESOURCE_TRANSACTIONAL_ID',
} as const;

export type AclResourceType =
  | 'ACL_RESOURCE_UNKNOWN'
  | 0
  | 'ACL_RESOURCE_ANY'
  | 1
  | 'ACL_RESOURCE_TOPIC'
  | 2
  | 'ACL_RESOURCE_GROUP'
  | 3
  | 'ACL_RESOURCE_CLUSTER'
  | 4
  | 'ACL_RESOURCE_TRANSACTIONAL_ID'
  | 5

export type AclResourceType__Output = typeof AclResourceType[keyof typeof AclResourceType]
