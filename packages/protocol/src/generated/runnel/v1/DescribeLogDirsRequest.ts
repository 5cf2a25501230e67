// Original file: proto/runnel/v1/admin.proto

import type { TopicPartitions as _runnel_v1_TopicPartitions, TopicPartitions__Output as _runnel_v1_TopicPartitions__Output } from '../../runnel/v1/TopicPartitions.js';

export interface DescribeLogDirsRequest {
  'topics'?: (_runnel_v1_TopicPartitions)[];
}

export interface DescribeLogDirsRequest__Output {
  'topics': (_runnel_v1_TopicPartitions__Output)[];
}
