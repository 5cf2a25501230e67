// Original file: proto/runnel/v1/groups.proto

import type { OffsetCommitTopicResponse as _runnel_v1_OffsetCommitTopicResponse, OffsetCommitTopicResponse__Output as _runnel_v1_OffsetCommitTopicResponse__Output } from '../../runnel/v1/OffsetCommitTopicResponse.js';

export interface OffsetCommitResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'topics'?: (_runnel_v1_OffsetCommitTopicResponse)[];
}

export interface OffsetCommitResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'topics': (_runnel_v1_OffsetCommitTopicResponse__Output)[];
}
