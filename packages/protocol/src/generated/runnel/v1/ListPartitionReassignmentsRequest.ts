// Original file: proto/runnel/v1/admin.proto

import type { TopicPartitions as _runnel_v1_TopicPartitions, TopicPartitions__Output as _runnel_v1_TopicPartitions__Output } from '../../runnel/v1/TopicPartitions.js';

export interface ListPartitionReassignmentsRequest {
  'topicPartitions'?: (_runnel_v1_TopicPartitions)[];
}

export interface ListPartitionReassignmentsRequest__Output {
  'topicPartitions': (_runnel_v1_TopicPartitions__Output)[];
}
