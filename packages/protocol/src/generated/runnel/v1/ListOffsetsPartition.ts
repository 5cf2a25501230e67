// Original file: proto/runnel/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface ListOffsetsPartition {
  'partition'?: (number);
  'timestamp'?: (number | string | Long);
  'currentLeaderEpoch'?: (number);
}

export interface ListOffsetsPartition__Output {
  'partition': (number);
  'timestamp': (number);
  'currentLeaderEpoch': (number);
}
