// Original file: proto/runnel/v1/groups.proto


export interface GroupError {
  'groupId'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface GroupError__Output {
  'groupId': (string);
  'errorCode': (number);
  'errorMessage': (string);
}
