// Original file: proto/runnel/v1/admin.proto


export interface DeleteTopicsRequest {
  'topicNames'?: (string)[];
  'timeoutMs'?: (number);
}

export interface DeleteTopicsRequest__Output {
  'topicNames': (string)[];
  'timeoutMs': (number);
}
