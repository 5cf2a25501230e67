// Original file: proto/runnel/v1/admin.proto

import type { ReplicaAssignment as _runnel_v1_ReplicaAssignment, ReplicaAssignment__Output as _runnel_v1_ReplicaAssignment__Output } from '../../runnel/v1/ReplicaAssignment.js';

export interface CreatePartitionsTopic {
  'name'?: (string);
  'count'?: (number);
  'assignments'?: (_runnel_v1_ReplicaAssignment)[];
}

export interface CreatePartitionsTopic__Output {
  'name': (string);
  'count': (number);
  'assignments': (_runnel_v1_ReplicaAssignment__Output)[];
}
