// Original file: proto/runnel/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface BrokerLivenessRequest {
  'brokerId'?: (number);
  'brokerEpoch'?: (number | string | Long);
  'closing'?: (boolean);
}

export interface BrokerLivenessRequest__Output {
  'brokerId': (number);
  'brokerEpoch': (number);
  'closing': (boolean);
}
