// Original file: proto/runnel/v1/admin.proto

import type { ReplicaState as _runnel_v1_ReplicaState, ReplicaState__Output as _runnel_v1_ReplicaState__Output } from '../../runnel/v1/ReplicaState.js';
import type { Long } from '@grpc/proto-loader';

export interface DescribeQuorumResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'leaderId'?: (number);
  'leaderEpoch'?: (number | string | Long);
  'highWatermark'?: (number | string | Long);
  'voters'?: (_runnel_v1_ReplicaState)[];
  'observers'?: (_runnel_v1_ReplicaState)[];
}

export interface DescribeQuorumResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'leaderId': (number);
  'leaderEpoch': (number);
  'highWatermark': (number);
  'voters': (_runnel_v1_ReplicaState__Output)[];
  'observers': (_runnel_v1_ReplicaState__Output)[];
}
