// Original file: proto/runnel/v1/admin.proto

import type { ConfigResourceType as _runnel_v1_ConfigResourceType, ConfigResourceType__Output as _runnel_v1_ConfigResourceType__Output } from '../../runnel/v1/ConfigResourceType.js';
import type { DescribedConfig as _runnel_v1_DescribedConfig, DescribedConfig__Output as _runnel_v1_DescribedConfig__Output } from '../../runnel/v1/DescribedConfig.js';

export interface DescribeConfigsResult {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'resourceType'?: (_runnel_v1_ConfigResourceType);
  'resourceName'?: (string);
  'configs'?: (_runnel_v1_DescribedConfig)[];
}

export interface DescribeConfigsResult__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'resourceType': (_runnel_v1_ConfigResourceType__Output);
  'resourceName': (string);
  'configs': (_runnel_v1_DescribedConfig__Output)[];
}
