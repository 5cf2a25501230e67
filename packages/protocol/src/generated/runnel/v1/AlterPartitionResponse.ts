// Original file: proto/runnel/v1/controller.proto

import type { AlterPartitionTopicResponse as _runnel_v1_AlterPartitionTopicResponse, AlterPartitionTopicResponse__Output as _runnel_v1_AlterPartitionTopicResponse__Output } from '../../runnel/v1/AlterPartitionTopicResponse.js';

export interface AlterPartitionResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_runnel_v1_AlterPartitionTopicResponse)[];
}

export interface AlterPartitionResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_runnel_v1_AlterPartitionTopicResponse__Output)[];
}
