// Original file: proto/runnel/v1/groups.proto

import type { DescribedGroup as _runnel_v1_DescribedGroup, DescribedGroup__Output as _runnel_v1_DescribedGroup__Output } from '../../runnel/v1/DescribedGroup.js';

export interface DescribeGroupsResponse {
  'groups'?: (_runnel_v1_DescribedGroup)[];
}

export interface DescribeGroupsResponse__Output {
  'groups': (_runnel_v1_DescribedGroup__Output)[];
}
