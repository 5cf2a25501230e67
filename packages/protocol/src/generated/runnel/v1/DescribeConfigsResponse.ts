// Original file: proto/runnel/v1/admin.proto

import type { DescribeConfigsResult as _runnel_v1_DescribeConfigsResult, DescribeConfigsResult__Output as _runnel_v1_DescribeConfigsResult__Output } from '../../runnel/v1/DescribeConfigsResult.js';

export interface DescribeConfigsResponse {
  'results'?: (_runnel_v1_DescribeConfigsResult)[];
}

export interface DescribeConfigsResponse__Output {
  'results': (_runnel_v1_DescribeConfigsResult__Output)[];
}
