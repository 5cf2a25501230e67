// Original file: proto/runnel/v1/admin.proto

import type { ConfigResource as _runnel_v1_ConfigResource, ConfigResource__Output as _runnel_v1_ConfigResource__Output } from '../../runnel/v1/ConfigResource.js';

export interface DescribeConfigsRequest {
  'resources'?: (_runnel_v1_ConfigResource)[];
  'includeDocumentation'?: (boolean);
}

export interface DescribeConfigsRequest__Output {
  'resources': (_runnel_v1_ConfigResource__Output)[];
  'includeDocumentation': (boolean);
}
