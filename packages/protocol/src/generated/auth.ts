import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuthClient as _runnel_v1_AuthClient, AuthDefinition as _runnel_v1_AuthDefinition } from './runnel/v1/Auth.js';
import type { SaslAuthenticateRequest as _runnel_v1_SaslAuthenticateRequest, SaslAuthenticateRequest__Output as _runnel_v1_SaslAuthenticateRequest__Output } from './runnel/v1/SaslAuthenticateRequest.js';
import type { SaslAuthenticateResponse as _runnel_v1_SaslAuthenticateResponse, SaslAuthenticateResponse__Output as _runnel_v1_SaslAuthenticateResponse__Output } from './runnel/v1/SaslAuthenticateResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      Auth: SubtypeConstructor<typeof grpc.Client, _runnel_v1_AuthClient> & { service: _runnel_v1_AuthDefinition }
      SaslAuthenticateRequest: MessageTypeDefinition<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateRequest__Output>
      SaslAuthenticateResponse: MessageTypeDefinition<_runnel_v1_SaslAuthenticateResponse, _runnel_v1_SaslAuthenticateResponse__Output>
    }
  }
}

