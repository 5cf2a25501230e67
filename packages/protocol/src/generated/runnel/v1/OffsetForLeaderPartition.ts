// Original file: proto/runnel/v1/replication.proto


export interface OffsetForLeaderPartition {
  'topic'?: (string);
  'partition'?: (number);
  'currentLeaderEpoch'?: (number);
  'leaderEpoch'?: (number);
}

export interface OffsetForLeaderPartition__Output {
  'topic': (string);
  'partition': (number);
  'currentLeaderEpoch': (number);
  'leaderEpoch': (number);
}
