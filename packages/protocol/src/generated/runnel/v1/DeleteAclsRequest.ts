// Original file: proto/runnel/v1/admin.proto

import type { AclBindingFilter as _runnel_v1_AclBindingFilter, AclBindingFilter__Output as _runnel_v1_AclBindingFilter__Output } from '../../runnel/v1/AclBindingFilter.js';

export interface DeleteAclsRequest {
  'filters'?: (_runnel_v1_AclBindingFilter)[];
}

export interface DeleteAclsRequest__Output {
  'filters': (_runnel_v1_AclBindingFilter__Output)[];
}
