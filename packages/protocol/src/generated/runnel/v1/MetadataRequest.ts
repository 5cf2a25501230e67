// Original file: proto/runnel/v1/broker.proto


export interface MetadataRequest {
  'topics'?: (string)[];
  'includeInternal'?: (boolean);
}

export interface MetadataRequest__Output {
  'topics': (string)[];
  'includeInternal': (boolean);
}
