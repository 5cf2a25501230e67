// Original file: proto/runnel/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

export interface SnapshotResponse {
  'snapshotIndex'?: (number | string | Long);
  'nextOffset'?: (number | string | Long);
  'success'?: (boolean);
}

export interface SnapshotResponse__Output {
  'snapshotIndex': (number);
  'nextOffset': (number);
  'success': (boolean);
}
