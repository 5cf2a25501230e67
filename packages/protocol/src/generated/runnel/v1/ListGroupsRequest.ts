// Original file: proto/runnel/v1/groups.proto


export interface ListGroupsRequest {
  'statesFilter'?: (string)[];
}

export interface ListGroupsRequest__Output {
  'statesFilter': (string)[];
}
