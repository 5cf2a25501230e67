// Original file: proto/runnel/v1/admin.proto

export const ConfigResourceType = {
  CONFIG_RESOURCE_UNKNOWN: 'CONFIG_RESOURCE_UNKNOWN',
  CONFIG_RESOURCE_TOPIC: 'CONFIG_RESOURCE_TOPIC',
  CONFIG_RESOURCE_BROKER: 'CONFIG_RESOURCE_BROKER',
} as const;

export type ConfigResourceType =
  | 'CONFIG_RESOURCE_UNKNOWN'
  | 0
  | 'CONFIG_RESOURCE_TOPIC'
  | 2
  | 'CONFIG_RESOURCE_BROKER'
  | 4

export type ConfigResourceType__Output = typeof ConfigResourceType[keyof typeof ConfigResourceType]
