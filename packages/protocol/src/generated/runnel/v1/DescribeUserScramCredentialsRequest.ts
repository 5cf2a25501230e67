// Original file: proto/runnel/v1/admin.proto


export interface DescribeUserScramCredentialsRequest {
  'users'?: (string)[];
}

export interface DescribeUserScramCredentialsRequest__Output {
  'users': (string)[];
}
