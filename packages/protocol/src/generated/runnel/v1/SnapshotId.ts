// Original file: proto/runnel/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

export interface SnapshotId {
  'index'?: (number | string | Long);
  'term'?: (number | string | Long);
}

export interface SnapshotId__Output {
  'index': (number);
  'term': (number);
}
