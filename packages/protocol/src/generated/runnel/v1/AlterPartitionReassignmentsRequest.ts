// Original file: proto/runnel/v1/admin.proto

import type { ReassignablePartition as _runnel_v1_ReassignablePartition, ReassignablePartition__Output as _runnel_v1_ReassignablePartition__Output } from '../../runnel/v1/ReassignablePartition.js';
import type { Long } from '@grpc/proto-loader';

export interface AlterPartitionReassignmentsRequest {
  'partitions'?: (_runnel_v1_ReassignablePartition)[];
  'timeoutMs'?: (number);
  'throttleBytesPerSec'?: (number | string | Long);
}

export interface AlterPartitionReassignmentsRequest__Output {
  'partitions': (_runnel_v1_ReassignablePartition__Output)[];
  'timeoutMs': (number);
  'throttleBytesPerSec': (number);
}
