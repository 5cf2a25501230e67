// Original file: proto/runnel/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

export interface VoteRequest {
  'preVote'?: (boolean);
  'lastLogIndex'?: (number | string | Long);
  'lastLogTerm'?: (number | string | Long);
  'transfer'?: (boolean);
}

export interface VoteRequest__Output {
  'preVote': (boolean);
  'lastLogIndex': (number);
  'lastLogTerm': (number);
  'transfer': (boolean);
}
