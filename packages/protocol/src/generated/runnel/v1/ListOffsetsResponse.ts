// Original file: proto/runnel/v1/broker.proto

import type { ListOffsetsTopicResponse as _runnel_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _runnel_v1_ListOffsetsTopicResponse__Output } from '../../runnel/v1/ListOffsetsTopicResponse.js';

export interface ListOffsetsResponse {
  'topics'?: (_runnel_v1_ListOffsetsTopicResponse)[];
}

export interface ListOffsetsResponse__Output {
  'topics': (_runnel_v1_ListOffsetsTopicResponse__Output)[];
}
