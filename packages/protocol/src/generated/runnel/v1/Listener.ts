// Original file: proto/runnel/v1/controller.proto


export interface Listener {
  'name'?: (string);
  'host'?: (string);
  'port'?: (number);
}

export interface Listener__Output {
  'name': (string);
  'host': (string);
  'port': (number);
}
