// Original file: proto/runnel/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface ListOffsetsPartitionResponse {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'timestamp'?: (number | string | Long);
  'offset'?: (number | string | Long);
  'leaderEpoch'?: (number);
}

export interface ListOffsetsPartitionResponse__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'timestamp': (number);
  'offset': (number);
  'leaderEpoch': (number);
}
