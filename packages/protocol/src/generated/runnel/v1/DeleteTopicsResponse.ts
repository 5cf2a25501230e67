// Original file: proto/runnel/v1/admin.proto

import type { TopicError as _runnel_v1_TopicError, TopicError__Output as _runnel_v1_TopicError__Output } from '../../runnel/v1/TopicError.js';

export interface DeleteTopicsResponse {
  'results'?: (_runnel_v1_TopicError)[];
}

export interface DeleteTopicsResponse__Output {
  'results': (_runnel_v1_TopicError__Output)[];
}
