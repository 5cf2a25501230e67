// Original file: proto/runnel/v1/groups.proto

import type { GroupError as _runnel_v1_GroupError, GroupError__Output as _runnel_v1_GroupError__Output } from '../../runnel/v1/GroupError.js';

export interface DeleteGroupsResponse {
  'results'?: (_runnel_v1_GroupError)[];
}

export interface DeleteGroupsResponse__Output {
  'results': (_runnel_v1_GroupError__Output)[];
}
