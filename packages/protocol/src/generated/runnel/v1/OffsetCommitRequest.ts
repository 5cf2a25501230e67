// Original file: proto/runnel/v1/groups.proto

import type { OffsetCommitTopic as _runnel_v1_OffsetCommitTopic, OffsetCommitTopic__Output as _runnel_v1_OffsetCommitTopic__Output } from '../../runnel/v1/OffsetCommitTopic.js';

export interface OffsetCommitRequest {
  'groupId'?: (string);
  'generationId'?: (number);
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'topics'?: (_runnel_v1_OffsetCommitTopic)[];
}

export interface OffsetCommitRequest__Output {
  'groupId': (string);
  'generationId': (number);
  'memberId': (string);
  'groupInstanceId': (string);
  'topics': (_runnel_v1_OffsetCommitTopic__Output)[];
}
