// Original file: proto/runnel/v1/controller.proto


export interface UnregisterBrokerResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
}

export interface UnregisterBrokerResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
}
