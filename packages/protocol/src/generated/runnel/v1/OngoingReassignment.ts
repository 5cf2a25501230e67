// Original file: proto/runnel/v1/admin.proto


export interface OngoingReassignment {
  'topic'?: (string);
  'partition'?: (number);
  'replicas'?: (number)[];
  'addingReplicas'?: (number)[];
  'removingReplicas'?: (number)[];
}

export interface OngoingReassignment__Output {
  'topic': (string);
  'partition': (number);
  'replicas': (number)[];
  'addingReplicas': (number)[];
  'removingReplicas': (number)[];
}
