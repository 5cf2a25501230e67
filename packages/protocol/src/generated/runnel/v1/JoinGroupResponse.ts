// Original file: proto/runnel/v1/groups.proto

import type { JoinGroupMember as _runnel_v1_JoinGroupMember, JoinGroupMember__Output as _runnel_v1_JoinGroupMember__Output } from '../../runnel/v1/JoinGroupMember.js';

export interface JoinGroupResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'generationId'?: (number);
  'protocolType'?: (string);
  'protocolName'?: (string);
  'leader'?: (string);
  'memberId'?: (string);
  'members'?: (_runnel_v1_JoinGroupMember)[];
  'skipAssignment'?: (boolean);
}

export interface JoinGroupResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'generationId': (number);
  'protocolType': (string);
  'protocolName': (string);
  'leader': (string);
  'memberId': (string);
  'members': (_runnel_v1_JoinGroupMember__Output)[];
  'skipAssignment': (boolean);
}
