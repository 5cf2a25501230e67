// Original file: proto/runnel/v1/broker.proto

import type { ListOffsetsPartitionResponse as _runnel_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _runnel_v1_ListOffsetsPartitionResponse__Output } from '../../runnel/v1/ListOffsetsPartitionResponse.js';

export interface ListOffsetsTopicResponse {
  'name'?: (string);
  'partitions'?: (_runnel_v1_ListOffsetsPartitionResponse)[];
}

export interface ListOffsetsTopicResponse__Output {
  'name': (string);
  'partitions': (_runnel_v1_ListOffsetsPartitionResponse__Output)[];
}
