// Original file: proto/runnel/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddVoterRequest as _runnel_v1_AddVoterRequest, AddVoterRequest__Output as _runnel_v1_AddVoterRequest__Output } from '../../runnel/v1/AddVoterRequest.js';
import type { AddVoterResponse as _runnel_v1_AddVoterResponse, AddVoterResponse__Output as _runnel_v1_AddVoterResponse__Output } from '../../runnel/v1/AddVoterResponse.js';
import type { AlterPartitionReassignmentsRequest as _runnel_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _runnel_v1_AlterPartitionReassignmentsRequest__Output } from '../../runnel/v1/AlterPartitionReassignmentsRequest.js';
import type { AlterPartitionReassignmentsResponse as _runnel_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _runnel_v1_AlterPartitionReassignmentsResponse__Output } from '../../runnel/v1/AlterPartitionReassignmentsResponse.js';
import type { AlterUserScramCredentialsRequest as _runnel_v1_AlterUserScramCredentialsRequest, AlterUserScramCredentialsRequest__Output as _runnel_v1_AlterUserScramCredentialsRequest__Output } from '../../runnel/v1/AlterUserScramCredentialsRequest.js';
import type { AlterUserScramCredentialsResponse as _runnel_v1_AlterUserScramCredentialsResponse, AlterUserScramCredentialsResponse__Output as _runnel_v1_AlterUserScramCredentialsResponse__Output } from '../../runnel/v1/AlterUserScramCredentialsResponse.js';
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
import type { DescribeAclsRequest as _runnel_v1_DescribeAclsRequest, DescribeAclsRequest__Output as _runnel_v1_DescribeAclsRequest__Output } from '../../runnel/v1/DescribeAclsRequest.js';
import type { DescribeAclsResponse as _runnel_v1_DescribeAclsResponse, DescribeAclsResponse__Output as _runnel_v1_DescribeAclsResponse__Output } from '../../runnel/v1/DescribeAclsResponse.js';
import type { DescribeClusterRequest as _runnel_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _runnel_v1_DescribeClusterRequest__Output } from '../../runnel/v1/DescribeClusterRequest.js';
import type { DescribeClusterResponse as _runnel_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _runnel_v1_DescribeClusterResponse__Output } from '../../runnel/v1/DescribeClusterResponse.js';
import type { DescribeConfigsRequest as _runnel_v1_DescribeConfigsRequest, DescribeConfigsRequest__Output as _runnel_v1_DescribeConfigsRequest__Output } from '../../runnel/v1/DescribeConfigsRequest.js';
import type { DescribeConfigsResponse as _runnel_v1_DescribeConfigsResponse, DescribeConfigsResponse__Output as _runnel_v1_DescribeConfigsResponse__Output } from '../../runnel/v1/DescribeConfigsResponse.js';
import type { DescribeLogDirsRequest as _runnel_v1_DescribeLogDirsRequest, DescribeLogDirsRequest__Output as _runnel_v1_DescribeLogDirsRequest__Output } from '../../runnel/v1/DescribeLogDirsRequest.js';
import type { DescribeLogDirsResponse as _runnel_v1_DescribeLogDirsResponse, DescribeLogDirsResponse__Output as _runnel_v1_DescribeLogDirsResponse__Output } from '../../runnel/v1/DescribeLogDirsResponse.js';
import type { DescribeQuorumRequest as _runnel_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _runnel_v1_DescribeQuorumRequest__Output } from '../../runnel/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _runnel_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _runnel_v1_DescribeQuorumResponse__Output } from '../../runnel/v1/DescribeQuorumResponse.js';
import type { DescribeUserScramCredentialsRequest as _runnel_v1_DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsRequest__Output as _runnel_v1_DescribeUserScramCredentialsRequest__Output } from '../../runnel/v1/DescribeUserScramCredentialsRequest.js';
import type { DescribeUserScramCredentialsResponse as _runnel_v1_DescribeUserScramCredentialsResponse, DescribeUserScramCredentialsResponse__Output as _runnel_v1_DescribeUserScramCredentialsResponse__Output } from '../../runnel/v1/DescribeUserScramCredentialsResponse.js';
import type { ElectLeadersRequest as _runnel_v1_ElectLeadersRequest, ElectLeadersRequest__Output as _runnel_v1_ElectLeadersRequest__Output } from '../../runnel/v1/ElectLeadersRequest.js';
import type { ElectLeadersResponse as _runnel_v1_ElectLeadersResponse, ElectLeadersResponse__Output as _runnel_v1_ElectLeadersResponse__Output } from '../../runnel/v1/ElectLeadersResponse.js';
import type { IncrementalAlterConfigsRequest as _runnel_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _runnel_v1_IncrementalAlterConfigsRequest__Output } from '../../runnel/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _runnel_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _runnel_v1_IncrementalAlterConfigsResponse__Output } from '../../runnel/v1/IncrementalAlterConfigsResponse.js';
import type { ListPartitionReassignmentsRequest as _runnel_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _runnel_v1_ListPartitionReassignmentsRequest__Output } from '../../runnel/v1/ListPartitionReassignmentsRequest.js';
import type { ListPartitionReassignmentsResponse as _runnel_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _runnel_v1_ListPartitionReassignmentsResponse__Output } from '../../runnel/v1/ListPartitionReassignmentsResponse.js';
import type { RemoveVoterRequest as _runnel_v1_RemoveVoterRequest, RemoveVoterRequest__Output as _runnel_v1_RemoveVoterRequest__Output } from '../../runnel/v1/RemoveVoterRequest.js';
import type { RemoveVoterResponse as _runnel_v1_RemoveVoterResponse, RemoveVoterResponse__Output as _runnel_v1_RemoveVoterResponse__Output } from '../../runnel/v1/RemoveVoterResponse.js';

export interface AdminClient extends grpc.Client {
  AddRaftVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddRaftVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddRaftVoter(argument: _runnel_v1_AddVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  AddRaftVoter(argument: _runnel_v1_AddVoterRequest, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addRaftVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addRaftVoter(argument: _runnel_v1_AddVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addRaftVoter(argument: _runnel_v1_AddVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  addRaftVoter(argument: _runnel_v1_AddVoterRequest, callback: grpc.requestCallback<_runnel_v1_AddVoterResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  DescribeAcls(argument: _runnel_v1_DescribeAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  DescribeAcls(argument: _runnel_v1_DescribeAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  DescribeAcls(argument: _runnel_v1_DescribeAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  DescribeAcls(argument: _runnel_v1_DescribeAclsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  describeAcls(argument: _runnel_v1_DescribeAclsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  describeAcls(argument: _runnel_v1_DescribeAclsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  describeAcls(argument: _runnel_v1_DescribeAclsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  describeAcls(argument: _runnel_v1_DescribeAclsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeAclsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeCluster(argument: _runnel_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _runnel_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _runnel_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _runnel_v1_DescribeClusterRequest, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _runnel_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _runnel_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _runnel_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _runnel_v1_DescribeClusterRequest, callback: grpc.requestCallback<_runnel_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeConfigs(argument: _runnel_v1_DescribeConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _runnel_v1_DescribeConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _runnel_v1_DescribeConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _runnel_v1_DescribeConfigsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _runnel_v1_DescribeConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _runnel_v1_DescribeConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _runnel_v1_DescribeConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _runnel_v1_DescribeConfigsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  DescribeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  DescribeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  DescribeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  describeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  describeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  describeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  describeLogDirs(argument: _runnel_v1_DescribeLogDirsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeLogDirsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _runnel_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _runnel_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_runnel_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  DescribeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  DescribeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  DescribeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  describeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  describeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  describeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  describeUserScramCredentials(argument: _runnel_v1_DescribeUserScramCredentialsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeUserScramCredentialsResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  RemoveRaftVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveRaftVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveRaftVoter(argument: _runnel_v1_RemoveVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  RemoveRaftVoter(argument: _runnel_v1_RemoveVoterRequest, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeRaftVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeRaftVoter(argument: _runnel_v1_RemoveVoterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeRaftVoter(argument: _runnel_v1_RemoveVoterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  removeRaftVoter(argument: _runnel_v1_RemoveVoterRequest, callback: grpc.requestCallback<_runnel_v1_RemoveVoterResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminHandlers extends grpc.UntypedServiceImplementation {
  AddRaftVoter: grpc.handleUnaryCall<_runnel_v1_AddVoterRequest__Output, _runnel_v1_AddVoterResponse>;
  
  AlterPartitionReassignments: grpc.handleUnaryCall<_runnel_v1_AlterPartitionReassignmentsRequest__Output, _runnel_v1_AlterPartitionReassignmentsResponse>;
  
  AlterUserScramCredentials: grpc.handleUnaryCall<_runnel_v1_AlterUserScramCredentialsRequest__Output, _runnel_v1_AlterUserScramCredentialsResponse>;
  
  CreateAcls: grpc.handleUnaryCall<_runnel_v1_CreateAclsRequest__Output, _runnel_v1_CreateAclsResponse>;
  
  CreatePartitions: grpc.handleUnaryCall<_runnel_v1_CreatePartitionsRequest__Output, _runnel_v1_CreatePartitionsResponse>;
  
  CreateTopics: grpc.handleUnaryCall<_runnel_v1_CreateTopicsRequest__Output, _runnel_v1_CreateTopicsResponse>;
  
  DeleteAcls: grpc.handleUnaryCall<_runnel_v1_DeleteAclsRequest__Output, _runnel_v1_DeleteAclsResponse>;
  
  DeleteTopics: grpc.handleUnaryCall<_runnel_v1_DeleteTopicsRequest__Output, _runnel_v1_DeleteTopicsResponse>;
  
  DescribeAcls: grpc.handleUnaryCall<_runnel_v1_DescribeAclsRequest__Output, _runnel_v1_DescribeAclsResponse>;
  
  DescribeCluster: grpc.handleUnaryCall<_runnel_v1_DescribeClusterRequest__Output, _runnel_v1_DescribeClusterResponse>;
  
  DescribeConfigs: grpc.handleUnaryCall<_runnel_v1_DescribeConfigsRequest__Output, _runnel_v1_DescribeConfigsResponse>;
  
  DescribeLogDirs: grpc.handleUnaryCall<_runnel_v1_DescribeLogDirsRequest__Output, _runnel_v1_DescribeLogDirsResponse>;
  
  DescribeQuorum: grpc.handleUnaryCall<_runnel_v1_DescribeQuorumRequest__Output, _runnel_v1_DescribeQuorumResponse>;
  
  DescribeUserScramCredentials: grpc.handleUnaryCall<_runnel_v1_DescribeUserScramCredentialsRequest__Output, _runnel_v1_DescribeUserScramCredentialsResponse>;
  
  ElectLeaders: grpc.handleUnaryCall<_runnel_v1_ElectLeadersRequest__Output, _runnel_v1_ElectLeadersResponse>;
  
  IncrementalAlterConfigs: grpc.handleUnaryCall<_runnel_v1_IncrementalAlterConfigsRequest__Output, _runnel_v1_IncrementalAlterConfigsResponse>;
  
  ListPartitionReassignments: grpc.handleUnaryCall<_runnel_v1_ListPartitionReassignmentsRequest__Output, _runnel_v1_ListPartitionReassignmentsResponse>;
  
  RemoveRaftVoter: grpc.handleUnaryCall<_runnel_v1_RemoveVoterRequest__Output, _runnel_v1_RemoveVoterResponse>;
  
}

export interface AdminDefinition extends grpc.ServiceDefinition {
  AddRaftVoter: MethodDefinition<_runnel_v1_AddVoterRequest, _runnel_v1_AddVoterResponse, _runnel_v1_AddVoterRequest__Output, _runnel_v1_AddVoterResponse__Output>
  AlterPartitionReassignments: MethodDefinition<_runnel_v1_AlterPartitionReassignmentsRequest, _runnel_v1_AlterPartitionReassignmentsResponse, _runnel_v1_AlterPartitionReassignmentsRequest__Output, _runnel_v1_AlterPartitionReassignmentsResponse__Output>
  AlterUserScramCredentials: MethodDefinition<_runnel_v1_AlterUserScramCredentialsRequest, _runnel_v1_AlterUserScramCredentialsResponse, _runnel_v1_AlterUserScramCredentialsRequest__Output, _runnel_v1_AlterUserScramCredentialsResponse__Output>
  CreateAcls: MethodDefinition<_runnel_v1_CreateAclsRequest, _runnel_v1_CreateAclsResponse, _runnel_v1_CreateAclsRequest__Output, _runnel_v1_CreateAclsResponse__Output>
  CreatePartitions: MethodDefinition<_runnel_v1_CreatePartitionsRequest, _runnel_v1_CreatePartitionsResponse, _runnel_v1_CreatePartitionsRequest__Output, _runnel_v1_CreatePartitionsResponse__Output>
  CreateTopics: MethodDefinition<_runnel_v1_CreateTopicsRequest, _runnel_v1_CreateTopicsResponse, _runnel_v1_CreateTopicsRequest__Output, _runnel_v1_CreateTopicsResponse__Output>
  DeleteAcls: MethodDefinition<_runnel_v1_DeleteAclsRequest, _runnel_v1_DeleteAclsResponse, _runnel_v1_DeleteAclsRequest__Output, _runnel_v1_DeleteAclsResponse__Output>
  DeleteTopics: MethodDefinition<_runnel_v1_DeleteTopicsRequest, _runnel_v1_DeleteTopicsResponse, _runnel_v1_DeleteTopicsRequest__Output, _runnel_v1_DeleteTopicsResponse__Output>
  DescribeAcls: MethodDefinition<_runnel_v1_DescribeAclsRequest, _runnel_v1_DescribeAclsResponse, _runnel_v1_DescribeAclsRequest__Output, _runnel_v1_DescribeAclsResponse__Output>
  DescribeCluster: MethodDefinition<_runnel_v1_DescribeClusterRequest, _runnel_v1_DescribeClusterResponse, _runnel_v1_DescribeClusterRequest__Output, _runnel_v1_DescribeClusterResponse__Output>
  DescribeConfigs: MethodDefinition<_runnel_v1_DescribeConfigsRequest, _runnel_v1_DescribeConfigsResponse, _runnel_v1_DescribeConfigsRequest__Output, _runnel_v1_DescribeConfigsResponse__Output>
  DescribeLogDirs: MethodDefinition<_runnel_v1_DescribeLogDirsRequest, _runnel_v1_DescribeLogDirsResponse, _runnel_v1_DescribeLogDirsRequest__Output, _runnel_v1_DescribeLogDirsResponse__Output>
  DescribeQuorum: MethodDefinition<_runnel_v1_DescribeQuorumRequest, _runnel_v1_DescribeQuorumResponse, _runnel_v1_DescribeQuorumRequest__Output, _runnel_v1_DescribeQuorumResponse__Output>
  DescribeUserScramCredentials: MethodDefinition<_runnel_v1_DescribeUserScramCredentialsRequest, _runnel_v1_DescribeUserScramCredentialsResponse, _runnel_v1_DescribeUserScramCredentialsRequest__Output, _runnel_v1_DescribeUserScramCredentialsResponse__Output>
  ElectLeaders: MethodDefinition<_runnel_v1_ElectLeadersRequest, _runnel_v1_ElectLeadersResponse, _runnel_v1_ElectLeadersRequest__Output, _runnel_v1_ElectLeadersResponse__Output>
  IncrementalAlterConfigs: MethodDefinition<_runnel_v1_IncrementalAlterConfigsRequest, _runnel_v1_IncrementalAlterConfigsResponse, _runnel_v1_IncrementalAlterConfigsRequest__Output, _runnel_v1_IncrementalAlterConfigsResponse__Output>
  ListPartitionReassignments: MethodDefinition<_runnel_v1_ListPartitionReassignmentsRequest, _runnel_v1_ListPartitionReassignmentsResponse, _runnel_v1_ListPartitionReassignmentsRequest__Output, _runnel_v1_ListPartitionReassignmentsResponse__Output>
  RemoveRaftVoter: MethodDefinition<_runnel_v1_RemoveVoterRequest, _runnel_v1_RemoveVoterResponse, _runnel_v1_RemoveVoterRequest__Output, _runnel_v1_RemoveVoterResponse__Output>
}
