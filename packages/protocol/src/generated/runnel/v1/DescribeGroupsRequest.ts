// Original file: proto/runnel/v1/groups.proto


export interface DescribeGroupsRequest {
  'groups'?: (string)[];
}

export interface DescribeGroupsRequest__Output {
  'groups': (string)[];
}
