import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from './runnel/v1/BrokerNode.js';
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from './runnel/v1/Empty.js';
import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from './runnel/v1/Endpoint.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      BrokerNode: MessageTypeDefinition<_runnel_v1_BrokerNode, _runnel_v1_BrokerNode__Output>
      Empty: MessageTypeDefinition<_runnel_v1_Empty, _runnel_v1_Empty__Output>
      Endpoint: MessageTypeDefinition<_runnel_v1_Endpoint, _runnel_v1_Endpoint__Output>
    }
  }
}

