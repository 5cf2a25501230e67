// Original file: proto/runnel/v1/admin.proto

import type { DescribedUserScramCredentials as _runnel_v1_DescribedUserScramCredentials, DescribedUserScramCredentials__Output as _runnel_v1_DescribedUserScramCredentials__Output } from '../../runnel/v1/DescribedUserScramCredentials.js';

export interface DescribeUserScramCredentialsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'results'?: (_runnel_v1_DescribedUserScramCredentials)[];
}

export interface DescribeUserScramCredentialsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'results': (_runnel_v1_DescribedUserScramCredentials__Output)[];
}
