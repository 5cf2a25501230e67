// Original file: proto/runnel/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

export interface AllocateProducerIdsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'producerIdStart'?: (number | string | Long);
  'producerIdLen'?: (number);
}

export interface AllocateProducerIdsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'producerIdStart': (number);
  'producerIdLen': (number);
}
