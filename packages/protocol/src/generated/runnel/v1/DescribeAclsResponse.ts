// Original file: proto/runnel/v1/admin.proto

import type { AclBinding as _runnel_v1_AclBinding, AclBinding__Output as _runnel_v1_AclBinding__Output } from '../../runnel/v1/AclBinding.js';

export interface DescribeAclsResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'bindings'?: (_runnel_v1_AclBinding)[];
}

export interface DescribeAclsResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'bindings': (_runnel_v1_AclBinding__Output)[];
}
