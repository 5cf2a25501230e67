// Original file: proto/runnel/v1/replication.proto

import type { ReplicaFetchPartitionResponse as _runnel_v1_ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output as _runnel_v1_ReplicaFetchPartitionResponse__Output } from '../../runnel/v1/ReplicaFetchPartitionResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchResponse {
  'correlationId'?: (number | string | Long);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'partitions'?: (_runnel_v1_ReplicaFetchPartitionResponse)[];
}

export interface ReplicaFetchResponse__Output {
  'correlationId': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'partitions': (_runnel_v1_ReplicaFetchPartitionResponse__Output)[];
}
