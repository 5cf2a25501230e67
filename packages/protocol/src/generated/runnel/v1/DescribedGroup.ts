// Original file: proto/runnel/v1/groups.proto

import type { DescribedGroupMember as _runnel_v1_DescribedGroupMember, DescribedGroupMember__Output as _runnel_v1_DescribedGroupMember__Output } from '../../runnel/v1/DescribedGroupMember.js';

export interface DescribedGroup {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'groupId'?: (string);
  'groupState'?: (string);
  'protocolType'?: (string);
  'protocolData'?: (string);
  'members'?: (_runnel_v1_DescribedGroupMember)[];
  'generationId'?: (number);
  'coordinatorId'?: (number);
}

export interface DescribedGroup__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'groupId': (string);
  'groupState': (string);
  'protocolType': (string);
  'protocolData': (string);
  'members': (_runnel_v1_DescribedGroupMember__Output)[];
  'generationId': (number);
  'coordinatorId': (number);
}
