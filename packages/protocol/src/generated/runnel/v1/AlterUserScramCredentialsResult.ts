// Original file: proto/runnel/v1/admin.proto


export interface AlterUserScramCredentialsResult {
  'user'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface AlterUserScramCredentialsResult__Output {
  'user': (string);
  'errorCode': (number);
  'errorMessage': (string);
}
