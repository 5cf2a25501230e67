// Original file: proto/runnel/v1/groups.proto


export interface JoinGroupMember {
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'metadata'?: (Buffer | Uint8Array | string);
}

export interface JoinGroupMember__Output {
  'memberId': (string);
  'groupInstanceId': (string);
  'metadata': (Buffer);
}
