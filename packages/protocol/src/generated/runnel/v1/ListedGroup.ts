// Original file: proto/runnel/v1/groups.proto


export interface ListedGroup {
  'groupId'?: (string);
  'protocolType'?: (string);
  'groupState'?: (string);
}

export interface ListedGroup__Output {
  'groupId': (string);
  'protocolType': (string);
  'groupState': (string);
}
