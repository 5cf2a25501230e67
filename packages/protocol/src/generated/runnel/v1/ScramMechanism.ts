// Original file: proto/runnel/v1/admin.proto

export const ScramMechanism = {
  SCRAM_MECHANISM_UNKNOWN: 'SCRAM_MECHANISM_UNKNOWN',
  SCRAM_SHA_256: 'SCRAM_SHA_256',
  SCRAM_SHA_512: 'SCRAM_SHA_512',
} as const;

export type ScramMechanism =
  | 'SCRAM_MECHANISM_UNKNOWN'
  | 0
  | 'SCRAM_SHA_256'
  | 1
  | 'SCRAM_SHA_512'
  | 2

export type ScramMechanism__Output = typeof ScramMechanism[keyof typeof ScramMechanism]
