// Original file: proto/runnel/v1/replication.proto

import type { OffsetForLeaderPartition as _runnel_v1_OffsetForLeaderPartition, OffsetForLeaderPartition__Output as _runnel_v1_OffsetForLeaderPartition__Output } from '../../runnel/v1/OffsetForLeaderPartition.js';

export interface OffsetsForLeaderEpochRequest {
  'replicaId'?: (number);
  'partitions'?: (_runnel_v1_OffsetForLeaderPartition)[];
}

export interface OffsetsForLeaderEpochRequest__Output {
  'replicaId': (number);
  'partitions': (_runnel_v1_OffsetForLeaderPartition__Output)[];
}
