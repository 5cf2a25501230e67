// Original file: proto/runnel/v1/broker.proto

import type { TopicProduceResponse as _runnel_v1_TopicProduceResponse, TopicProduceResponse__Output as _runnel_v1_TopicProduceResponse__Output } from '../../runnel/v1/TopicProduceResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface ProduceResponse {
  'correlationId'?: (number | string | Long);
  'topics'?: (_runnel_v1_TopicProduceResponse)[];
  'throttleTimeMs'?: (number);
}

export interface ProduceResponse__Output {
  'correlationId': (number);
  'topics': (_runnel_v1_TopicProduceResponse__Output)[];
  'throttleTimeMs': (number);
}
