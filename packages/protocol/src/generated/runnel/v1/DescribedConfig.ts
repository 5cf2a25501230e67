// Original file: proto/runnel/v1/admin.proto


export interface DescribedConfig {
  'name'?: (string);
  'value'?: (string);
  'readOnly'?: (boolean);
  'source'?: (string);
  'isSensitive'?: (boolean);
  'documentation'?: (string);
  'type'?: (string);
}

export interface DescribedConfig__Output {
  'name': (string);
  'value': (string);
  'readOnly': (boolean);
  'source': (string);
  'isSensitive': (boolean);
  'documentation': (string);
  'type': (string);
}
