// Original file: proto/runnel/v1/admin.proto

export const AlterConfigOp = {
  ALTER_CONFIG_SET: 'ALTER_CONFIG_SET',
  ALTER_CONFIG_DELETE: 'ALTER_CONFIG_DELETE',
  ALTER_CONFIG_APPEND: 'ALTER_CONFIG_APPEND',
  ALTER_CONFIG_SUBTRACT: 'ALTER_CONFIG_SUBTRACT',
} as const;

export type AlterConfigOp =
  | 'ALTER_CONFIG_SET'
  | 0
  | 'ALTER_CONFIG_DELETE'
  | 1
  | 'ALTER_CONFIG_APPEND'
  | 2
  | 'ALTER_CONFIG_SUBTRACT'
  | 3

export type AlterConfigOp__Output = typeof AlterConfigOp[keyof typeof AlterConfigOp]
