// Original file: proto/runnel/v1/quorum.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from '../../runnel/v1/Empty.js';
import type { FetchSnapshotRequest as _runnel_v1_FetchSnapshotRequest, FetchSnapshotRequest__Output as _runnel_v1_FetchSnapshotRequest__Output } from '../../runnel/v1/FetchSnapshotRequest.js';
import type { FetchSnapshotResponse as _runnel_v1_FetchSnapshotResponse, FetchSnapshotResponse__Output as _runnel_v1_FetchSnapshotResponse__Output } from '../../runnel/v1/FetchSnapshotResponse.js';
import type { QuorumFetchRequest as _runnel_v1_QuorumFetchRequest, QuorumFetchRequest__Output as _runnel_v1_QuorumFetchRequest__Output } from '../../runnel/v1/QuorumFetchRequest.js';
import type { QuorumFetchResponse as _runnel_v1_QuorumFetchResponse, QuorumFetchResponse__Output as _runnel_v1_QuorumFetchResponse__Output } from '../../runnel/v1/QuorumFetchResponse.js';
import type { RaftMessage as _runnel_v1_RaftMessage, RaftMessage__Output as _runnel_v1_RaftMessage__Output } from '../../runnel/v1/RaftMessage.js';

export interface QuorumClient extends grpc.Client {
  Fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchResponse__Output>;
  Fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchResponse__Output>;
  fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchResponse__Output>;
  fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchResponse__Output>;
  
  FetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  FetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  FetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  FetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  fetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  fetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  fetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  fetchSnapshot(argument: _runnel_v1_FetchSnapshotRequest, callback: grpc.requestCallback<_runnel_v1_FetchSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  Send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  Send(metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  Send(options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  Send(callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  send(metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  send(options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  send(callback: grpc.requestCallback<_runnel_v1_Empty__Output>): grpc.ClientWritableStream<_runnel_v1_RaftMessage>;
  
}

export interface QuorumHandlers extends grpc.UntypedServiceImplementation {
  Fetch: grpc.handleBidiStreamingCall<_runnel_v1_QuorumFetchRequest__Output, _runnel_v1_QuorumFetchResponse>;
  
  FetchSnapshot: grpc.handleUnaryCall<_runnel_v1_FetchSnapshotRequest__Output, _runnel_v1_FetchSnapshotResponse>;
  
  Send: grpc.handleClientStreamingCall<_runnel_v1_RaftMessage__Output, _runnel_v1_Empty>;
  
}

export interface QuorumDefinition extends grpc.ServiceDefinition {
  Fetch: MethodDefinition<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchResponse, _runnel_v1_QuorumFetchRequest__Output, _runnel_v1_QuorumFetchResponse__Output>
  FetchSnapshot: MethodDefinition<_runnel_v1_FetchSnapshotRequest, _runnel_v1_FetchSnapshotResponse, _runnel_v1_FetchSnapshotRequest__Output, _runnel_v1_FetchSnapshotResponse__Output>
  Send: MethodDefinition<_runnel_v1_RaftMessage, _runnel_v1_Empty, _runnel_v1_RaftMessage__Output, _runnel_v1_Empty__Output>
}
