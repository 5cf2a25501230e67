// Original file: proto/runnel/v1/admin.proto

import type { ReplicaAssignment as _runnel_v1_ReplicaAssignment, ReplicaAssignment__Output as _runnel_v1_ReplicaAssignment__Output } from '../../runnel/v1/ReplicaAssignment.js';
import type { ConfigEntry as _runnel_v1_ConfigEntry, ConfigEntry__Output as _runnel_v1_ConfigEntry__Output } from '../../runnel/v1/ConfigEntry.js';

export interface CreatableTopic {
  'name'?: (string);
  'numPartitions'?: (number);
  'replicationFactor'?: (number);
  'assignments'?: (_runnel_v1_ReplicaAssignment)[];
  'configs'?: (_runnel_v1_ConfigEntry)[];
}

export interface CreatableTopic__Output {
  'name': (string);
  'numPartitions': (number);
  'replicationFactor': (number);
  'assignments': (_runnel_v1_ReplicaAssignment__Output)[];
  'configs': (_runnel_v1_ConfigEntry__Output)[];
}
