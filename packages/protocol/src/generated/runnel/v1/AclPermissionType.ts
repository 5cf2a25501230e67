// Original file: proto/runnel/v1/admin.proto

export const AclPermissionType = {
  ACL_PERMISSION_UNKNOWN: 'ACL_PERMISSION_UNKNOWN',
  ACL_PERMISSION_ANY: 'ACL_PERMISSION_ANY',
  ACL_PERMISSION_DENY: 'ACL_PERMISSION_DENY',
  ACL_PERMISSION_ALLOW: 'ACL_PERMISSION_ALLOW',
} as const;

export type AclPermissionType =
  | 'ACL_PERMISSION_UNKNOWN'
  | 0
  | 'ACL_PERMISSION_ANY'
  | 1
  | 'ACL_PERMISSION_DENY'
  | 2
  | 'ACL_PERMISSION_ALLOW'
  | 3

export type AclPermissionType__Output = typeof AclPermissionType[keyof typeof AclPermissionType]
