// Original file: proto/runnel/v1/admin.proto

export const AclPatternType = {
  ACL_PATTERN_UNKNOWN: 'ACL_PATTERN_UNKNOWN',
  ACL_PATTERN_ANY: 'ACL_PATTERN_ANY',
  ACL_PATTERN_MATCH: 'ACL_PATTERN_MATCH',
  ACL_PATTERN_LITERAL: 'ACL_PATTERN_LITERAL',
  ACL_PATTERN_PREFIXED: 'ACL_PATTERN_PREFIXED',
} as const;

export type AclPatternType =
  | 'ACL_PATTERN_UNKNOWN'
  | 0
  | 'ACL_PATTERN_ANY'
  | 1
  | 'ACL_PATTERN_MATCH'
  | 2
  | 'ACL_PATTERN_LITERAL'
  | 3
  | 'ACL_PATTERN_PREFIXED'
  | 4

export type AclPatternType__Output = typeof AclPatternType[keyof typeof AclPatternType]
