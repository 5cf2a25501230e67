// Original file: proto/runnel/v1/admin.proto

import type { AclResult as _runnel_v1_AclResult, AclResult__Output as _runnel_v1_AclResult__Output } from '../../runnel/v1/AclResult.js';

export interface CreateAclsResponse {
  'results'?: (_runnel_v1_AclResult)[];
}

export interface CreateAclsResponse__Output {
  'results': (_runnel_v1_AclResult__Output)[];
}
