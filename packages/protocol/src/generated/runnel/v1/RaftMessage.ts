// Original file: proto/runnel/v1/quorum.proto

import type { VoteRequest as _runnel_v1_VoteRequest, VoteRequest__Output as _runnel_v1_VoteRequest__Output } from '../../runnel/v1/VoteRequest.js';
import type { VoteResponse as _runnel_v1_VoteResponse, VoteResponse__Output as _runnel_v1_VoteResponse__Output } from '../../runnel/v1/VoteResponse.js';
import type { AppendRequest as _runnel_v1_AppendRequest, AppendRequest__Output as _runnel_v1_AppendRequest__Output } from '../../runnel/v1/AppendRequest.js';
import type { AppendResponse as _runnel_v1_AppendResponse, AppendResponse__Output as _runnel_v1_AppendResponse__Output } from '../../runnel/v1/AppendResponse.js';
import type { SnapshotChunk as _runnel_v1_SnapshotChunk, SnapshotChunk__Output as _runnel_v1_SnapshotChunk__Output } from '../../runnel/v1/SnapshotChunk.js';
import type { SnapshotResponse as _runnel_v1_SnapshotResponse, SnapshotResponse__Output as _runnel_v1_SnapshotResponse__Output } from '../../runnel/v1/SnapshotResponse.js';
import type { TimeoutNow as _runnel_v1_TimeoutNow, TimeoutNow__Output as _runnel_v1_TimeoutNow__Output } from '../../runnel/v1/TimeoutNow.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftMessage {
  'from'?: (number);
  'to'?: (number);
  'term'?: (number | string | Long);
  'voteRequest'?: (_runnel_v1_VoteRequest | null);
  'voteResponse'?: (_runnel_v1_VoteResponse | null);
  'appendRequest'?: (_runnel_v1_AppendRequest | null);
  'appendResponse'?: (_runnel_v1_AppendResponse | null);
  'snapshotChunk'?: (_runnel_v1_SnapshotChunk | null);
  'snapshotResponse'?: (_runnel_v1_SnapshotResponse | null);
  'timeoutNow'?: (_runnel_v1_TimeoutNow | null);
  'body'?: "voteRequest"|"voteResponse"|"appendRequest"|"appendResponse"|"snapshotChunk"|"snapshotResponse"|"timeoutNow";
}

export interface RaftMessage__Output {
  'from': (number);
  'to': (number);
  'term': (number);
  'voteRequest'?: (_runnel_v1_VoteRequest__Output | null);
  'voteResponse'?: (_runnel_v1_VoteResponse__Output | null);
  'appendRequest'?: (_runnel_v1_AppendRequest__Output | null);
  'appendResponse'?: (_runnel_v1_AppendResponse__Output | null);
  'snapshotChunk'?: (_runnel_v1_SnapshotChunk__Output | null);
  'snapshotResponse'?: (_runnel_v1_SnapshotResponse__Output | null);
  'timeoutNow'?: (_runnel_v1_TimeoutNow__Output | null);
  'body'?: "voteRequest"|"voteResponse"|"appendRequest"|"appendResponse"|"snapshotChunk"|"snapshotResponse"|"timeoutNow";
}
