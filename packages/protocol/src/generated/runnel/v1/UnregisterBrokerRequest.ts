// Original file: proto/runnel/v1/controller.proto


export interface UnregisterBrokerRequest {
  'brokerId'?: (number);
}

export interface UnregisterBrokerRequest__Output {
  'brokerId': (number);
}
