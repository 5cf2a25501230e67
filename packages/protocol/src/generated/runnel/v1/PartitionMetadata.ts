// Original file: proto/runnel/v1/broker.proto


export interface PartitionMetadata {
  'errorCode'?: (number);
  'partition'?: (number);
  'leaderId'?: (number);
  'leaderEpoch'?: (number);
  'replicas'?: (number)[];
  'isr'?: (number)[];
  'offlineReplicas'?: (number)[];
}

export interface PartitionMetadata__Output {
  'errorCode': (number);
  'partition': (number);
  'leaderId': (number);
  'leaderEpoch': (number);
  'replicas': (number)[];
  'isr': (number)[];
  'offlineReplicas': (number)[];
}
