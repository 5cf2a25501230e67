// Original file: proto/runnel/v1/admin.proto

import type { ConfigResourceType as _runnel_v1_ConfigResourceType, ConfigResourceType__Output as _runnel_v1_ConfigResourceType__Output } from '../../runnel/v1/ConfigResourceType.js';
import type { AlterableConfig as _runnel_v1_AlterableConfig, AlterableConfig__Output as _runnel_v1_AlterableConfig__Output } from '../../runnel/v1/AlterableConfig.js';

export interface AlterConfigsResource {
  'resourceType'?: (_runnel_v1_ConfigResourceType);
  'resourceName'?: (string);
  'configs'?: (_runnel_v1_AlterableConfig)[];
}

export interface AlterConfigsResource__Output {
  'resourceType': (_runnel_v1_ConfigResourceType__Output);
  'resourceName': (string);
  'configs': (_runnel_v1_AlterableConfig__Output)[];
}
