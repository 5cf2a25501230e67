// Original file: proto/runnel/v1/groups.proto


export interface OffsetFetchTopic {
  'name'?: (string);
  'partitions'?: (number)[];
}

export interface OffsetFetchTopic__Output {
  'name': (string);
  'partitions': (number)[];
}
