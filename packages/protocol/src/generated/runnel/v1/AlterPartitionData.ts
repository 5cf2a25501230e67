// Original file: proto/runnel/v1/controller.proto


export interface AlterPartitionData {
  'partition'?: (number);
  'leaderEpoch'?: (number);
  'newIsr'?: (number)[];
  'partitionEpoch'?: (number);
}

export interface AlterPartitionData__Output {
  'partition': (number);
  'leaderEpoch': (number);
  'newIsr': (number)[];
  'partitionEpoch': (number);
}
