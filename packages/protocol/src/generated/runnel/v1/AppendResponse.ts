// Original file: proto/runnel/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

export interface AppendResponse {
  'success'?: (boolean);
  'matchIndex'?: (number | string | Long);
  'conflictIndex'?: (number | string | Long);
  'conflictTerm'?: (number | string | Long);
  'lastLogIndex'?: (number | string | Long);
}

export interface AppendResponse__Output {
  'success': (boolean);
  'matchIndex': (number);
  'conflictIndex': (number);
  'conflictTerm': (number);
  'lastLogIndex': (number);
}
