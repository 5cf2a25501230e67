// Original file: proto/runnel/v1/replication.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchPartition {
  'topic'?: (string);
  'partition'?: (number);
  'currentLeaderEpoch'?: (number);
  'fetchOffset'?: (number | string | Long);
  'lastFetchedEpoch'?: (number);
  'logStartOffset'?: (number | string | Long);
  'partitionMaxBytes'?: (number);
}

export interface ReplicaFetchPartition__Output {
  'topic': (string);
  'partition': (number);
  'currentLeaderEpoch': (number);
  'fetchOffset': (number);
  'lastFetchedEpoch': (number);
  'logStartOffset': (number);
  'partitionMaxBytes': (number);
}
