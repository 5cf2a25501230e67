import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AclBinding as _runnel_v1_AclBinding, AclBinding__Output as _runnel_v1_AclBinding__Output } from './runnel/v1/AclBinding.js';
import type { AclBindingFilter as _runnel_v1_AclBindingFilter, AclBindingFilter__Output as _runnel_v1_AclBindingFilter__Output } from './runnel/v1/AclBindingFilter.js';
import type { AclResult as _runnel_v1_AclResult, AclResult__Output as _runnel_v1_AclResult__Output } from './runnel/v1/AclResult.js';
import type { AddVoterRequest as _runnel_v1_AddVoterRequest, AddVoterRequest__Output as _runnel_v1_AddVoterRequest__Output } from './runnel/v1/AddVoterRequest.js';
import type { AddVoterResponse as _runnel_v1_AddVoterResponse, AddVoterResponse__Output as _runnel_v1_AddVoterResponse__Output } from './runnel/v1/AddVoterResponse.js';
import type { AdminClient as _runnel_v1_AdminClient, AdminDefinition as _runnel_v1_AdminDefinition } from './runnel/v1/Admin.js';
import type { AlterConfigsResource as _runnel_v1_AlterConfigsResource, AlterConfigsResource__Output as _runnel_v1_AlterConfigsResource__Output } from './runnel/v1/AlterConfigsResource.js';
import type { AlterConfigsResult as _runnel_v1_AlterConfigsResult, AlterConfigsResult__Output as _runnel_v1_AlterConfigsResult__Output } from './runnel/v1/AlterConfigsResult.js';
import type { AlterPartitionReassignmentsRequest as _runnel_v1_AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsRequest__Output as _runnel_v1_AlterPartitionReassignmentsRequest__Output } from './runnel/v1/AlterPartitionReassignmentsRequest.js';
import type { AlterPartitionReassignmentsResponse as _runnel_v1_AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsResponse__Output as _runnel_v1_AlterPartitionReassignmentsResponse__Output } from './runnel/v1/AlterPartitionReassignmentsResponse.js';
import type { AlterUserScramCredentialsRequest as _runnel_v1_AlterUserScramCredentialsRequest, AlterUserScramCredentialsRequest__Output as _runnel_v1_AlterUserScramCredentialsRequest__Output } from './runnel/v1/AlterUserScramCredentialsRequest.js';
import type { AlterUserScramCredentialsResponse as _runnel_v1_AlterUserScramCredentialsResponse, AlterUserScramCredentialsResponse__Output as _runnel_v1_AlterUserScramCredentialsResponse__Output } from './runnel/v1/AlterUserScramCredentialsResponse.js';
import type { AlterUserScramCredentialsResult as _runnel_v1_AlterUserScramCredentialsResult, AlterUserScramCredentialsResult__Output as _runnel_v1_AlterUserScramCredentialsResult__Output } from './runnel/v1/AlterUserScramCredentialsResult.js';
import type { AlterableConfig as _runnel_v1_AlterableConfig, AlterableConfig__Output as _runnel_v1_AlterableConfig__Output } from './runnel/v1/AlterableConfig.js';
import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from './runnel/v1/BrokerNode.js';
import type { BrokerState as _runnel_v1_BrokerState, BrokerState__Output as _runnel_v1_BrokerState__Output } from './runnel/v1/BrokerState.js';
import type { ConfigEntry as _runnel_v1_ConfigEntry, ConfigEntry__Output as _runnel_v1_ConfigEntry__Output } from './runnel/v1/ConfigEntry.js';
import type { ConfigResource as _runnel_v1_ConfigResource, ConfigResource__Output as _runnel_v1_ConfigResource__Output } from './runnel/v1/ConfigResource.js';
import type { CreatableTopic as _runnel_v1_CreatableTopic, CreatableTopic__Output as _runnel_v1_CreatableTopic__Output } from './runnel/v1/CreatableTopic.js';
import type { CreatableTopicResult as _runnel_v1_CreatableTopicResult, CreatableTopicResult__Output as _runnel_v1_CreatableTopicResult__Output } from './runnel/v1/CreatableTopicResult.js';
import type { CreateAclsRequest as _runnel_v1_CreateAclsRequest, CreateAclsRequest__Output as _runnel_v1_CreateAclsRequest__Output } from './runnel/v1/CreateAclsRequest.js';
import type { CreateAclsResponse as _runnel_v1_CreateAclsResponse, CreateAclsResponse__Output as _runnel_v1_CreateAclsResponse__Output } from './runnel/v1/CreateAclsResponse.js';
import type { CreatePartitionsRequest as _runnel_v1_CreatePartitionsRequest, CreatePartitionsRequest__Output as _runnel_v1_CreatePartitionsRequest__Output } from './runnel/v1/CreatePartitionsRequest.js';
import type { CreatePartitionsResponse as _runnel_v1_CreatePartitionsResponse, CreatePartitionsResponse__Output as _runnel_v1_CreatePartitionsResponse__Output } from './runnel/v1/CreatePartitionsResponse.js';
import type { CreatePartitionsTopic as _runnel_v1_CreatePartitionsTopic, CreatePartitionsTopic__Output as _runnel_v1_CreatePartitionsTopic__Output } from './runnel/v1/CreatePartitionsTopic.js';
import type { CreateTopicsRequest as _runnel_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _runnel_v1_CreateTopicsRequest__Output } from './runnel/v1/CreateTopicsRequest.js';
import type { CreateTopicsResponse as _runnel_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _runnel_v1_CreateTopicsResponse__Output } from './runnel/v1/CreateTopicsResponse.js';
import type { DeleteAclsFilterResult as _runnel_v1_DeleteAclsFilterResult, DeleteAclsFilterResult__Output as _runnel_v1_DeleteAclsFilterResult__Output } from './runnel/v1/DeleteAclsFilterResult.js';
import type { DeleteAclsRequest as _runnel_v1_DeleteAclsRequest, DeleteAclsRequest__Output as _runnel_v1_DeleteAclsRequest__Output } from './runnel/v1/DeleteAclsRequest.js';
import type { DeleteAclsResponse as _runnel_v1_DeleteAclsResponse, DeleteAclsResponse__Output as _runnel_v1_DeleteAclsResponse__Output } from './runnel/v1/DeleteAclsResponse.js';
import type { DeleteTopicsRequest as _runnel_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _runnel_v1_DeleteTopicsRequest__Output } from './runnel/v1/DeleteTopicsRequest.js';
import type { DeleteTopicsResponse as _runnel_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _runnel_v1_DeleteTopicsResponse__Output } from './runnel/v1/DeleteTopicsResponse.js';
import type { DescribeAclsRequest as _runnel_v1_DescribeAclsRequest, DescribeAclsRequest__Output as _runnel_v1_DescribeAclsRequest__Output } from './runnel/v1/DescribeAclsRequest.js';
import type { DescribeAclsResponse as _runnel_v1_DescribeAclsResponse, DescribeAclsResponse__Output as _runnel_v1_DescribeAclsResponse__Output } from './runnel/v1/DescribeAclsResponse.js';
import type { DescribeClusterRequest as _runnel_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _runnel_v1_DescribeClusterRequest__Output } from './runnel/v1/DescribeClusterRequest.js';
import type { DescribeClusterResponse as _runnel_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _runnel_v1_DescribeClusterResponse__Output } from './runnel/v1/DescribeClusterResponse.js';
import type { DescribeConfigsRequest as _runnel_v1_DescribeConfigsRequest, DescribeConfigsRequest__Output as _runnel_v1_DescribeConfigsRequest__Output } from './runnel/v1/DescribeConfigsRequest.js';
import type { DescribeConfigsResponse as _runnel_v1_DescribeConfigsResponse, DescribeConfigsResponse__Output as _runnel_v1_DescribeConfigsResponse__Output } from './runnel/v1/DescribeConfigsResponse.js';
import type { DescribeConfigsResult as _runnel_v1_DescribeConfigsResult, DescribeConfigsResult__Output as _runnel_v1_DescribeConfigsResult__Output } from './runnel/v1/DescribeConfigsResult.js';
import type { DescribeLogDirsRequest as _runnel_v1_DescribeLogDirsRequest, DescribeLogDirsRequest__Output as _runnel_v1_DescribeLogDirsRequest__Output } from './runnel/v1/DescribeLogDirsRequest.js';
import type { DescribeLogDirsResponse as _runnel_v1_DescribeLogDirsResponse, DescribeLogDirsResponse__Output as _runnel_v1_DescribeLogDirsResponse__Output } from './runnel/v1/DescribeLogDirsResponse.js';
import type { DescribeQuorumRequest as _runnel_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _runnel_v1_DescribeQuorumRequest__Output } from './runnel/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _runnel_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _runnel_v1_DescribeQuorumResponse__Output } from './runnel/v1/DescribeQuorumResponse.js';
import type { DescribeUserScramCredentialsRequest as _runnel_v1_DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsRequest__Output as _runnel_v1_DescribeUserScramCredentialsRequest__Output } from './runnel/v1/DescribeUserScramCredentialsRequest.js';
import type { DescribeUserScramCredentialsResponse as _runnel_v1_DescribeUserScramCredentialsResponse, DescribeUserScramCredentialsResponse__Output as _runnel_v1_DescribeUserScramCredentialsResponse__Output } from './runnel/v1/DescribeUserScramCredentialsResponse.js';
import type { DescribedConfig as _runnel_v1_DescribedConfig, DescribedConfig__Output as _runnel_v1_DescribedConfig__Output } from './runnel/v1/DescribedConfig.js';
import type { DescribedUserScramCredentials as _runnel_v1_DescribedUserScramCredentials, DescribedUserScramCredentials__Output as _runnel_v1_DescribedUserScramCredentials__Output } from './runnel/v1/DescribedUserScramCredentials.js';
import type { ElectLeadersRequest as _runnel_v1_ElectLeadersRequest, ElectLeadersRequest__Output as _runnel_v1_ElectLeadersRequest__Output } from './runnel/v1/ElectLeadersRequest.js';
import type { ElectLeadersResponse as _runnel_v1_ElectLeadersResponse, ElectLeadersResponse__Output as _runnel_v1_ElectLeadersResponse__Output } from './runnel/v1/ElectLeadersResponse.js';
import type { ElectionResult as _runnel_v1_ElectionResult, ElectionResult__Output as _runnel_v1_ElectionResult__Output } from './runnel/v1/ElectionResult.js';
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from './runnel/v1/Empty.js';
import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from './runnel/v1/Endpoint.js';
import type { IncrementalAlterConfigsRequest as _runnel_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _runnel_v1_IncrementalAlterConfigsRequest__Output } from './runnel/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _runnel_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _runnel_v1_IncrementalAlterConfigsResponse__Output } from './runnel/v1/IncrementalAlterConfigsResponse.js';
import type { ListPartitionReassignmentsRequest as _runnel_v1_ListPartitionReassignmentsRequest, ListPartitionReassignmentsRequest__Output as _runnel_v1_ListPartitionReassignmentsRequest__Output } from './runnel/v1/ListPartitionReassignmentsRequest.js';
import type { ListPartitionReassignmentsResponse as _runnel_v1_ListPartitionReassignmentsResponse, ListPartitionReassignmentsResponse__Output as _runnel_v1_ListPartitionReassignmentsResponse__Output } from './runnel/v1/ListPartitionReassignmentsResponse.js';
import type { LogDirPartition as _runnel_v1_LogDirPartition, LogDirPartition__Output as _runnel_v1_LogDirPartition__Output } from './runnel/v1/LogDirPartition.js';
import type { OngoingReassignment as _runnel_v1_OngoingReassignment, OngoingReassignment__Output as _runnel_v1_OngoingReassignment__Output } from './runnel/v1/OngoingReassignment.js';
import type { ReassignablePartition as _runnel_v1_ReassignablePartition, ReassignablePartition__Output as _runnel_v1_ReassignablePartition__Output } from './runnel/v1/ReassignablePartition.js';
import type { RemoveVoterRequest as _runnel_v1_RemoveVoterRequest, RemoveVoterRequest__Output as _runnel_v1_RemoveVoterRequest__Output } from './runnel/v1/RemoveVoterRequest.js';
import type { RemoveVoterResponse as _runnel_v1_RemoveVoterResponse, RemoveVoterResponse__Output as _runnel_v1_RemoveVoterResponse__Output } from './runnel/v1/RemoveVoterResponse.js';
import type { ReplicaAssignment as _runnel_v1_ReplicaAssignment, ReplicaAssignment__Output as _runnel_v1_ReplicaAssignment__Output } from './runnel/v1/ReplicaAssignment.js';
import type { ReplicaState as _runnel_v1_ReplicaState, ReplicaState__Output as _runnel_v1_ReplicaState__Output } from './runnel/v1/ReplicaState.js';
import type { ScramCredentialDeletion as _runnel_v1_ScramCredentialDeletion, ScramCredentialDeletion__Output as _runnel_v1_ScramCredentialDeletion__Output } from './runnel/v1/ScramCredentialDeletion.js';
import type { ScramCredentialInfo as _runnel_v1_ScramCredentialInfo, ScramCredentialInfo__Output as _runnel_v1_ScramCredentialInfo__Output } from './runnel/v1/ScramCredentialInfo.js';
import type { ScramCredentialUpsertion as _runnel_v1_ScramCredentialUpsertion, ScramCredentialUpsertion__Output as _runnel_v1_ScramCredentialUpsertion__Output } from './runnel/v1/ScramCredentialUpsertion.js';
import type { TopicError as _runnel_v1_TopicError, TopicError__Output as _runnel_v1_TopicError__Output } from './runnel/v1/TopicError.js';
import type { TopicPartitions as _runnel_v1_TopicPartitions, TopicPartitions__Output as _runnel_v1_TopicPartitions__Output } from './runnel/v1/TopicPartitions.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      AclBinding: MessageTypeDefinition<_runnel_v1_AclBinding, _runnel_v1_AclBinding__Output>
      AclBindingFilter: MessageTypeDefinition<_runnel_v1_AclBindingFilter, _runnel_v1_AclBindingFilter__Output>
      AclOperation: EnumTypeDefinition
      AclPatternType: EnumTypeDefinition
      AclPermissionType: EnumTypeDefinition
      AclResourceType: EnumTypeDefinition
      AclResult: MessageTypeDefinition<_runnel_v1_AclResult, _runnel_v1_AclResult__Output>
      AddVoterRequest: MessageTypeDefinition<_runnel_v1_AddVoterRequest, _runnel_v1_AddVoterRequest__Output>
      AddVoterResponse: MessageTypeDefinition<_runnel_v1_AddVoterResponse, _runnel_v1_AddVoterResponse__Output>
      Admin: SubtypeConstructor<typeof grpc.Client, _runnel_v1_AdminClient> & { service: _runnel_v1_AdminDefinition }
      AlterConfigOp: EnumTypeDefinition
      AlterConfigsResource: MessageTypeDefinition<_runnel_v1_AlterConfigsResource, _runnel_v1_AlterConfigsResource__Output>
      AlterConfigsResult: MessageTypeDefinition<_runnel_v1_AlterConfigsResult, _runnel_v1_AlterConfigsResult__Output>
      AlterPartitionReassignmentsRequest: MessageTypeDefinition<_runnel_v1_AlterPartitionReassignmentsRequest, _runnel_v1_AlterPartitionReassignmentsRequest__Output>
      AlterPartitionReassignmentsResponse: MessageTypeDefinition<_runnel_v1_AlterPartitionReassignmentsResponse, _runnel_v1_AlterPartitionReassignmentsResponse__Output>
      AlterUserScramCredentialsRequest: MessageTypeDefinition<_runnel_v1_AlterUserScramCredentialsRequest, _runnel_v1_AlterUserScramCredentialsRequest__Output>
      AlterUserScramCredentialsResponse: MessageTypeDefinition<_runnel_v1_AlterUserScramCredentialsResponse, _runnel_v1_AlterUserScramCredentialsResponse__Output>
      AlterUserScramCredentialsResult: MessageTypeDefinition<_runnel_v1_AlterUserScramCredentialsResult, _runnel_v1_AlterUserScramCredentialsResult__Output>
      AlterableConfig: MessageTypeDefinition<_runnel_v1_AlterableConfig, _runnel_v1_AlterableConfig__Output>
      BrokerNode: MessageTypeDefinition<_runnel_v1_BrokerNode, _runnel_v1_BrokerNode__Output>
      BrokerState: MessageTypeDefinition<_runnel_v1_BrokerState, _runnel_v1_BrokerState__Output>
      ConfigEntry: MessageTypeDefinition<_runnel_v1_ConfigEntry, _runnel_v1_ConfigEntry__Output>
      ConfigResource: MessageTypeDefinition<_runnel_v1_ConfigResource, _runnel_v1_ConfigResource__Output>
      ConfigResourceType: EnumTypeDefinition
      CreatableTopic: MessageTypeDefinition<_runnel_v1_CreatableTopic, _runnel_v1_CreatableTopic__Output>
      CreatableTopicResult: MessageTypeDefinition<_runnel_v1_CreatableTopicResult, _runnel_v1_CreatableTopicResult__Output>
      CreateAclsRequest: MessageTypeDefinition<_runnel_v1_CreateAclsRequest, _runnel_v1_CreateAclsRequest__Output>
      CreateAclsResponse: MessageTypeDefinition<_runnel_v1_CreateAclsResponse, _runnel_v1_CreateAclsResponse__Output>
      CreatePartitionsRequest: MessageTypeDefinition<_runnel_v1_CreatePartitionsRequest, _runnel_v1_CreatePartitionsRequest__Output>
      CreatePartitionsResponse: MessageTypeDefinition<_runnel_v1_CreatePartitionsResponse, _runnel_v1_CreatePartitionsResponse__Output>
      CreatePartitionsTopic: MessageTypeDefinition<_runnel_v1_CreatePartitionsTopic, _runnel_v1_CreatePartitionsTopic__Output>
      CreateTopicsRequest: MessageTypeDefinition<_runnel_v1_CreateTopicsRequest, _runnel_v1_CreateTopicsRequest__Output>
      CreateTopicsResponse: MessageTypeDefinition<_runnel_v1_CreateTopicsResponse, _runnel_v1_CreateTopicsResponse__Output>
      DeleteAclsFilterResult: MessageTypeDefinition<_runnel_v1_DeleteAclsFilterResult, _runnel_v1_DeleteAclsFilterResult__Output>
      DeleteAclsRequest: MessageTypeDefinition<_runnel_v1_DeleteAclsRequest, _runnel_v1_DeleteAclsRequest__Output>
      DeleteAclsResponse: MessageTypeDefinition<_runnel_v1_DeleteAclsResponse, _runnel_v1_DeleteAclsResponse__Output>
      DeleteTopicsRequest: MessageTypeDefinition<_runnel_v1_DeleteTopicsRequest, _runnel_v1_DeleteTopicsRequest__Output>
      DeleteTopicsResponse: MessageTypeDefinition<_runnel_v1_DeleteTopicsResponse, _runnel_v1_DeleteTopicsResponse__Output>
      DescribeAclsRequest: MessageTypeDefinition<_runnel_v1_DescribeAclsRequest, _runnel_v1_DescribeAclsRequest__Output>
      DescribeAclsResponse: MessageTypeDefinition<_runnel_v1_DescribeAclsResponse, _runnel_v1_DescribeAclsResponse__Output>
      DescribeClusterRequest: MessageTypeDefinition<_runnel_v1_DescribeClusterRequest, _runnel_v1_DescribeClusterRequest__Output>
      DescribeClusterResponse: MessageTypeDefinition<_runnel_v1_DescribeClusterResponse, _runnel_v1_DescribeClusterResponse__Output>
      DescribeConfigsRequest: MessageTypeDefinition<_runnel_v1_DescribeConfigsRequest, _runnel_v1_DescribeConfigsRequest__Output>
      DescribeConfigsResponse: MessageTypeDefinition<_runnel_v1_DescribeConfigsResponse, _runnel_v1_DescribeConfigsResponse__Output>
      DescribeConfigsResult: MessageTypeDefinition<_runnel_v1_DescribeConfigsResult, _runnel_v1_DescribeConfigsResult__Output>
      DescribeLogDirsRequest: MessageTypeDefinition<_runnel_v1_DescribeLogDirsRequest, _runnel_v1_DescribeLogDirsRequest__Output>
      DescribeLogDirsResponse: MessageTypeDefinition<_runnel_v1_DescribeLogDirsResponse, _runnel_v1_DescribeLogDirsResponse__Output>
      DescribeQuorumRequest: MessageTypeDefinition<_runnel_v1_DescribeQuorumRequest, _runnel_v1_DescribeQuorumRequest__Output>
      DescribeQuorumResponse: MessageTypeDefinition<_runnel_v1_DescribeQuorumResponse, _runnel_v1_DescribeQuorumResponse__Output>
      DescribeUserScramCredentialsRequest: MessageTypeDefinition<_runnel_v1_DescribeUserScramCredentialsRequest, _runnel_v1_DescribeUserScramCredentialsRequest__Output>
      DescribeUserScramCredentialsResponse: MessageTypeDefinition<_runnel_v1_DescribeUserScramCredentialsResponse, _runnel_v1_DescribeUserScramCredentialsResponse__Output>
      DescribedConfig: MessageTypeDefinition<_runnel_v1_DescribedConfig, _runnel_v1_DescribedConfig__Output>
      DescribedUserScramCredentials: MessageTypeDefinition<_runnel_v1_DescribedUserScramCredentials, _runnel_v1_DescribedUserScramCredentials__Output>
      ElectLeadersRequest: MessageTypeDefinition<_runnel_v1_ElectLeadersRequest, _runnel_v1_ElectLeadersRequest__Output>
      ElectLeadersResponse: MessageTypeDefinition<_runnel_v1_ElectLeadersResponse, _runnel_v1_ElectLeadersResponse__Output>
      ElectionResult: MessageTypeDefinition<_runnel_v1_ElectionResult, _runnel_v1_ElectionResult__Output>
      Empty: MessageTypeDefinition<_runnel_v1_Empty, _runnel_v1_Empty__Output>
      Endpoint: MessageTypeDefinition<_runnel_v1_Endpoint, _runnel_v1_Endpoint__Output>
      IncrementalAlterConfigsRequest: MessageTypeDefinition<_runnel_v1_IncrementalAlterConfigsRequest, _runnel_v1_IncrementalAlterConfigsRequest__Output>
      IncrementalAlterConfigsResponse: MessageTypeDefinition<_runnel_v1_IncrementalAlterConfigsResponse, _runnel_v1_IncrementalAlterConfigsResponse__Output>
      ListPartitionReassignmentsRequest: MessageTypeDefinition<_runnel_v1_ListPartitionReassignmentsRequest, _runnel_v1_ListPartitionReassignmentsRequest__Output>
      ListPartitionReassignmentsResponse: MessageTypeDefinition<_runnel_v1_ListPartitionReassignmentsResponse, _runnel_v1_ListPartitionReassignmentsResponse__Output>
      LogDirPartition: MessageTypeDefinition<_runnel_v1_LogDirPartition, _runnel_v1_LogDirPartition__Output>
      OngoingReassignment: MessageTypeDefinition<_runnel_v1_OngoingReassignment, _runnel_v1_OngoingReassignment__Output>
      ReassignablePartition: MessageTypeDefinition<_runnel_v1_ReassignablePartition, _runnel_v1_ReassignablePartition__Output>
      RemoveVoterRequest: MessageTypeDefinition<_runnel_v1_RemoveVoterRequest, _runnel_v1_RemoveVoterRequest__Output>
      RemoveVoterResponse: MessageTypeDefinition<_runnel_v1_RemoveVoterResponse, _runnel_v1_RemoveVoterResponse__Output>
      ReplicaAssignment: MessageTypeDefinition<_runnel_v1_ReplicaAssignment, _runnel_v1_ReplicaAssignment__Output>
      ReplicaState: MessageTypeDefinition<_runnel_v1_ReplicaState, _runnel_v1_ReplicaState__Output>
      ScramCredentialDeletion: MessageTypeDefinition<_runnel_v1_ScramCredentialDeletion, _runnel_v1_ScramCredentialDeletion__Output>
      ScramCredentialInfo: MessageTypeDefinition<_runnel_v1_ScramCredentialInfo, _runnel_v1_ScramCredentialInfo__Output>
      ScramCredentialUpsertion: MessageTypeDefinition<_runnel_v1_ScramCredentialUpsertion, _runnel_v1_ScramCredentialUpsertion__Output>
      ScramMechanism: EnumTypeDefinition
      TopicError: MessageTypeDefinition<_runnel_v1_TopicError, _runnel_v1_TopicError__Output>
      TopicPartitions: MessageTypeDefinition<_runnel_v1_TopicPartitions, _runnel_v1_TopicPartitions__Output>
    }
  }
}

