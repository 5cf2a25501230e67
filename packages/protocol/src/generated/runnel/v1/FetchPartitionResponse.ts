// Original file: proto/runnel/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface FetchPartitionResponse {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'highWatermark'?: (number | string | Long);
  'lastStableOffset'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  'records'?: (Buffer | Uint8Array | string);
  'currentLeaderId'?: (number);
  'currentLeaderEpoch'?: (number);
}

export interface FetchPartitionResponse__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'highWatermark': (number);
  'lastStableOffset': (number);
  'logStartOffset': (number);
  'records': (Buffer);
  'currentLeaderId': (number);
  'currentLeaderEpoch': (number);
}
