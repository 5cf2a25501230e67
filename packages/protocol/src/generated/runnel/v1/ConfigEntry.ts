// Original file: proto/runnel/v1/admin.proto


export interface ConfigEntry {
  'name'?: (string);
  'value'?: (string);
}

export interface ConfigEntry__Output {
  'name': (string);
  'value': (string);
}
