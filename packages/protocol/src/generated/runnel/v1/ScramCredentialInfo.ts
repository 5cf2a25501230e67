// Original file: proto/runnel/v1/admin.proto

import type { ScramMechanism as _runnel_v1_ScramMechanism, ScramMechanism__Output as _runnel_v1_ScramMechanism__Output } from '../../runnel/v1/ScramMechanism.js';

export interface ScramCredentialInfo {
  'mechanism'?: (_runnel_v1_ScramMechanism);
  'iterations'?: (number);
}

export interface ScramCredentialInfo__Output {
  'mechanism': (_runnel_v1_ScramMechanism__Output);
  'iterations': (number);
}
