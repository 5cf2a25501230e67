// Original file: proto/runnel/v1/broker.proto

import type { PartitionProduceData as _runnel_v1_PartitionProduceData, PartitionProduceData__Output as _runnel_v1_PartitionProduceData__Output } from '../../runnel/v1/PartitionProduceData.js';

export interface TopicProduceData {
  'name'?: (string);
  'partitions'?: (_runnel_v1_PartitionProduceData)[];
}

export interface TopicProduceData__Output {
  'name': (string);
  'partitions': (_runnel_v1_PartitionProduceData__Output)[];
}
