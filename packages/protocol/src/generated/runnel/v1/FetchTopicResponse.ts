// Original file: proto/runnel/v1/broker.proto

import type { FetchPartitionResponse as _runnel_v1_FetchPartitionResponse, FetchPartitionResponse__Output as _runnel_v1_FetchPartitionResponse__Output } from '../../runnel/v1/FetchPartitionResponse.js';

export interface FetchTopicResponse {
  'name'?: (string);
  'partitions'?: (_runnel_v1_FetchPartitionResponse)[];
}

export interface FetchTopicResponse__Output {
  'name': (string);
  'partitions': (_runnel_v1_FetchPartitionResponse__Output)[];
}
