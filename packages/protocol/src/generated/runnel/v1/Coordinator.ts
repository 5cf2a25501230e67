// Original file: proto/runnel/v1/groups.proto

import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from '../../runnel/v1/BrokerNode.js';

export interface Coordinator {
  'key'?: (string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'node'?: (_runnel_v1_BrokerNode | null);
}

export interface Coordinator__Output {
  'key': (string);
  'errorCode': (number);
  'errorMessage': (string);
  'node': (_runnel_v1_BrokerNode__Output | null);
}
