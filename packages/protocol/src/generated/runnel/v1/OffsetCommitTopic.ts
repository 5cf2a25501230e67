// Original file: proto/runnel/v1/groups.proto

import type { OffsetCommitPartition as _runnel_v1_OffsetCommitPartition, OffsetCommitPartition__Output as _runnel_v1_OffsetCommitPartition__Output } from '../../runnel/v1/OffsetCommitPartition.js';

export interface OffsetCommitTopic {
  'name'?: (string);
  'partitions'?: (_runnel_v1_OffsetCommitPartition)[];
}

export interface OffsetCommitTopic__Output {
  'name': (string);
  'partitions': (_runnel_v1_OffsetCommitPartition__Output)[];
}
