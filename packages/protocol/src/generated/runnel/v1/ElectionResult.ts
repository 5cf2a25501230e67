// Original file: proto/runnel/v1/admin.proto


export interface ElectionResult {
  'topic'?: (string);
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'leaderId'?: (number);
}

export interface ElectionResult__Output {
  'topic': (string);
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'leaderId': (number);
}
