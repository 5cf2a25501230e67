// Original file: proto/runnel/v1/quorum.proto

import type { VoterSet as _runnel_v1_VoterSet, VoterSet__Output as _runnel_v1_VoterSet__Output } from '../../runnel/v1/VoterSet.js';
import type { Long } from '@grpc/proto-loader';

export interface SnapshotChunk {
  'snapshotIndex'?: (number | string | Long);
  'snapshotTerm'?: (number | string | Long);
  'voters'?: (_runnel_v1_VoterSet | null);
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'done'?: (boolean);
}

export interface SnapshotChunk__Output {
  'snapshotIndex': (number);
  'snapshotTerm': (number);
  'voters': (_runnel_v1_VoterSet__Output | null);
  'offset': (number);
  'data': (Buffer);
  'done': (boolean);
}
