// Original file: proto/runnel/v1/broker.proto

import type { FetchTopic as _runnel_v1_FetchTopic, FetchTopic__Output as _runnel_v1_FetchTopic__Output } from '../../runnel/v1/FetchTopic.js';
import type { Long } from '@grpc/proto-loader';

export interface FetchRequest {
  'correlationId'?: (number | string | Long);
  'maxWaitMs'?: (number);
  'minBytes'?: (number);
  'maxBytes'?: (number);
  'isolationLevel'?: (number);
  'topics'?: (_runnel_v1_FetchTopic)[];
  'cancelCorrelationId'?: (number | string | Long);
}

export interface FetchRequest__Output {
  'correlationId': (number);
  'maxWaitMs': (number);
  'minBytes': (number);
  'maxBytes': (number);
  'isolationLevel': (number);
  'topics': (_runnel_v1_FetchTopic__Output)[];
  'cancelCorrelationId': (number);
}
