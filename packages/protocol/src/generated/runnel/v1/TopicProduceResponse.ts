// Original file: proto/runnel/v1/broker.proto

import type { PartitionProduceResponse as _runnel_v1_PartitionProduceResponse, PartitionProduceResponse__Output as _runnel_v1_PartitionProduceResponse__Output } from '../../runnel/v1/PartitionProduceResponse.js';

export interface TopicProduceResponse {
  'name'?: (string);
  'partitions'?: (_runnel_v1_PartitionProduceResponse)[];
}

export interface TopicProduceResponse__Output {
  'name': (string);
  'partitions': (_runnel_v1_PartitionProduceResponse__Output)[];
}
