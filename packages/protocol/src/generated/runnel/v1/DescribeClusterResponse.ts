// Original file: proto/runnel/v1/admin.proto

import type { BrokerState as _runnel_v1_BrokerState, BrokerState__Output as _runnel_v1_BrokerState__Output } from '../../runnel/v1/BrokerState.js';

export interface DescribeClusterResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'clusterId'?: (string);
  'controllerId'?: (number);
  'brokers'?: (_runnel_v1_BrokerState)[];
}

export interface DescribeClusterResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'clusterId': (string);
  'controllerId': (number);
  'brokers': (_runnel_v1_BrokerState__Output)[];
}
