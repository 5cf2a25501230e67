// Original file: proto/runnel/v1/groups.proto

import type { ListedGroup as _runnel_v1_ListedGroup, ListedGroup__Output as _runnel_v1_ListedGroup__Output } from '../../runnel/v1/ListedGroup.js';

export interface ListGroupsResponse {
  'errorCode'?: (number);
  'groups'?: (_runnel_v1_ListedGroup)[];
}

export interface ListGroupsResponse__Output {
  'errorCode': (number);
  'groups': (_runnel_v1_ListedGroup__Output)[];
}
