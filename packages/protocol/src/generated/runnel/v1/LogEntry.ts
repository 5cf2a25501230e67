// Original file: proto/runnel/v1/quorum.proto

import type { EntryType as _runnel_v1_EntryType, EntryType__Output as _runnel_v1_EntryType__Output } from '../../runnel/v1/EntryType.js';
import type { Long } from '@grpc/proto-loader';

export interface LogEntry {
  'index'?: (number | string | Long);
  'term'?: (number | string | Long);
  'type'?: (_runnel_v1_EntryType);
  'data'?: (Buffer | Uint8Array | string);
}

export interface LogEntry__Output {
  'index': (number);
  'term': (number);
  'type': (_runnel_v1_EntryType__Output);
  'data': (Buffer);
}
