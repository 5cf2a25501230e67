// Original file: proto/runnel/v1/auth.proto

import type { Long } from '@grpc/proto-loader';

export interface SaslAuthenticateResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'authBytes'?: (Buffer | Uint8Array | string);
  'sessionToken'?: (string);
  'sessionLifetimeMs'?: (number | string | Long);
  'principal'?: (string);
}

export interface SaslAuthenticateResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'authBytes': (Buffer);
  'sessionToken': (string);
  'sessionLifetimeMs': (number);
  'principal': (string);
}
