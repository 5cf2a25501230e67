// Original file: proto/runnel/v1/admin.proto


export interface ReassignablePartition {
  'topic'?: (string);
  'partition'?: (number);
  'replicas'?: (number)[];
}

export interface ReassignablePartition__Output {
  'topic': (string);
  'partition': (number);
  'replicas': (number)[];
}
