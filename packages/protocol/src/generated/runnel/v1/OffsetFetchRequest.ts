// Original file: proto/runnel/v1/groups.proto

import type { OffsetFetchTopic as _runnel_v1_OffsetFetchTopic, OffsetFetchTopic__Output as _runnel_v1_OffsetFetchTopic__Output } from '../../runnel/v1/OffsetFetchTopic.js';

export interface OffsetFetchRequest {
  'groupId'?: (string);
  'topics'?: (_runnel_v1_OffsetFetchTopic)[];
  'requireStable'?: (boolean);
}

export interface OffsetFetchRequest__Output {
  'groupId': (string);
  'topics': (_runnel_v1_OffsetFetchTopic__Output)[];
  'requireStable': (boolean);
}
