// Original file: proto/runnel/v1/admin.proto

import type { TopicPartitions as _runnel_v1_TopicPartitions, TopicPartitions__Output as _runnel_v1_TopicPartitions__Output } from '../../runnel/v1/TopicPartitions.js';

export interface ElectLeadersRequest {
  'electionType'?: (number);
  'topicPartitions'?: (_runnel_v1_TopicPartitions)[];
  'timeoutMs'?: (number);
}

export interface ElectLeadersRequest__Output {
  'electionType': (number);
  'topicPartitions': (_runnel_v1_TopicPartitions__Output)[];
  'timeoutMs': (number);
}
