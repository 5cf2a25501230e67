// Original file: proto/runnel/v1/admin.proto

import type { ScramMechanism as _runnel_v1_ScramMechanism, ScramMechanism__Output as _runnel_v1_ScramMechanism__Output } from '../../runnel/v1/ScramMechanism.js';

export interface ScramCredentialUpsertion {
  'name'?: (string);
  'mechanism'?: (_runnel_v1_ScramMechanism);
  'iterations'?: (number);
  'salt'?: (Buffer | Uint8Array | string);
  'saltedPassword'?: (Buffer | Uint8Array | string);
}

export interface ScramCredentialUpsertion__Output {
  'name': (string);
  'mechanism': (_runnel_v1_ScramMechanism__Output);
  'iterations': (number);
  'salt': (Buffer);
  'saltedPassword': (Buffer);
}
