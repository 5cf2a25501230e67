// Original file: proto/runnel/v1/admin.proto

import type { OngoingReassignment as _runnel_v1_OngoingReassignment, OngoingReassignment__Output as _runnel_v1_OngoingReassignment__Output } from '../../runnel/v1/OngoingReassignment.js';

export interface ListPartitionReassignmentsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'reassignments'?: (_runnel_v1_OngoingReassignment)[];
}

export interface ListPartitionReassignmentsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'reassignments': (_runnel_v1_OngoingReassignment__Output)[];
}
