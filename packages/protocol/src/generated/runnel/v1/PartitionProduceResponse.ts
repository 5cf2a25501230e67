// Original file: proto/runnel/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface PartitionProduceResponse {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'baseOffset'?: (number | string | Long);
  'logAppendTimeMs'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  'currentLeaderId'?: (number);
  'currentLeaderEpoch'?: (number);
}

export interface PartitionProduceResponse__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'baseOffset': (number);
  'logAppendTimeMs': (number);
  'logStartOffset': (number);
  'currentLeaderId': (number);
  'currentLeaderEpoch': (number);
}
