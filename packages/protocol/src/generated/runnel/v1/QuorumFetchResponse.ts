// Original file: proto/runnel/v1/quorum.proto

import type { LogEntry as _runnel_v1_LogEntry, LogEntry__Output as _runnel_v1_LogEntry__Output } from '../../runnel/v1/LogEntry.js';
import type { SnapshotId as _runnel_v1_SnapshotId, SnapshotId__Output as _runnel_v1_SnapshotId__Output } from '../../runnel/v1/SnapshotId.js';
import type { Long } from '@grpc/proto-loader';

export interface QuorumFetchResponse {
  'correlationId'?: (number | string | Long);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'leaderId'?: (number);
  'leaderTerm'?: (number | string | Long);
  'commitIndex'?: (number | string | Long);
  'entries'?: (_runnel_v1_LogEntry)[];
  'snapshot'?: (_runnel_v1_SnapshotId | null);
}

export interface QuorumFetchResponse__Output {
  'correlationId': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'leaderId': (number);
  'leaderTerm': (number);
  'commitIndex': (number);
  'entries': (_runnel_v1_LogEntry__Output)[];
  'snapshot': (_runnel_v1_SnapshotId__Output | null);
}
