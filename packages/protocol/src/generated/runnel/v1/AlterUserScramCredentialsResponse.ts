// Original file: proto/runnel/v1/admin.proto

import type { AlterUserScramCredentialsResult as _runnel_v1_AlterUserScramCredentialsResult, AlterUserScramCredentialsResult__Output as _runnel_v1_AlterUserScramCredentialsResult__Output } from '../../runnel/v1/AlterUserScramCredentialsResult.js';

export interface AlterUserScramCredentialsResponse {
  'results'?: (_runnel_v1_AlterUserScramCredentialsResult)[];
}

export interface AlterUserScramCredentialsResponse__Output {
  'results': (_runnel_v1_AlterUserScramCredentialsResult__Output)[];
}
