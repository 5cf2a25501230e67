// Original file: proto/runnel/v1/admin.proto


export interface RemoveVoterResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface RemoveVoterResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
}
