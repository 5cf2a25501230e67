// Original file: proto/runnel/v1/quorum.proto

export const EntryType = {
  ENTRY_NORMAL: 'ENTRY_NORMAL',
  ENTRY_NOOP: 'ENTRY_NOOP',
  ENTRY_CONFIG: 'ENTRY_CONFIG',
} as const;

export type EntryType =
  | 'ENTRY_NORMAL'
  | 0
  | 'ENTRY_NOOP'
  | 1
  | 'ENTRY_CONFIG'
  | 2

export type EntryType__Output = typeof EntryType[keyof typeof EntryType]
