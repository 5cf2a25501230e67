// Original file: proto/runnel/v1/admin.proto

import type { AlterConfigsResult as _runnel_v1_AlterConfigsResult, AlterConfigsResult__Output as _runnel_v1_AlterConfigsResult__Output } from '../../runnel/v1/AlterConfigsResult.js';

export interface IncrementalAlterConfigsResponse {
  'results'?: (_runnel_v1_AlterConfigsResult)[];
}

export interface IncrementalAlterConfigsResponse__Output {
  'results': (_runnel_v1_AlterConfigsResult__Output)[];
}
