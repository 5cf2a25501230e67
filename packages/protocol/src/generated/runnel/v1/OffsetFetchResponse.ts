// Original file: proto/runnel/v1/groups.proto

import type { OffsetFetchTopicResponse as _runnel_v1_OffsetFetchTopicResponse, OffsetFetchTopicResponse__Output as _runnel_v1_OffsetFetchTopicResponse__Output } from '../../runnel/v1/OffsetFetchTopicResponse.js';

export interface OffsetFetchResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_runnel_v1_OffsetFetchTopicResponse)[];
}

export interface OffsetFetchResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_runnel_v1_OffsetFetchTopicResponse__Output)[];
}
