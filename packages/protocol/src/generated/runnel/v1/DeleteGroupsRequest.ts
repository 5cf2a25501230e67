// Original file: proto/runnel/v1/groups.proto


export interface DeleteGroupsRequest {
  'groups'?: (string)[];
}

export interface DeleteGroupsRequest__Output {
  'groups': (string)[];
}
