// Original file: proto/runnel/v1/broker.proto

import type { TopicProduceData as _runnel_v1_TopicProduceData, TopicProduceData__Output as _runnel_v1_TopicProduceData__Output } from '../../runnel/v1/TopicProduceData.js';
import type { Long } from '@grpc/proto-loader';

export interface ProduceRequest {
  'correlationId'?: (number | string | Long);
  'acks'?: (number);
  'timeoutMs'?: (number);
  'transactionalId'?: (string);
  'topics'?: (_runnel_v1_TopicProduceData)[];
}

export interface ProduceRequest__Output {
  'correlationId': (number);
  'acks': (number);
  'timeoutMs': (number);
  'transactionalId': (string);
  'topics': (_runnel_v1_TopicProduceData__Output)[];
}
