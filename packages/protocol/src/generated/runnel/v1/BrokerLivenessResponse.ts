// Original file: proto/runnel/v1/controller.proto


export interface BrokerLivenessResponse {
  'controllerId'?: (number);
}

export interface BrokerLivenessResponse__Output {
  'controllerId': (number);
}
