// Original file: proto/runnel/v1/groups.proto


export interface JoinGroupProtocol {
  'name'?: (string);
  'metadata'?: (Buffer | Uint8Array | string);
}

export interface JoinGroupProtocol__Output {
  'name': (string);
  'metadata': (Buffer);
}
