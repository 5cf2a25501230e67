// Original file: proto/runnel/v1/groups.proto


export interface FindCoordinatorRequest {
  'keyType'?: (number);
  'keys'?: (string)[];
}

export interface FindCoordinatorRequest__Output {
  'keyType': (number);
  'keys': (string)[];
}
