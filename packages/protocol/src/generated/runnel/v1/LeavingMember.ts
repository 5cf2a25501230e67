// Original file: proto/runnel/v1/groups.proto


export interface LeavingMember {
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'reason'?: (string);
}

export interface LeavingMember__Output {
  'memberId': (string);
  'groupInstanceId': (string);
  'reason': (string);
}
