// Original file: proto/runnel/v1/controller.proto

import type { AlterPartitionTopic as _runnel_v1_AlterPartitionTopic, AlterPartitionTopic__Output as _runnel_v1_AlterPartitionTopic__Output } from '../../runnel/v1/AlterPartitionTopic.js';
import type { Long } from '@grpc/proto-loader';

export interface AlterPartitionRequest {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'topics'?: (_runnel_v1_AlterPartitionTopic)[];
}

export interface AlterPartitionRequest__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
  'topics': (_runnel_v1_AlterPartitionTopic__Output)[];
}
