// Original file: proto/runnel/v1/admin.proto

import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from '../../runnel/v1/Endpoint.js';

export interface AddVoterRequest {
  'voterId'?: (number);
  'endpoint'?: (_runnel_v1_Endpoint | null);
}

export interface AddVoterRequest__Output {
  'voterId': (number);
  'endpoint': (_runnel_v1_Endpoint__Output | null);
}
