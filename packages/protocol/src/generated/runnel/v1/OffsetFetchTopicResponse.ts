// Original file: proto/runnel/v1/groups.proto

import type { OffsetFetchPartitionResponse as _runnel_v1_OffsetFetchPartitionResponse, OffsetFetchPartitionResponse__Output as _runnel_v1_OffsetFetchPartitionResponse__Output } from '../../runnel/v1/OffsetFetchPartitionResponse.js';

export interface OffsetFetchTopicResponse {
  'name'?: (string);
  'partitions'?: (_runnel_v1_OffsetFetchPartitionResponse)[];
}

export interface OffsetFetchTopicResponse__Output {
  'name': (string);
  'partitions': (_runnel_v1_OffsetFetchPartitionResponse__Output)[];
}
