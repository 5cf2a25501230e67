// Original file: proto/runnel/v1/broker.proto

import type { FetchTopicResponse as _runnel_v1_FetchTopicResponse, FetchTopicResponse__Output as _runnel_v1_FetchTopicResponse__Output } from '../../runnel/v1/FetchTopicResponse.js';
import type { Long } from '@grpc/proto-loader';

export interface FetchResponse {
  'correlationId'?: (number | string | Long);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_runnel_v1_FetchTopicResponse)[];
  'throttleTimeMs'?: (number);
}

export interface FetchResponse__Output {
  'correlationId': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_runnel_v1_FetchTopicResponse__Output)[];
  'throttleTimeMs': (number);
}
