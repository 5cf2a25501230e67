// Original file: proto/runnel/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ReplicaState {
  'replicaId'?: (number);
  'logEndOffset'?: (number | string | Long);
  'lastFetchTimestamp'?: (number | string | Long);
  'lastCaughtUpTimestamp'?: (number | string | Long);
  'address'?: (string);
}

export interface ReplicaState__Output {
  'replicaId': (number);
  'logEndOffset': (number);
  'lastFetchTimestamp': (number);
  'lastCaughtUpTimestamp': (number);
  'address': (string);
}
