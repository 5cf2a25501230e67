// Original file: proto/runnel/v1/groups.proto


export interface PartitionError {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface PartitionError__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
}
