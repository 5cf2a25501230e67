// Original file: proto/runnel/v1/admin.proto

import type { ConfigEntry as _runnel_v1_ConfigEntry, ConfigEntry__Output as _runnel_v1_ConfigEntry__Output } from '../../runnel/v1/ConfigEntry.js';

export interface CreatableTopicResult {
  'name'?: (string);
  'topicId'?: (Buffer | Uint8Array | string);
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'numPartitions'?: (number);
  'replicationFactor'?: (number);
  'configs'?: (_runnel_v1_ConfigEntry)[];
}

export interface CreatableTopicResult__Output {
  'name': (string);
  'topicId': (Buffer);
  'errorCode': (number);
  'errorMessage': (string);
  'numPartitions': (number);
  'replicationFactor': (number);
  'configs': (_runnel_v1_ConfigEntry__Output)[];
}
