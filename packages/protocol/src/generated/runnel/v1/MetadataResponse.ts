// Original file: proto/runnel/v1/broker.proto

import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from '../../runnel/v1/BrokerNode.js';
import type { TopicMetadata as _runnel_v1_TopicMetadata, TopicMetadata__Output as _runnel_v1_TopicMetadata__Output } from '../../runnel/v1/TopicMetadata.js';

export interface MetadataResponse {
  'clusterId'?: (string);
  'controllerId'?: (number);
  'brokers'?: (_runnel_v1_BrokerNode)[];
  'topics'?: (_runnel_v1_TopicMetadata)[];
}

export interface MetadataResponse__Output {
  'clusterId': (string);
  'controllerId': (number);
  'brokers': (_runnel_v1_BrokerNode__Output)[];
  'topics': (_runnel_v1_TopicMetadata__Output)[];
}
