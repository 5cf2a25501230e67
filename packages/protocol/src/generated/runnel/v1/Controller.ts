// Original file: proto/runnel/v1/controller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddVoterRequest as _runnel_v1_AddVoterRequest, AddVoterRequest__Output as _runnel_v1_AddVoterRequest__Output } from '../../runnel/v1/AddVoterRequest.js';
import type { AddVoterResponse as _runnel_v1_AddVoterResponse, AddVoterResponse__Output as _runnel_v1_AddVoterResponse__Output } from '../../runnel/v1/AddVoterResponse.js';
import type { AllocateProducerIdsRequest as _runnel_v1_AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output as _runnel_v1_AllocateProducerIdsRequest__Output } from '../../runnel/v1/AllocateProducerIdsRequest.js';
import type { AllocateProducerIdsResponse as _runnel_v1_AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output as _runnel_v1_AllocateProducerIdsResponse__Output } from '../../runnel/v1/AllocateProducerIdsResponse.js';
import type { AlterPartitionReassignmentsRequest as _runnel_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _runnel_v1_AlterPartitionReassignmentsRequest__Output } from '../../runnel/v1/AlterPartitionReassignmentsRequest.js';
import type { AlterPartitionReassignmentsResponse as _runnel_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _runnel_v1_AlterPartitionReassignmentsResponse__Output } from '../../runnel/v1/AlterPartitionReassignmentsResponse.js';
import type { AlterPartitionRequest as _runnel_v1_AlterPartitionRequest, AlterPartitionRequest__Output as _runnel_v1_AlterPartitionRequest__Output } from '../../runnel/v1/AlterPartitionRequest.js';
import type { AlterPartitionResponse as _runnel_v1_AlterPartitionResponse, AlterPartitionResponse__Output as _runnel_v1_AlterPartitionResponse__Output } from '../../runnel/v1/AlterPartitionResponse.js';
import type { AlterUserScramCredentialsRequest as _runnel_v1_AlterUserScramCredentialsRequest, AlterUserScramCredentialsRequest__Output as _runnel_v1_AlterUserScramCredentialsRequest__Output } from '../../runnel/v1/AlterUserScramCredentialsRequest.js';
import type { AlterUserScramCredentialsResponse as _runnel_v1_AlterUserScramCredentialsResponse, AlterUserScramCredentialsResponse__Output as _runnel_v1_AlterUserScramCredentialsResponse__Output } from '../../runnel/v1/AlterUserScramCredentialsResponse.js';
import type { BrokerHeartbeatRequest as _runnel_v1_BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output as _runnel_v1_BrokerHeartbeatRequest__Output } from '../../runnel/v1/BrokerHeartbeatRequest.js';
import type { BrokerHeartbeatResponse as _runnel_v1_BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output as _runnel_v1_BrokerHeartbeatResponse__Output } from '../../runnel/v1/BrokerHeartbeatResponse.js';
import type { BrokerLivenessRequest as _runnel_v1_BrokerLivenessRequest, BrokerLivenessRequest__Output as _runnel_v1_BrokerLivenessRequest__Output } from '../../runnel/v1/BrokerLivenessRequest.js';
import type { BrokerLivenessResponse as _runnel_v1_BrokerLivenessResponse, BrokerLivenessResponse__Output as _runnel_v1_BrokerLivenessResponse__Output } from '../../runnel/v1/BrokerLivenessResponse.js';
import type { CreateAclsRequest as _runnel_v1_CreateAclsRequest, CreateAclsRequest__Output as _runnel_v1_CreateAclsRequest__Output } from '../../runnel/v1/CreateAclsRequest.js';
import type { CreateAclsResponse as _runnel_v1_CreateAclsResponse, CreateAclsResponse__Output as _runnel_v1_CreateAclsResponse__Output } from '../../runnel/v1/CreateAclsResponse.js';
import type { CreatePartitionsRequest as _runnel_v1_CreatePartitionsRequest, CreatePartitionsRequest__Output as _runnel_v1_CreatePartitionsRequest__Output } from '../../runnel/v1/CreatePartitionsRequest.js';
import type { CreatePartitionsResponse as _runnel_v1_CreatePartitionsResponse, CreatePartitionsResponse__Output as _runnel_v1_CreatePartitionsResponse__Output } from '../../runnel/v1/CreatePartitionsResponse.js';
import type { CreateTopicsRequest as _runnel_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _runnel_v1_CreateTopicsRequest__Output } from '../../runnel/v1/CreateTopicsRequest.js';
import type { CreateTopicsResponse as _runnel_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _runnel_v1_CreateTopicsResponse__Output } from '../../runnel/v1/CreateTopicsResponse.js';
import type { DeleteAclsRequest as _runnel_v1_DeleteAclsRequest, DeleteAclsRequest__Output as _runnel_v1_DeleteAclsRequest__Output } from '../../runnel/v1/DeleteAclsRequest.js';
import type { DeleteAclsResponse as _runnel_v1_DeleteAclsResponse, DeleteAclsResponse__Output as _runnel_v1_DeleteAclsResponse__Output } from '../../runnel/v1/DeleteAclsResponse.js';
import type { DeleteTopicsRequest as _runnel_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _runnel_v1_DeleteTopicsRequest__Output } from '../../runnel/v1/DeleteTopicsRequest.js';
import type { DeleteTopicsResponse as _runnel_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _runnel_v1_DeleteTopicsResponse__Output } from '../../runnel/v1/DeleteTopicsResponse.js';
import type { DescribeQuorumRequest as _runnel_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _runnel_v1_DescribeQuorumRequest__Output } from '../../runnel/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _runnel_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _runnel_v1_DescribeQuorumResponse__Output } from '../../runnel/v1/DescribeQuorumResponse.js';
import type { ElectLeadersRequest as _runnel_v1_ElectLeadersRequest, ElectLeadersRequest__Output as _runnel_v1_ElectLeadersRequest__Output } from '../../runnel/v1/ElectLeadersRequest.js';
import type { ElectLeadersResponse as _runnel_v1_ElectLeadersResponse, ElectLeadersResponse__Output as _runnel_v1_ElectLeadersResponse__Output } from '../../runnel/v1/ElectLeadersResponse.js';
import type { IncrementalAlterConfigsRequest as _runnel_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _runnel_v1_IncrementalAlterConfigsRequest__Output } from '../../runnel/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _runnel_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _runnel_v1_IncrementalAlterConfigsResponse__Output } from '../../runnel/v1/IncrementalAlterConfigsResponse.js';
import type { ListPartitionReassignmentsRequest as _runnel_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _runnel_v1_ListPartitionReassignmentsRequest__Output } from '../../runnel/v1/ListPartitionReassignmentsRequest.js';
import type { ListPartitionReassignmentsResponse as _runnel_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _runnel_v1_ListPartitionReassignmentsResponse__Output } from '../../runnel/v1/ListPartitionReassignmentsResponse.js';
import type { RegisterBrokerRequest as _runnel_v1_RegisterBrokerRequest, RegisterBrokerRequest__Output as _runnel_v1_RegisterBrokerRequest__Output } from '../../runnel/v1/RegisterBrokerRequest.js';
import type { RegisterBrokerResponse as _runnel_v1_RegisterBrokerResponse, RegisterBrokerResponse__Output as _runnel_v1_RegisterBrokerResponse__Output } from '../../runnel/v1/RegisterBrokerResponse.js';
import type { RemoveVoterRequest as _runnel_v1_RemoveVoterRequest, RemoveVoterRequest__Output as _runnel_v1_RemoveVoterRequest__Output } from '../../runnel/v1/RemoveVoterRequest.js';
import type { RemoveVoterResponse as _runnel_v1_RemoveVoterResponse, RemoveVoterResponse__Output as _runnel_v1_RemoveVoterResponse__Output } from '../../runnel/v1/RemoveVoterResponse.js';
import type { UnregisterBrokerRequest as _runnel_v1_UnregisterBrokerRequest, UnregisterBrokerRequest__Output as _runnel_v1_UnregisterBrokerRequest__Output } from '../../runnel/v1/UnregisterBrokerRequest.js';
import type { UnregisterBrokerResponse as _runnel_v1_UnregisterBrokerResponse, UnregisterBrokerResponse__Output as _runnel_v1_UnregisterBrokerResponse__Output } from '../../runnel/v1/UnregisterBrokerResponse.js';

export interface ControllerClient extends grpc.Client {
  AddVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddVoter(argument: _runnel_v1_AddVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddVoter(argument: _runnel_v1_AddVoterRequest, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addVoter(argument: _runnel_v1_AddVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addVoter(argument: _runnel_v1_AddVoterRequest, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  
  AllocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _runnel_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_runnel_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  
  AlterPartition(argument: _runnel_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _runnel_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _runnel_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _runnel_v1_AlterPartitionRequest, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _runnel_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _runnel_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _runnel_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _runnel_v1_AlterPartitionRequest, callback: grpc.requestCallback<_runnel_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  
  AlterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  AlterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  alterPartitionReassignments(argument: _runnel_v1_AlterPartitionReassignmentsRequest, callback: grpc.requestCallback<_runnel_v1_AlterPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  AlterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  AlterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  AlterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  AlterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  alterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  alterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  alterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  alterUserScramCredentials(argument: _runnel_v1_AlterUserScramCredentialsRequest, callback: grpc.requestCallback<_runnel_v1_AlterUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  
  BrokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _runnel_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_runnel_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  BrokerLiveness(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_BrokerLivenessRequest, _runnel_v1_BrokerLivenessResponse__Output>;
  BrokerLiveness(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_BrokerLivenessRequest, _runnel_v1_BrokerLivenessResponse__Output>;
  brokerLiveness(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_BrokerLivenessRequest, _runnel_v1_BrokerLivenessResponse__Output>;
  brokerLiveness(options?: grpc.CallOptions): grpc.ClientDuplexStream<_runnel_v1_BrokerLivenessRequest, _runnel_v1_BrokerLivenessResponse__Output>;
  
  CreateAcls(argument: _runnel_v1_CreateAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  CreateAcls(argument: _runnel_v1_CreateAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  CreateAcls(argument: _runnel_v1_CreateAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  CreateAcls(argument: _runnel_v1_CreateAclsRequest, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  createAcls(argument: _runnel_v1_CreateAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  createAcls(argument: _runnel_v1_CreateAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  createAcls(argument: _runnel_v1_CreateAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  createAcls(argument: _runnel_v1_CreateAclsRequest, callback: grpc.requestCallback<_runnel_v1_CreateAclsResponse__Output>): grpc.ClientUnaryCall;
  
  CreatePartitions(argument: _runnel_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _runnel_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _runnel_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  CreatePartitions(argument: _runnel_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _runnel_v1_CreatePartitionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _runnel_v1_CreatePartitionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _runnel_v1_CreatePartitionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  createPartitions(argument: _runnel_v1_CreatePartitionsRequest, callback: grpc.requestCallback<_runnel_v1_CreatePartitionsResponse__Output>): grpc.ClientUnaryCall;
  
  CreateTopics(argument: _runnel_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _runnel_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _runnel_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _runnel_v1_CreateTopicsRequest, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _runnel_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _runnel_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _runnel_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _runnel_v1_CreateTopicsRequest, callback: grpc.requestCallback<_runnel_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteAcls(argument: _runnel_v1_DeleteAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  DeleteAcls(argument: _runnel_v1_DeleteAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  DeleteAcls(argument: _runnel_v1_DeleteAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  DeleteAcls(argument: _runnel_v1_DeleteAclsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  deleteAcls(argument: _runnel_v1_DeleteAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  deleteAcls(argument: _runnel_v1_DeleteAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  deleteAcls(argument: _runnel_v1_DeleteAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  deleteAcls(argument: _runnel_v1_DeleteAclsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteAclsResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTopics(argument: _runnel_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _runnel_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _runnel_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _runnel_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _runnel_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _runnel_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _runnel_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _runnel_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  
  ElectLeaders(argument: _runnel_v1_ElectLeadersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  ElectLeaders(argument: _runnel_v1_ElectLeadersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  ElectLeaders(argument: _runnel_v1_ElectLeadersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  ElectLeaders(argument: _runnel_v1_ElectLeadersRequest, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  electLeaders(argument: _runnel_v1_ElectLeadersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  electLeaders(argument: _runnel_v1_ElectLeadersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  electLeaders(argument: _runnel_v1_ElectLeadersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  electLeaders(argument: _runnel_v1_ElectLeadersRequest, callback: grpc.requestCallback<_runnel_v1_ElectLeadersResponse__Output>): grpc.ClientUnaryCall;
  
  IncrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _runnel_v1_IncrementalAlterConfigsRequest, callback: grpc.requestCallback<_runnel_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  ListPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  listPartitionReassignments(argument: _runnel_v1_ListPartitionReassignmentsRequest, callback: grpc.requestCallback<_runnel_v1_ListPartitionReassignmentsResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterBroker(argument: _runnel_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _runnel_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _runnel_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _runnel_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _runnel_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _runnel_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _runnel_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _runnel_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_runnel_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveVoter(argument: _runnel_v1_RemoveVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveVoter(argument: _runnel_v1_RemoveVoterRequest, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeVoter(argument: _runnel_v1_RemoveVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeVoter(argument: _runnel_v1_RemoveVoterRequest, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  
  UnregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  UnregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  UnregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  UnregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  unregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  unregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  unregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  unregisterBroker(argument: _runnel_v1_UnregisterBrokerRequest, callback: grpc.requestCallback<_runnel_v1_UnregisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ControllerHandlers extends grpc.UntypedServiceImplementation {
  AddVoter: grpc.handleUnaryCall<_runnel_v1_AddVoterRequest__Output, _runnel_v1_AddVoterResponse>;
  
  AllocateProducerIds: grpc.handleUnaryCall<_runnel_v1_AllocateProducerIdsRequest__Output, _runnel_v1_AllocateProducerIdsResponse>;
  
  AlterPartition: grpc.handleUnaryCall<_runnel_v1_AlterPartitionRequest__Output, _runnel_v1_AlterPartitionResponse>;
  
  AlterPartitionReassignments: grpc.handleUnaryCall<_runnel_v1_AlterPartitionReassignmentsRequest__Output, _runnel_v1_AlterPartitionReassignmentsResponse>;
  
  AlterUserScramCredentials: grpc.handleUnaryCall<_runnel_v1_AlterUserScramCredentialsRequest__Output, _runnel_v1_AlterUserScramCredentialsResponse>;
  
  BrokerHeartbeat: grpc.handleUnaryCall<_runnel_v1_BrokerHeartbeatRequest__Output, _runnel_v1_BrokerHeartbeatResponse>;
  
  BrokerLiveness: grpc.handleBidiStreamingCall<_runnel_v1_BrokerLivenessRequest__Output, _runnel_v1_BrokerLivenessResponse>;
  
  CreateAcls: grpc.handleUnaryCall<_runnel_v1_CreateAclsRequest__Output, _runnel_v1_CreateAclsResponse>;
  
  CreatePartitions: grpc.handleUnaryCall<_runnel_v1_CreatePartitionsRequest__Output, _runnel_v1_CreatePartitionsResponse>;
  
  CreateTopics: grpc.handleUnaryCall<_runnel_v1_CreateTopicsRequest__Output, _runnel_v1_CreateTopicsResponse>;
  
  DeleteAcls: grpc.handleUnaryCall<_runnel_v1_DeleteAclsRequest__Output, _runnel_v1_DeleteAclsResponse>;
  
  DeleteTopics: grpc.handleUnaryCall<_runnel_v1_DeleteTopicsRequest__Output, _runnel_v1_DeleteTopicsResponse>;
  
  DescribeQuorum: grpc.handleUnaryCall<_runnel_v1_DescribeQuorumRequest__Output, _runnel_v1_DescribeQuorumResponse>;
  
  ElectLeaders: grpc.handleUnaryCall<_runnel_v1_ElectLeadersRequest__Output, _runnel_v1_ElectLeadersResponse>;
  
  IncrementalAlterConfigs: grpc.handleUnaryCall<_runnel_v1_IncrementalAlterConfigsRequest__Output, _runnel_v1_IncrementalAlterConfigsResponse>;
  
  ListPartitionReassignments: grpc.handleUnaryCall<_runnel_v1_ListPartitionReassignmentsRequest__Output, _runnel_v1_ListPartitionReassignmentsResponse>;
  
  RegisterBroker: grpc.handleUnaryCall<_runnel_v1_RegisterBrokerRequest__Output, _runnel_v1_RegisterBrokerResponse>;
  
  RemoveVoter: grpc.handleUnaryCall<_runnel_v1_RemoveVoterRequest__Output, _runnel_v1_RemoveVoterResponse>;
  
  UnregisterBroker: grpc.handleUnaryCall<_runnel_v1_UnregisterBrokerRequest__Output, _runnel_v1_UnregisterBrokerResponse>;
  
}

export interface ControllerDefinition extends grpc.ServiceDefinition {
  AddVoter: MethodDefinition<_runnel_v1_AddVoterRequest, _runnel_v1_AddVoterResponse, _runnel_v1_AddVoterRequest__Output, _runnel_v1_AddVoterResponse__Output>
  AllocateProducerIds: MethodDefinition<_runnel_v1_AllocateProducerIdsRequest, _runnel_v1_AllocateProducerIdsResponse, _runnel_v1_AllocateProducerIdsRequest__Output, _runnel_v1_AllocateProducerIdsResponse__Output>
  AlterPartition: MethodDefinition<_runnel_v1_AlterPartitionRequest, _runnel_v1_AlterPartitionResponse, _runnel_v1_AlterPartitionRequest__Output, _runnel_v1_AlterPartitionResponse__Output>
  AlterPartitionReassignments: MethodDefinition<_runnel_v1_AlterPartitionReassignmentsRequest, _runnel_v1_AlterPartitionReassignmentsResponse, _runnel_v1_AlterPartitionReassignmentsRequest__Output, _runnel_v1_AlterPartitionReassignmentsResponse__Output>
  AlterUserScramCredentials: MethodDefinition<_runnel_v1_AlterUserScramCredentialsRequest, _runnel_v1_AlterUserScramCredentialsResponse, _runnel_v1_AlterUserScramCredentialsRequest__Output, _runnel_v1_AlterUserScramCredentialsResponse__Output>
  BrokerHeartbeat: MethodDefinition<_runnel_v1_BrokerHeartbeatRequest, _runnel_v1_BrokerHeartbeatResponse, _runnel_v1_BrokerHeartbeatRequest__Output, _runnel_v1_BrokerHeartbeatResponse__Output>
  BrokerLiveness: MethodDefinition<_runnel_v1_BrokerLivenessRequest, _runnel_v1_BrokerLivenessResponse, _runnel_v1_BrokerLivenessRequest__Output, _runnel_v1_BrokerLivenessResponse__Output>
  CreateAcls: MethodDefinition<_runnel_v1_CreateAclsRequest, _runnel_v1_CreateAclsResponse, _runnel_v1_CreateAclsRequest__Output, _runnel_v1_CreateAclsResponse__Output>
  CreatePartitions: MethodDefinition<_runnel_v1_CreatePartitionsRequest, _runnel_v1_CreatePartitionsResponse, _runnel_v1_CreatePartitionsRequest__Output, _runnel_v1_CreatePartitionsResponse__Output>
  CreateTopics: MethodDefinition<_runnel_v1_CreateTopicsRequest, _runnel_v1_CreateTopicsResponse, _runnel_v1_CreateTopicsRequest__Output, _runnel_v1_CreateTopicsResponse__Output>
  DeleteAcls: MethodDefinition<_runnel_v1_DeleteAclsRequest, _runnel_v1_DeleteAclsResponse, _runnel_v1_DeleteAclsRequest__Output, _runnel_v1_DeleteAclsResponse__Output>
  DeleteTopics: MethodDefinition<_runnel_v1_DeleteTopicsRequest, _runnel_v1_DeleteTopicsResponse, _runnel_v1_DeleteTopicsRequest__Output, _runnel_v1_DeleteTopicsResponse__Output>
  DescribeQuorum: MethodDefinition<_runnel_v1_DescribeQuorumRequest, _runnel_v1_DescribeQuorumResponse, _runnel_v1_DescribeQuorumRequest__Output, _runnel_v1_DescribeQuorumResponse__Output>
  ElectLeaders: MethodDefinition<_runnel_v1_ElectLeadersRequest, _runnel_v1_ElectLeadersResponse, _runnel_v1_ElectLeadersRequest__Output, _runnel_v1_ElectLeadersResponse__Output>
  IncrementalAlterConfigs: MethodDefinition<_runnel_v1_IncrementalAlterConfigsRequest, _runnel_v1_IncrementalAlterConfigsResponse, _runnel_v1_IncrementalAlterConfigsRequest__Output, _runnel_v1_IncrementalAlterConfigsResponse__Output>
  ListPartitionReassignments: MethodDefinition<_runnel_v1_ListPartitionReassignmentsRequest, _runnel_v1_ListPartitionReassignmentsResponse, _runnel_v1_ListPartitionReassignmentsRequest__Output, _runnel_v1_ListPartitionReassignmentsResponse__Output>
  RegisterBroker: MethodDefinition<_runnel_v1_RegisterBrokerRequest, _runnel_v1_RegisterBrokerResponse, _runnel_v1_RegisterBrokerRequest__Output, _runnel_v1_RegisterBrokerResponse__Output>
  RemoveVoter: MethodDefinition<_runnel_v1_RemoveVoterRequest, _runnel_v1_RemoveVoterResponse, _runnel_v1_RemoveVoterRequest__Output, _runnel_v1_RemoveVoterResponse__Output>
  UnregisterBroker: MethodDefinition<_runnel_v1_UnregisterBrokerRequest, _runnel_v1_UnregisterBrokerResponse, _runnel_v1_UnregisterBrokerRequest__Output, _runnel_v1_UnregisterBrokerResponse__Output>
}
