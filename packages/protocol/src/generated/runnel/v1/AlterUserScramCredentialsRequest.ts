// Original file: proto/runnel/v1/admin.proto

import type { ScramCredentialDeletion as _runnel_v1_ScramCredentialDeletion, ScramCredentialDeletion__Output as _runnel_v1_ScramCredentialDeletion__Output } from '../../runnel/v1/ScramCredentialDeletion.js';
import type { ScramCredentialUpsertion as _runnel_v1_ScramCredentialUpsertion, ScramCredentialUpsertion__Output as _runnel_v1_ScramCredentialUpsertion__Output } from '../../runnel/v1/ScramCredentialUpsertion.js';

export interface AlterUserScramCredentialsRequest {
  'deletions'?: (_runnel_v1_ScramCredentialDeletion)[];
  'upsertions'?: (_runnel_v1_ScramCredentialUpsertion)[];
}

export interface AlterUserScramCredentialsRequest__Output {
  'deletions': (_runnel_v1_ScramCredentialDeletion__Output)[];
  'upsertions': (_runnel_v1_ScramCredentialUpsertion__Output)[];
}
