// Original file: proto/runnel/v1/admin.proto

import type { ConfigResourceType as _runnel_v1_ConfigResourceType, ConfigResourceType__Output as _runnel_v1_ConfigResourceType__Output } from '../../runnel/v1/ConfigResourceType.js';

export interface ConfigResource {
  'resourceType'?: (_runnel_v1_ConfigResourceType);
  'resourceName'?: (string);
  'configurationKeys'?: (string)[];
}

export interface ConfigResource__Output {
  'resourceType': (_runnel_v1_ConfigResourceType__Output);
  'resourceName': (string);
  'configurationKeys': (string)[];
}
