// Original file: proto/runnel/v1/broker.proto

import type { PartitionMetadata as _runnel_v1_PartitionMetadata, PartitionMetadata__Output as _runnel_v1_PartitionMetadata__Output } from '../../runnel/v1/PartitionMetadata.js';

export interface TopicMetadata {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'name'?: (string);
  'topicId'?: (Buffer | Uint8Array | string);
  'isInternal'?: (boolean);
  'partitions'?: (_runnel_v1_PartitionMetadata)[];
}

export interface TopicMetadata__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'name': (string);
  'topicId': (Buffer);
  'isInternal': (boolean);
  'partitions': (_runnel_v1_PartitionMetadata__Output)[];
}
