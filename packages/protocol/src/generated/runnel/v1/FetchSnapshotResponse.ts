// Original file: proto/runnel/v1/quorum.proto

import type { SnapshotId as _runnel_v1_SnapshotId, SnapshotId__Output as _runnel_v1_SnapshotId__Output } from '../../runnel/v1/SnapshotId.js';
import type { VoterSet as _runnel_v1_VoterSet, VoterSet__Output as _runnel_v1_VoterSet__Output } from '../../runnel/v1/VoterSet.js';
import type { Long } from '@grpc/proto-loader';

export interface FetchSnapshotResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'snapshot'?: (_runnel_v1_SnapshotId | null);
  'size'?: (number | string | Long);
  'position'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'voters'?: (_runnel_v1_VoterSet | null);
}

export interface FetchSnapshotResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'snapshot': (_runnel_v1_SnapshotId__Output | null);
  'size': (number);
  'position': (number);
  'data': (Buffer);
  'voters': (_runnel_v1_VoterSet__Output | null);
}
