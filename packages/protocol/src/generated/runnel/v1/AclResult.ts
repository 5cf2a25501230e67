// Original file: proto/runnel/v1/admin.proto


export interface AclResult {
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface AclResult__Output {
  'errorCode': (number);
  'errorMessage': (string);
}
