// Original file: proto/runnel/v1/broker.proto

import type { ListOffsetsTopic as _runnel_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _runnel_v1_ListOffsetsTopic__Output } from '../../runnel/v1/ListOffsetsTopic.js';

export interface ListOffsetsRequest {
  'isolationLevel'?: (number);
  'topics'?: (_runnel_v1_ListOffsetsTopic)[];
}

export interface ListOffsetsRequest__Output {
  'isolationLevel': (number);
  'topics': (_runnel_v1_ListOffsetsTopic__Output)[];
}
