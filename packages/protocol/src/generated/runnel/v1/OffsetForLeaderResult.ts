// Original file: proto/runnel/v1/replication.proto

import type { Long } from '@grpc/proto-loader';

export interface OffsetForLeaderResult {
  'topic'?: (string);
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'leaderEpoch'?: (number);
  'endOffset'?: (number | string | Long);
}

export interface OffsetForLeaderResult__Output {
  'topic': (string);
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'leaderEpoch': (number);
  'endOffset': (number);
}
