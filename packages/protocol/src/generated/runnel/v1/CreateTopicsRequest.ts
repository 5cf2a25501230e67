// Original file: proto/runnel/v1/admin.proto

import type { CreatableTopic as _runnel_v1_CreatableTopic, CreatableTopic__Output as _runnel_v1_CreatableTopic__Output } from '../../runnel/v1/CreatableTopic.js';

export interface CreateTopicsRequest {
  'topics'?: (_runnel_v1_CreatableTopic)[];
  'timeoutMs'?: (number);
  'validateOnly'?: (boolean);
}

export interface CreateTopicsRequest__Output {
  'topics': (_runnel_v1_CreatableTopic__Output)[];
  'timeoutMs': (number);
  'validateOnly': (boolean);
}
