// Original file: proto/runnel/v1/admin.proto

import type { CreatePartitionsTopic as _runnel_v1_CreatePartitionsTopic, CreatePartitionsTopic__Output as _runnel_v1_CreatePartitionsTopic__Output } from '../../runnel/v1/CreatePartitionsTopic.js';

export interface CreatePartitionsRequest {
  'topics'?: (_runnel_v1_CreatePartitionsTopic)[];
  'timeoutMs'?: (number);
  'validateOnly'?: (boolean);
}

export interface CreatePartitionsRequest__Output {
  'topics': (_runnel_v1_CreatePartitionsTopic__Output)[];
  'timeoutMs': (number);
  'validateOnly': (boolean);
}
