// Original file: proto/runnel/v1/admin.proto

import type { CreatableTopicResult as _runnel_v1_CreatableTopicResult, CreatableTopicResult__Output as _runnel_v1_CreatableTopicResult__Output } from '../../runnel/v1/CreatableTopicResult.js';

export interface CreateTopicsResponse {
  'topics'?: (_runnel_v1_CreatableTopicResult)[];
}

export interface CreateTopicsResponse__Output {
  'topics': (_runnel_v1_CreatableTopicResult__Output)[];
}
