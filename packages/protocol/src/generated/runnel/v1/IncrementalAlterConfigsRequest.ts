// Original file: proto/runnel/v1/admin.proto

import type { AlterConfigsResource as _runnel_v1_AlterConfigsResource, AlterConfigsResource__Output as _runnel_v1_AlterConfigsResource__Output } from '../../runnel/v1/AlterConfigsResource.js';

export interface IncrementalAlterConfigsRequest {
  'resources'?: (_runnel_v1_AlterConfigsResource)[];
  'validateOnly'?: (boolean);
}

export interface IncrementalAlterConfigsRequest__Output {
  'resources': (_runnel_v1_AlterConfigsResource__Output)[];
  'validateOnly': (boolean);
}
