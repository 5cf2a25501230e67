// Original file: proto/runnel/v1/broker.proto

import type { Long } from '@grpc/proto-loader';

export interface InitProducerIdRequest {
  'transactionalId'?: (string);
  'transactionTimeoutMs'?: (number);
  'producerId'?: (number | string | Long);
  'producerEpoch'?: (number);
}

export interface InitProducerIdRequest__Output {
  'transactionalId': (string);
  'transactionTimeoutMs': (number);
  'producerId': (number);
  'producerEpoch': (number);
}
