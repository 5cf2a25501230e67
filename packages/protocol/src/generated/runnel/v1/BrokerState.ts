// Original file: proto/runnel/v1/admin.proto

import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from '../../runnel/v1/BrokerNode.js';
import type { Long } from '@grpc/proto-loader';

export interface BrokerState {
  'node'?: (_runnel_v1_BrokerNode | null);
  'state'?: (string);
  'brokerEpoch'?: (number | string | Long);
  'leaderCount'?: (number);
  'replicaCount'?: (number);
}

export interface BrokerState__Output {
  'node': (_runnel_v1_BrokerNode__Output | null);
  'state': (string);
  'brokerEpoch': (number);
  'leaderCount': (number);
  'replicaCount': (number);
}
