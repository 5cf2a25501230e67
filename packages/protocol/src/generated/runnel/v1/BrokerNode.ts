// Original file: proto/runnel/v1/common.proto


export interface BrokerNode {
  'nodeId'?: (number);
  'host'?: (string);
  'port'?: (number);
  'rack'?: (string);
}

export interface BrokerNode__Output {
  'nodeId': (number);
  'host': (string);
  'port': (number);
  'rack': (string);
}
