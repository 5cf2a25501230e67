// Original file: proto/runnel/v1/admin.proto

import type { AlterConfigOp as _runnel_v1_AlterConfigOp, AlterConfigOp__Output as _runnel_v1_AlterConfigOp__Output } from '../../runnel/v1/AlterConfigOp.js';

export interface AlterableConfig {
  'name'?: (string);
  'op'?: (_runnel_v1_AlterConfigOp);
  'value'?: (string);
}

export interface AlterableConfig__Output {
  'name': (string);
  'op': (_runnel_v1_AlterConfigOp__Output);
  'value': (string);
}
