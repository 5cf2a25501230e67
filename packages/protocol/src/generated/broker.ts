import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrokerClient as _runnel_v1_BrokerClient, BrokerDefinition as _runnel_v1_BrokerDefinition } from './runnel/v1/Broker.js';
import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from './runnel/v1/BrokerNode.js';
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from './runnel/v1/Empty.js';
import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from './runnel/v1/Endpoint.js';
import type { FetchPartition as _runnel_v1_FetchPartition, FetchPartition__Output as _runnel_v1_FetchPartition__Output } from './runnel/v1/FetchPartition.js';
import type { FetchPartitionResponse as _runnel_v1_FetchPartitionResponse, FetchPartitionResponse__Output as _runnel_v1_FetchPartitionResponse__Output } from './runnel/v1/FetchPartitionResponse.js';
import type { FetchRequest as _runnel_v1_FetchRequest, FetchRequest__Output as _runnel_v1_FetchRequest__Output } from './runnel/v1/FetchRequest.js';
import type { FetchResponse as _runnel_v1_FetchResponse, FetchResponse__Output as _runnel_v1_FetchResponse__Output } from './runnel/v1/FetchResponse.js';
import type { FetchTopic as _runnel_v1_FetchTopic, FetchTopic__Output as _runnel_v1_FetchTopic__Output } from './runnel/v1/FetchTopic.js';
import type { FetchTopicResponse as _runnel_v1_FetchTopicResponse, FetchTopicResponse__Output as _runnel_v1_FetchTopicResponse__Output } from './runnel/v1/FetchTopicResponse.js';
import type { InitProducerIdRequest as _runnel_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _runnel_v1_InitProducerIdRequest__Output } from './runnel/v1/InitProducerIdRequest.js';
import type { InitProducerIdResponse as _runnel_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _runnel_v1_InitProducerIdResponse__Output } from './runnel/v1/InitProducerIdResponse.js';
import type { ListOffsetsPartition as _runnel_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _runnel_v1_ListOffsetsPartition__Output } from './runnel/v1/ListOffsetsPartition.js';
import type { ListOffsetsPartitionResponse as _runnel_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _runnel_v1_ListOffsetsPartitionResponse__Output } from './runnel/v1/ListOffsetsPartitionResponse.js';
import type { ListOffsetsRequest as _runnel_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _runnel_v1_ListOffsetsRequest__Output } from './runnel/v1/ListOffsetsRequest.js';
import type { ListOffsetsResponse as _runnel_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _runnel_v1_ListOffsetsResponse__Output } from './runnel/v1/ListOffsetsResponse.js';
import type { ListOffsetsTopic as _runnel_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _runnel_v1_ListOffsetsTopic__Output } from './runnel/v1/ListOffsetsTopic.js';
import type { ListOffsetsTopicResponse as _runnel_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _runnel_v1_ListOffsetsTopicResponse__Output } from './runnel/v1/ListOffsetsTopicResponse.js';
import type { MetadataRequest as _runnel_v1_MetadataRequest, MetadataRequest__Output as _runnel_v1_MetadataRequest__Output } from './runnel/v1/MetadataRequest.js';
import type { MetadataResponse as _runnel_v1_MetadataResponse, MetadataResponse__Output as _runnel_v1_MetadataResponse__Output } from './runnel/v1/MetadataResponse.js';
import type { PartitionMetadata as _runnel_v1_PartitionMetadata, PartitionMetadata__Output as _runnel_v1_PartitionMetadata__Output } from './runnel/v1/PartitionMetadata.js';
import type { PartitionProduceData as _runnel_v1_PartitionProduceData, PartitionProduceData__Output as _runnel_v1_PartitionProduceData__Output } from './runnel/v1/PartitionProduceData.js';
import type { PartitionProduceResponse as _runnel_v1_PartitionProduceResponse, PartitionProduceResponse__Output as _runnel_v1_PartitionProduceResponse__Output } from './runnel/v1/PartitionProduceResponse.js';
import type { ProduceRequest as _runnel_v1_ProduceRequest, ProduceRequest__Output as _runnel_v1_ProduceRequest__Output } from './runnel/v1/ProduceRequest.js';
import type { ProduceResponse as _runnel_v1_ProduceResponse, ProduceResponse__Output as _runnel_v1_ProduceResponse__Output } from './runnel/v1/ProduceResponse.js';
import type { TopicMetadata as _runnel_v1_TopicMetadata, TopicMetadata__Output as _runnel_v1_TopicMetadata__Output } from './runnel/v1/TopicMetadata.js';
import type { TopicProduceData as _runnel_v1_TopicProduceData, TopicProduceData__Output as _runnel_v1_TopicProduceData__Output } from './runnel/v1/TopicProduceData.js';
import type { TopicProduceResponse as _runnel_v1_TopicProduceResponse, TopicProduceResponse__Output as _runnel_v1_TopicProduceResponse__Output } from './runnel/v1/TopicProduceResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      Broker: SubtypeConstructor<typeof grpc.Client, _runnel_v1_BrokerClient> & { service: _runnel_v1_BrokerDefinition }
      BrokerNode: MessageTypeDefinition<_runnel_v1_BrokerNode, _runnel_v1_BrokerNode__Output>
      Empty: MessageTypeDefinition<_runnel_v1_Empty, _runnel_v1_Empty__Output>
      Endpoint: MessageTypeDefinition<_runnel_v1_Endpoint, _runnel_v1_Endpoint__Output>
      FetchPartition: MessageTypeDefinition<_runnel_v1_FetchPartition, _runnel_v1_FetchPartition__Output>
      FetchPartitionResponse: MessageTypeDefinition<_runnel_v1_FetchPartitionResponse, _runnel_v1_FetchPartitionResponse__Output>
      FetchRequest: MessageTypeDefinition<_runnel_v1_FetchRequest, _runnel_v1_FetchRequest__Output>
      FetchResponse: MessageTypeDefinition<_runnel_v1_FetchResponse, _runnel_v1_FetchResponse__Output>
      FetchTopic: MessageTypeDefinition<_runnel_v1_FetchTopic, _runnel_v1_FetchTopic__Output>
      FetchTopicResponse: MessageTypeDefinition<_runnel_v1_FetchTopicResponse, _runnel_v1_FetchTopicResponse__Output>
      InitProducerIdRequest: MessageTypeDefinition<_runnel_v1_InitProducerIdRequest, _runnel_v1_InitProducerIdRequest__Output>
      InitProducerIdResponse: MessageTypeDefinition<_runnel_v1_InitProducerIdResponse, _runnel_v1_InitProducerIdResponse__Output>
      ListOffsetsPartition: MessageTypeDefinition<_runnel_v1_ListOffsetsPartition, _runnel_v1_ListOffsetsPartition__Output>
      ListOffsetsPartitionResponse: MessageTypeDefinition<_runnel_v1_ListOffsetsPartitionResponse, _runnel_v1_ListOffsetsPartitionResponse__Output>
      ListOffsetsRequest: MessageTypeDefinition<_runnel_v1_ListOffsetsRequest, _runnel_v1_ListOffsetsRequest__Output>
      ListOffsetsResponse: MessageTypeDefinition<_runnel_v1_ListOffsetsResponse, _runnel_v1_ListOffsetsResponse__Output>
      ListOffsetsTopic: MessageTypeDefinition<_runnel_v1_ListOffsetsTopic, _runnel_v1_ListOffsetsTopic__Output>
      ListOffsetsTopicResponse: MessageTypeDefinition<_runnel_v1_ListOffsetsTopicResponse, _runnel_v1_ListOffsetsTopicResponse__Output>
      MetadataRequest: MessageTypeDefinition<_runnel_v1_MetadataRequest, _runnel_v1_MetadataRequest__Output>
      MetadataResponse: MessageTypeDefinition<_runnel_v1_MetadataResponse, _runnel_v1_MetadataResponse__Output>
      PartitionMetadata: MessageTypeDefinition<_runnel_v1_PartitionMetadata, _runnel_v1_PartitionMetadata__Output>
      PartitionProduceData: MessageTypeDefinition<_runnel_v1_PartitionProduceData, _runnel_v1_PartitionProduceData__Output>
      PartitionProduceResponse: MessageTypeDefinition<_runnel_v1_PartitionProduceResponse, _runnel_v1_PartitionProduceResponse__Output>
      ProduceRequest: MessageTypeDefinition<_runnel_v1_ProduceRequest, _runnel_v1_ProduceRequest__Output>
      ProduceResponse: MessageTypeDefinition<_runnel_v1_ProduceResponse, _runnel_v1_ProduceResponse__Output>
      TopicMetadata: MessageTypeDefinition<_runnel_v1_TopicMetadata, _runnel_v1_TopicMetadata__Output>
      TopicProduceData: MessageTypeDefinition<_runnel_v1_TopicProduceData, _runnel_v1_TopicProduceData__Output>
      TopicProduceResponse: MessageTypeDefinition<_runnel_v1_TopicProduceResponse, _runnel_v1_TopicProduceResponse__Output>
    }
  }
}

