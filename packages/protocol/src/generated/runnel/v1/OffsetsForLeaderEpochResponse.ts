// Original file: proto/runnel/v1/replication.proto

import type { OffsetForLeaderResult as _runnel_v1_OffsetForLeaderResult, OffsetForLeaderResult__Output as _runnel_v1_OffsetForLeaderResult__Output } from '../../runnel/v1/OffsetForLeaderResult.js';

export interface OffsetsForLeaderEpochResponse {
  'partitions'?: (_runnel_v1_OffsetForLeaderResult)[];
}

export interface OffsetsForLeaderEpochResponse__Output {
  'partitions': (_runnel_v1_OffsetForLeaderResult__Output)[];
}
