// Original file: proto/runnel/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface RegisterBrokerResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'brokerEpoch'?: (number | string | Long);
}

export interface RegisterBrokerResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'brokerEpoch': (number);
}
