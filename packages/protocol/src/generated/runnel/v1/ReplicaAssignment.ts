// Original file: proto/runnel/v1/admin.proto


export interface ReplicaAssignment {
  'partition'?: (number);
  'brokerIds'?: (number)[];
}

export interface ReplicaAssignment__Output {
  'partition': (number);
  'brokerIds': (number)[];
}
