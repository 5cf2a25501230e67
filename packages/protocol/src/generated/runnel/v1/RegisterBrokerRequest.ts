// Original file: proto/runnel/v1/controller.proto

import type { Listener as _runnel_v1_Listener, Listener__Output as _runnel_v1_Listener__Output } from '../../runnel/v1/Listener.js';

export interface RegisterBrokerRequest {
  'brokerId'?: (number);
  'clusterId'?: (string);
  'incarnationId'?: (Buffer | Uint8Array | string);
  'listeners'?: (_runnel_v1_Listener)[];
  'rack'?: (string);
}

export interface RegisterBrokerRequest__Output {
  'brokerId': (number);
  'clusterId': (string);
  'incarnationId': (Buffer);
  'listeners': (_runnel_v1_Listener__Output)[];
  'rack': (string);
}
