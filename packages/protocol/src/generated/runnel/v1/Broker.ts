// Original file: proto/runnel/v1/broker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { FetchRequest as _runnel_v1_FetchRequest, FetchRequest__Output as _runnel_v1_FetchRequest__Output } from '../../runnel/v1/FetchRequest.js';
import type { FetchResponse as _runnel_v1_FetchResponse, FetchResponse__Output as _runnel_v1_FetchResponse__Output } from '../../runnel/v1/FetchResponse.js';
import type { InitProducerIdRequest as _runnel_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _runnel_v1_InitProducerIdRequest__Output } from '../../runnel/v1/InitProducerIdRequest.js';
import type { InitProducerIdResponse as _runnel_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _runnel_v1_InitProducerIdResponse__Output } from '../../runnel/v1/InitProducerIdResponse.js';
import type { ListOffsetsRequest as _runnel_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _runnel_v1_ListOffsetsRequest__Output } from '../../runnel/v1/ListOffsetsRequest.js';
import type { ListOffsetsResponse as _runnel_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _runnel_v1_ListOffsetsResponse__Output } from '../../runnel/v1/ListOffsetsResponse.js';
import type { MetadataRequest as _runnel_v1_MetadataRequest, MetadataRequest__Output as _runnel_v1_MetadataRequest__Output } from '../../runnel/v1/MetadataRequest.js';
import type { MetadataResponse as _runnel_v1_MetadataResponse, MetadataResponse__Output as _runnel_v1_MetadataResponse__Output } from '../../runnel/v1/MetadataResponse.js';
import type { ProduceRequest as _runnel_v1_ProduceRequest, ProduceRequest__Output as _runnel_v1_ProduceRequest__Output } from '../../runnel/v1/ProduceRequest.js';
import type { ProduceResponse as _runnel_v1_ProduceResponse, ProduceResponse__Output as _runnel_v1_ProduceResponse__Output } from '../../runnel/v1/ProduceResponse.js';

export interface BrokerClient extends grpc.Client {
  Fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_FetchRequest, _runnel_v1_FetchResponse__Output>;
  Fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_FetchRequest, _runnel_v1_FetchResponse__Output>;
  fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_FetchRequest, _runnel_v1_FetchResponse__Output>;
  fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_FetchRequest, _runnel_v1_FetchResponse__Output>;
  
  InitProducerId(argument: _runnel_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _runnel_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _runnel_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _runnel_v1_InitProducerIdRequest, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _runnel_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _runnel_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _runnel_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _runnel_v1_InitProducerIdRequest, callback: grpc.requestCallback<_runnel_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  
  ListOffsets(argument: _runnel_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _runnel_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _runnel_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _runnel_v1_ListOffsetsRequest, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _runnel_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _runnel_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _runnel_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _runnel_v1_ListOffsetsRequest, callback: grpc.requestCallback<_runnel_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  
  Metadata(argument: _runnel_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _runnel_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _runnel_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _runnel_v1_MetadataRequest, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _runnel_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _runnel_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _runnel_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _runnel_v1_MetadataRequest, callback: grpc.requestCallback<_runnel_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  
  Produce(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ProduceRequest, _runnel_v1_ProduceResponse__Output>;
  Produce(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ProduceRequest, _runnel_v1_ProduceResponse__Output>;
  produce(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ProduceRequest, _runnel_v1_ProduceResponse__Output>;
  produce(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_ProduceRequest, _runnel_v1_ProduceResponse__Output>;
  
}

export interface BrokerHandlers extends grpc.UntypedServiceImplementation {
  Fetch: grpc.handleBidiStreamingCall<_runnel_v1_FetchRequest__Output, _runnel_v1_FetchResponse>;
  
  InitProducerId: grpc.handleUnaryCall<_runnel_v1_InitProducerIdRequest__Output, _runnel_v1_InitProducerIdResponse>;
  
  ListOffsets: grpc.handleUnaryCall<_runnel_v1_ListOffsetsRequest__Output, _runnel_v1_ListOffsetsResponse>;
  
  Metadata: grpc.handleUnaryCall<_runnel_v1_MetadataRequest__Output, _runnel_v1_MetadataResponse>;
  
  Produce: grpc.handleBidiStreamingCall<_runnel_v1_ProduceRequest__Output, _runnel_v1_ProduceResponse>;
  
}

export interface BrokerDefinition extends grpc.ServiceDefinition {
  Fetch: MethodDefinition<_runnel_v1_FetchRequest, _runnel_v1_FetchResponse, _runnel_v1_FetchRequest__Output, _runnel_v1_FetchResponse__Output>
  InitProducerId: MethodDefinition<_runnel_v1_InitProducerIdRequest, _runnel_v1_InitProducerIdResponse, _runnel_v1_InitProducerIdRequest__Output, _runnel_v1_InitProducerIdResponse__Output>
  ListOffsets: MethodDefinition<_runnel_v1_ListOffsetsRequest, _runnel_v1_ListOffsetsResponse, _runnel_v1_ListOffsetsRequest__Output, _runnel_v1_ListOffsetsResponse__Output>
  Metadata: MethodDefinition<_runnel_v1_MetadataRequest, _runnel_v1_MetadataResponse, _runnel_v1_MetadataRequest__Output, _runnel_v1_MetadataResponse__Output>
  Produce: MethodDefinition<_runnel_v1_ProduceRequest, _runnel_v1_ProduceResponse, _runnel_v1_ProduceRequest__Output, _runnel_v1_ProduceResponse__Output>
}
