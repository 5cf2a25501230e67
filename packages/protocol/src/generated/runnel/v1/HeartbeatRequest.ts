// Original file: proto/runnel/v1/groups.proto


export interface HeartbeatRequest {
  'groupId'?: (string);
  'generationId'?: (number);
  'memberId'?: (string);
  'groupInstanceId'?: (string);
}

export interface HeartbeatRequest__Output {
  'groupId': (string);
  'generationId': (number);
  'memberId': (string);
  'groupInstanceId': (string);
}
