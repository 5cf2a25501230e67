// Original file: proto/runnel/v1/groups.proto

import type { SyncGroupAssignment as _runnel_v1_SyncGroupAssignment, SyncGroupAssignment__Output as _runnel_v1_SyncGroupAssignment__Output } from '../../runnel/v1/SyncGroupAssignment.js';

export interface SyncGroupRequest {
  'groupId'?: (string);
  'generationId'?: (number);
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'protocolType'?: (string);
  'protocolName'?: (string);
  'assignments'?: (_runnel_v1_SyncGroupAssignment)[];
}

export interface SyncGroupRequest__Output {
  'groupId': (string);
  'generationId': (number);
  'memberId': (string);
  'groupInstanceId': (string);
  'protocolType': (string);
  'protocolName': (string);
  'assignments': (_runnel_v1_SyncGroupAssignment__Output)[];
}
