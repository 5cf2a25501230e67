// Original file: proto/runnel/v1/admin.proto

import type { ElectionResult as _runnel_v1_ElectionResult, ElectionResult__Output as _runnel_v1_ElectionResult__Output } from '../../runnel/v1/ElectionResult.js';

export interface AlterPartitionReassignmentsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'results'?: (_runnel_v1_ElectionResult)[];
}

export interface AlterPartitionReassignmentsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'results': (_runnel_v1_ElectionResult__Output)[];
}
