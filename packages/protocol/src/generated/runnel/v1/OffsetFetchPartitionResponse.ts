// Original file: proto/runnel/v1/groups.proto

import type { Long } from '@grpc/proto-loader';

export interface OffsetFetchPartitionResponse {
  'partition'?: (number);
  'committedOffset'?: (number | string | Long);
  'committedLeaderEpoch'?: (number);
  'metadata'?: (string);
  'errorCode'?: (number);
}

export interface OffsetFetchPartitionResponse__Output {
  'partition': (number);
  'committedOffset': (number);
  'committedLeaderEpoch': (number);
  'metadata': (string);
  'errorCode': (number);
}
