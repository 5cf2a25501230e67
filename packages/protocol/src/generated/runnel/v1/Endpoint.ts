// Original file: proto/runnel/v1/common.proto


export interface Endpoint {
  'host'?: (string);
  'port'?: (number);
}

export interface Endpoint__Output {
  'host': (string);
  'port': (number);
}
