// Original file: proto/runnel/v1/quorum.proto

import type { LogEntry as _runnel_v1_LogEntry, LogEntry__Output as _runnel_v1_LogEntry__Output } from '../../runnel/v1/LogEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface AppendRequest {
  'prevLogIndex'?: (number | string | Long);
  'prevLogTerm'?: (number | string | Long);
  'entries'?: (_runnel_v1_LogEntry)[];
  'leaderCommit'?: (number | string | Long);
}

export interface AppendRequest__Output {
  'prevLogIndex': (number);
  'prevLogTerm': (number);
  'entries': (_runnel_v1_LogEntry__Output)[];
  'leaderCommit': (number);
}
