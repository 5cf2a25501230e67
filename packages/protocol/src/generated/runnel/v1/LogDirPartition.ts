// Original file: proto/runnel/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface LogDirPartition {
  'topic'?: (string);
  'partition'?: (number);
  'sizeBytes'?: (number | string | Long);
  'logStartOffset'?: (number | string | Long);
  'logEndOffset'?: (number | string | Long);
  'highWatermark'?: (number | string | Long);
}

export interface LogDirPartition__Output {
  'topic': (string);
  'partition': (number);
  'sizeBytes': (number);
  'logStartOffset': (number);
  'logEndOffset': (number);
  'highWatermark': (number);
}
