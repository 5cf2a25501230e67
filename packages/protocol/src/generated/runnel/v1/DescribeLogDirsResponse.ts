// Original file: proto/runnel/v1/admin.proto

import type { LogDirPartition as _runnel_v1_LogDirPartition, LogDirPartition__Output as _runnel_v1_LogDirPartition__Output } from '../../runnel/v1/LogDirPartition.js';

export interface DescribeLogDirsResponse {
  'errorCode'?: (number);
  'logDir'?: (string);
  'partitions'?: (_runnel_v1_LogDirPartition)[];
}

export interface DescribeLogDirsResponse__Output {
  'errorCode': (number);
  'logDir': (string);
  'partitions': (_runnel_v1_LogDirPartition__Output)[];
}
