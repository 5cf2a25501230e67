// Original file: proto/runnel/v1/controller.proto


export interface AlterPartitionResult {
  'partition'?: (number);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'leaderId'?: (number);
  'leaderEpoch'?: (number);
  'isr'?: (number)[];
  'partitionEpoch'?: (number);
}

export interface AlterPartitionResult__Output {
  'partition': (number);
  'errorCode': (number);
  'errorMessage': (string);
  'leaderId': (number);
  'leaderEpoch': (number);
  'isr': (number)[];
  'partitionEpoch': (number);
}
