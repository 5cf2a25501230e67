// Original file: proto/runnel/v1/admin.proto


export interface TopicError {
  'name'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface TopicError__Output {
  'name': (string);
  'errorCode': (number);
  'errorMessage': (string);
}
