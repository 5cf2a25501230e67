// Original file: proto/runnel/v1/groups.proto

import type { PartitionError as _runnel_v1_PartitionError, PartitionError__Output as _runnel_v1_PartitionError__Output } from '../../runnel/v1/PartitionError.js';

export interface OffsetCommitTopicResponse {
  'name'?: (string);
  'partitions'?: (_runnel_v1_PartitionError)[];
}

export interface OffsetCommitTopicResponse__Output {
  'name': (string);
  'partitions': (_runnel_v1_PartitionError__Output)[];
}
