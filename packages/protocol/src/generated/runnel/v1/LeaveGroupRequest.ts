// Original file: proto/runnel/v1/groups.proto

import type { LeavingMember as _runnel_v1_LeavingMember, LeavingMember__Output as _runnel_v1_LeavingMember__Output } from '../../runnel/v1/LeavingMember.js';

export interface LeaveGroupRequest {
  'groupId'?: (string);
  'members'?: (_runnel_v1_LeavingMember)[];
}

export interface LeaveGroupRequest__Output {
  'groupId': (string);
  'members': (_runnel_v1_LeavingMember__Output)[];
}
