// Original file: proto/runnel/v1/quorum.proto

import type { SnapshotId as _runnel_v1_SnapshotId, SnapshotId__Output as _runnel_v1_SnapshotId__Output } from '../../runnel/v1/SnapshotId.js';
import type { Long } from '@grpc/proto-loader';

export interface FetchSnapshotRequest {
  'snapshot'?: (_runnel_v1_SnapshotId | null);
  'position'?: (number | string | Long);
  'maxBytes'?: (number);
}

export interface FetchSnapshotRequest__Output {
  'snapshot': (_runnel_v1_SnapshotId__Output | null);
  'position': (number);
  'maxBytes': (number);
}
