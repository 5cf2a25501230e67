// Original file: proto/runnel/v1/groups.proto

import type { JoinGroupProtocol as _runnel_v1_JoinGroupProtocol, JoinGroupProtocol__Output as _runnel_v1_JoinGroupProtocol__Output } from '../../runnel/v1/JoinGroupProtocol.js';

export interface JoinGroupRequest {
  'groupId'?: (string);
  'sessionTimeoutMs'?: (number);
  'rebalanceTimeoutMs'?: (number);
  'memberId'?: (string);
  'groupInstanceId'?: (string);
  'protocolType'?: (string);
  'protocols'?: (_runnel_v1_JoinGroupProtocol)[];
  'reason'?: (string);
}

export interface JoinGroupRequest__Output {
  'groupId': (string);
  'sessionTimeoutMs': (number);
  'rebalanceTimeoutMs': (number);
  'memberId': (string);
  'groupInstanceId': (string);
  'protocolType': (string);
  'protocols': (_runnel_v1_JoinGroupProtocol__Output)[];
  'reason': (string);
}
