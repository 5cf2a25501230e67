// Original file: proto/runnel/v1/groups.proto


export interface HeartbeatResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface HeartbeatResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
}
