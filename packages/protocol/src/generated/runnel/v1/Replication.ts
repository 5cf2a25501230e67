// Original file: proto/runnel/v1/replication.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { OffsetsForLeaderEpochRequest as _runnel_v1_OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochRequest__Output as _runnel_v1_OffsetsForLeaderEpochRequest__Output } from '../../runnel/v1/OffsetsForLeaderEpochRequest.js';
import type { OffsetsForLeaderEpochResponse as _runnel_v1_OffsetsForLeaderEpochResponse, OffsetsForLeaderEpochResponse__Output as _runnel_v1_OffsetsForLeaderEpochResponse__Output } from '../../runnel/v1/OffsetsForLeaderEpochResponse.js';
import type { ReplicaFetchRequest as _runnel_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _runnel_v1_ReplicaFetchRequest__Output } from '../../runnel/v1/ReplicaFetchRequest.js';
import type { ReplicaFetchResponse as _runnel_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _runnel_v1_ReplicaFetchResponse__Output } from '../../runnel/v1/ReplicaFetchResponse.js';

export interface ReplicationClient extends grpc.Client {
  OffsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  OffsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  OffsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  OffsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  offsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  offsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  offsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  offsetsForLeaderEpoch(argument: _runnel_v1_OffsetsForLeaderEpochRequest, callback: grpc.requestCallback<_runnel_v1_OffsetsForLeaderEpochResponse__Output>): grpc.ClientUnaryCall;
  
  ReplicaFetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchResponse__Output>;
  ReplicaFetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchResponse__Output>;
  replicaFetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchResponse__Output>;
  replicaFetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchResponse__Output>;
  
}

export interface ReplicationHandlers extends grpc.UntypedServiceImplementation {
  OffsetsForLeaderEpoch: grpc.handleUnaryCall<_runnel_v1_OffsetsForLeaderEpochRequest__Output, _runnel_v1_OffsetsForLeaderEpochResponse>;
  
  ReplicaFetch: grpc.handleBidiStreamingCall<_runnel_v1_ReplicaFetchRequest__Output, _runnel_v1_ReplicaFetchResponse>;
  
}

export interface ReplicationDefinition extends grpc.ServiceDefinition {
  OffsetsForLeaderEpoch: MethodDefinition<_runnel_v1_OffsetsForLeaderEpochRequest, _runnel_v1_OffsetsForLeaderEpochResponse, _runnel_v1_OffsetsForLeaderEpochRequest__Output, _runnel_v1_OffsetsForLeaderEpochResponse__Output>
  ReplicaFetch: MethodDefinition<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchResponse, _runnel_v1_ReplicaFetchRequest__Output, _runnel_v1_ReplicaFetchResponse__Output>
}
