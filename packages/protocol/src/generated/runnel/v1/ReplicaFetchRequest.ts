// Original file: proto/runnel/v1/replication.proto

import type { ReplicaFetchPartition as _runnel_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _runnel_v1_ReplicaFetchPartition__Output } from '../../runnel/v1/ReplicaFetchPartition.js';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchRequest {
  'correlationId'?: (number | string | Long);
  'replicaId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'maxWaitMs'?: (number);
  'minBytes'?: (number);
  'maxBytes'?: (number);
  'partitions'?: (_runnel_v1_ReplicaFetchPartition)[];
}

export interface ReplicaFetchRequest__Output {
  'correlationId': (number);
  'replicaId': (number);
  'brokerEpoch': (number);
  'maxWaitMs': (number);
  'minBytes': (number);
  'maxBytes': (number);
  'partitions': (_runnel_v1_ReplicaFetchPartition__Output)[];
}
