// Original file: proto/runnel/v1/admin.proto

import type { DeleteAclsFilterResult as _runnel_v1_DeleteAclsFilterResult, DeleteAclsFilterResult__Output as _runnel_v1_DeleteAclsFilterResult__Output } from '../../runnel/v1/DeleteAclsFilterResult.js';

export interface DeleteAclsResponse {
  'results'?: (_runnel_v1_DeleteAclsFilterResult)[];
}

export interface DeleteAclsResponse__Output {
  'results': (_runnel_v1_DeleteAclsFilterResult__Output)[];
}
