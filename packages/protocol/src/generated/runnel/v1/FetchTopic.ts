// Original file: proto/runnel/v1/broker.proto

import type { FetchPartition as _runnel_v1_FetchPartition, FetchPartition__Output as _runnel_v1_FetchPartition__Output } from '../../runnel/v1/FetchPartition.js';

export interface FetchTopic {
  'name'?: (string);
  'partitions'?: (_runnel_v1_FetchPartition)[];
}

export interface FetchTopic__Output {
  'name': (string);
  'partitions': (_runnel_v1_FetchPartition__Output)[];
}
