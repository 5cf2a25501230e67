// Original file: proto/runnel/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

export interface QuorumFetchRequest {
  'correlationId'?: (number | string | Long);
  'observerId'?: (number);
  'fetchIndex'?: (number | string | Long);
  'lastFetchedTerm'?: (number | string | Long);
  'maxWaitMs'?: (number);
  'maxBytes'?: (number);
}

export interface QuorumFetchRequest__Output {
  'correlationId': (number);
  'observerId': (number);
  'fetchIndex': (number);
  'lastFetchedTerm': (number);
  'maxWaitMs': (number);
  'maxBytes': (number);
}
