// Original file: proto/runnel/v1/admin.proto


export interface AddVoterResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface AddVoterResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
}
