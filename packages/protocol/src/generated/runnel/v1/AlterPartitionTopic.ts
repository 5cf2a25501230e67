// Original file: proto/runnel/v1/controller.proto

import type { AlterPartitionData as _runnel_v1_AlterPartitionData, AlterPartitionData__Output as _runnel_v1_AlterPartitionData__Output } from '../../runnel/v1/AlterPartitionData.js';

export interface AlterPartitionTopic {
  'topicId'?: (Buffer | Uint8Array | string);
  'topic'?: (string);
  'partitions'?: (_runnel_v1_AlterPartitionData)[];
}

export interface AlterPartitionTopic__Output {
  'topicId': (Buffer);
  'topic': (string);
  'partitions': (_runnel_v1_AlterPartitionData__Output)[];
}
