// Original file: proto/runnel/v1/groups.proto


export interface LeavingMemberResponse {
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'errorCode'?: (number);
}

export interface LeavingMemberResponse__Output {
  'memberId': (string);
  'groupInstanceId': (string);
  'errorCode': (number);
}
