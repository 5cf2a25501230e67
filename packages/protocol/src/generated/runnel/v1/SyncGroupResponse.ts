// Original file: proto/runnel/v1/groups.proto


export interface SyncGroupResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'protocolType'?: (string);
  'protocolName'?: (string);
  'assignment'?: (Buffer | Uint8Array | string);
}

export interface SyncGroupResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'protocolType': (string);
  'protocolName': (string);
  'assignment': (Buffer);
}
