// Original file: proto/runnel/v1/replication.proto

import type { EpochEndOffset as _runnel_v1_EpochEndOffset, EpochEndOffset__Output as _runnel_v1_EpochEndOffset__Output } from '../../runnel/v1/EpochEndOffset.js';
import type { Long } from '@grpc/proto-loader';

export interface ReplicaFetchPartitionResponse {
  'topic'?: (string);
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'highWatermark'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  'divergingEpoch'?: (_runnel_v1_EpochEndOffset | null);
  'records'?: (Buffer | Uint8Array | string);
}

export interface ReplicaFetchPartitionResponse__Output {
  'topic': (string);
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'highWatermark': (number);
  'logStartOffset': (number);
  'divergingEpoch': (_runnel_v1_EpochEndOffset__Output | null);
  'records': (Buffer);
}
