// Original file: proto/runnel/v1/admin.proto

import type { ConfigResourceType as _runnel_v1_ConfigResourceType, ConfigResourceType__Output as _runnel_v1_ConfigResourceType__Output } from '../../runnel/v1/ConfigResourceType.js';

export interface AlterConfigsResult {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'resourceType'?: (_runnel_v1_ConfigResourceType);
  'resourceName'?: (string);
}

export interface AlterConfigsResult__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'resourceType': (_runnel_v1_ConfigResourceType__Output);
  'resourceName': (string);
}
