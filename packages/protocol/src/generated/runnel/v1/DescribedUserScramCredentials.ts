// Original file: proto/runnel/v1/admin.proto

import type { ScramCredentialInfo as _runnel_v1_ScramCredentialInfo, ScramCredentialInfo__Output as _runnel_v1_ScramCredentialInfo__Output } from '../../runnel/v1/ScramCredentialInfo.js';

export interface DescribedUserScramCredentials {
  'user'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'credentialInfos'?: (_runnel_v1_ScramCredentialInfo)[];
}

export interface DescribedUserScramCredentials__Output {
  'user': (string);
  'errorCode': (number);
  'errorMessage': (string);
  'credentialInfos': (_runnel_v1_ScramCredentialInfo__Output)[];
}
