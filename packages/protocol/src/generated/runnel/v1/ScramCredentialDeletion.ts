// Original file: proto/runnel/v1/admin.proto

import type { ScramMechanism as _runnel_v1_ScramMechanism, ScramMechanism__Output as _runnel_v1_ScramMechanism__Output } from '../../runnel/v1/ScramMechanism.js';

export interface ScramCredentialDeletion {
  'name'?: (string);
  'mechanism'?: (_runnel_v1_ScramMechanism);
}

export interface ScramCredentialDeletion__Output {
  'name': (string);
  'mechanism': (_runnel_v1_ScramMechanism__Output);
}
