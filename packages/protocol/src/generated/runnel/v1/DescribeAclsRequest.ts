// Original file: proto/runnel/v1/admin.proto

import type { AclBindingFilter as _runnel_v1_AclBindingFilter, AclBindingFilter__Output as _runnel_v1_AclBindingFilter__Output } from '../../runnel/v1/AclBindingFilter.js';

export interface DescribeAclsRequest {
  'filter'?: (_runnel_v1_AclBindingFilter | null);
}

export interface DescribeAclsRequest__Output {
  'filter': (_runnel_v1_AclBindingFilter__Output | null);
}
