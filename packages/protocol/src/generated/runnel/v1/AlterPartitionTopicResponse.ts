// Original file: proto/runnel/v1/controller.proto

import type { AlterPartitionResult as _runnel_v1_AlterPartitionResult, AlterPartitionResult__Output as _runnel_v1_AlterPartitionResult__Output } from '../../runnel/v1/AlterPartitionResult.js';

export interface AlterPartitionTopicResponse {
  'topicId'?: (Buffer | Uint8Array | string);
  'topic'?: (string);
  'partitions'?: (_runnel_v1_AlterPartitionResult)[];
}

export interface AlterPartitionTopicResponse__Output {
  'topicId': (Buffer);
  'topic': (string);
  'partitions': (_runnel_v1_AlterPartitionResult__Output)[];
}
