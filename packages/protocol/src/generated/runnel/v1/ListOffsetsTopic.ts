// Original file: proto/runnel/v1/broker.proto

import type { ListOffsetsPartition as _runnel_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _runnel_v1_ListOffsetsPartition__Output } from '../../runnel/v1/ListOffsetsPartition.js';

export interface ListOffsetsTopic {
  'name'?: (string);
  'partitions'?: (_runnel_v1_ListOffsetsPartition)[];
}

export interface ListOffsetsTopic__Output {
  'name': (string);
  'partitions': (_runnel_v1_ListOffsetsPartition__Output)[];
}
