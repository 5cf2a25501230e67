// Original file: proto/runnel/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { SaslAuthenticateRequest as _runnel_v1_SaslAuthenticateRequest, SaslAuthenticateRequest__Output as _runnel_v1_SaslAuthenticateRequest__Output } from '../../runnel/v1/SaslAuthenticateRequest.js';
import type { SaslAuthenticateResponse as _runnel_v1_SaslAuthenticateResponse, SaslAuthenticateResponse__Output as _runnel_v1_SaslAuthenticateResponse__Output } from '../../runnel/v1/SaslAuthenticateResponse.js';

export interface AuthClient extends grpc.Client {
  SaslAuthenticate(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateResponse__Output>;
  SaslAuthenticate(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateResponse__Output>;
  saslAuthenticate(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateResponse__Output>;
  saslAuthenticate(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateResponse__Output>;
  
}

export interface AuthHandlers extends grpc.UntypedServiceImplementation {
  SaslAuthenticate: grpc.handleBidiStreamingCall<_runnel_v1_SaslAuthenticateRequest__Output, _runnel_v1_SaslAuthenticateResponse>;
  
}

export interface AuthDefinition extends grpc.ServiceDefinition {
  SaslAuthenticate: MethodDefinition<_runnel_v1_SaslAuthenticateRequest, _runnel_v1_SaslAuthenticateResponse, _runnel_v1_SaslAuthenticateRequest__Output, _runnel_v1_SaslAuthenticateResponse__Output>
}
