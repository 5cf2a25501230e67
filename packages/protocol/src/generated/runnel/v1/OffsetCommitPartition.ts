// Original file: proto/runnel/v1/groups.proto

import type { Long } from '@grpc/proto-loader';

export interface OffsetCommitPartition {
  'partition'?: (number);
  'committedOffset'?: (number | string | Long);
  'committedLeaderEpoch'?: (number);
  'committedMetadata'?: (string);
}

export interface OffsetCommitPartition__Output {
  'partition': (number);
  'committedOffset': (number);
  'committedLeaderEpoch': (number);
  'committedMetadata': (string);
}
