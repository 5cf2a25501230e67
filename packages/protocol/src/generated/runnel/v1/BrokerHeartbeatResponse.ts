// Original file: proto/runnel/v1/controller.proto


export interface BrokerHeartbeatResponse {
  'errorCode'?: (number);
  'errorMessage'?: (string);
  'isCaughtUp'?: (boolean);
  'isFenced'?: (boolean);
  'shouldShutDown'?: (boolean);
}

export interface BrokerHeartbeatResponse__Output {
  'errorCode': (number);
  'errorMessage': (string);
  'isCaughtUp': (boolean);
  'isFenced': (boolean);
  'shouldShutDown': (boolean);
}
