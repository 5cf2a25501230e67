// Original file: proto/runnel/v1/groups.proto

import type { LeavingMemberResponse as _runnel_v1_LeavingMemberResponse, LeavingMemberResponse__Output as _runnel_v1_LeavingMemberResponse__Output } from '../../runnel/v1/LeavingMemberResponse.js';

export interface LeaveGroupResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'members'?: (_runnel_v1_LeavingMemberResponse)[];
}

export interface LeaveGroupResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'members': (_runnel_v1_LeavingMemberResponse__Output)[];
}
