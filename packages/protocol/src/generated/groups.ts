import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from './runnel/v1/BrokerNode.js';
import type { Coordinator as _runnel_v1_Coordinator, Coordinator__Output as _runnel_v1_Coordinator__Output } from './runnel/v1/Coordinator.js';
import type { DeleteGroupsRequest as _runnel_v1_DeleteGroupsRequest, DeleteGroupsRequest__Output as _runnel_v1_DeleteGroupsRequest__Output } from './runnel/v1/DeleteGroupsRequest.js';
import type { DeleteGroupsResponse as _runnel_v1_DeleteGroupsResponse, DeleteGroupsResponse__Output as _runnel_v1_DeleteGroupsResponse__Output } from './runnel/v1/DeleteGroupsResponse.js';
import type { DeleteOffsetsRequest as _runnel_v1_DeleteOffsetsRequest, DeleteOffsetsRequest__Output as _runnel_v1_DeleteOffsetsRequest__Output } from './runnel/v1/DeleteOffsetsRequest.js';
import type { DeleteOffsetsResponse as _runnel_v1_DeleteOffsetsResponse, DeleteOffsetsResponse__Output as _runnel_v1_DeleteOffsetsResponse__Output } from './runnel/v1/DeleteOffsetsResponse.js';
import type { DescribeGroupsRequest as _runnel_v1_DescribeGroupsRequest, DescribeGroupsRequest__Output as _runnel_v1_DescribeGroupsRequest__Output } from './runnel/v1/DescribeGroupsRequest.js';
import type { DescribeGroupsResponse as _runnel_v1_DescribeGroupsResponse, DescribeGroupsResponse__Output as _runnel_v1_DescribeGroupsResponse__Output } from './runnel/v1/DescribeGroupsResponse.js';
import type { DescribedGroup as _runnel_v1_DescribedGroup, DescribedGroup__Output as _runnel_v1_DescribedGroup__Output } from './runnel/v1/DescribedGroup.js';
import type { DescribedGroupMember as _runnel_v1_DescribedGroupMember, DescribedGroupMember__Output as _runnel_v1_DescribedGroupMember__Output } from './runnel/v1/DescribedGroupMember.js';
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from './runnel/v1/Empty.js';
import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from './runnel/v1/Endpoint.js';
import type { FindCoordinatorRequest as _runnel_v1_FindCoordinatorRequest, FindCoordinatorRequest__Output as _runnel_v1_FindCoordinatorRequest__Output } from './runnel/v1/FindCoordinatorRequest.js';
import type { FindCoordinatorResponse as _runnel_v1_FindCoordinatorResponse, FindCoordinatorResponse__Output as _runnel_v1_FindCoordinatorResponse__Output } from './runnel/v1/FindCoordinatorResponse.js';
import type { GroupError as _runnel_v1_GroupError, GroupError__Output as _runnel_v1_GroupError__Output } from './runnel/v1/GroupError.js';
import type { GroupsClient as _runnel_v1_GroupsClient, GroupsDefinition as _runnel_v1_GroupsDefinition } from './runnel/v1/Groups.js';
import type { HeartbeatRequest as _runnel_v1_HeartbeatRequest, HeartbeatRequest__Output as _runnel_v1_HeartbeatRequest__Output } from './runnel/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _runnel_v1_HeartbeatResponse, HeartbeatResponse__Output as _runnel_v1_HeartbeatResponse__Output } from './runnel/v1/HeartbeatResponse.js';
import type { JoinGroupMember as _runnel_v1_JoinGroupMember, JoinGroupMember__Output as _runnel_v1_JoinGroupMember__Output } from './runnel/v1/JoinGroupMember.js';
import type { JoinGroupProtocol as _runnel_v1_JoinGroupProtocol, JoinGroupProtocol__Output as _runnel_v1_JoinGroupProtocol__Output } from './runnel/v1/JoinGroupProtocol.js';
import type { JoinGroupRequest as _runnel_v1_JoinGroupRequest, JoinGroupRequest__Output as _runnel_v1_JoinGroupRequest__Output } from './runnel/v1/JoinGroupRequest.js';
import type { JoinGroupResponse as _runnel_v1_JoinGroupResponse, JoinGroupResponse__Output as _runnel_v1_JoinGroupResponse__Output } from './runnel/v1/JoinGroupResponse.js';
import type { LeaveGroupRequest as _runnel_v1_LeaveGroupRequest, LeaveGroupRequest__Output as _runnel_v1_LeaveGroupRequest__Output } from './runnel/v1/LeaveGroupRequest.js';
import type { LeaveGroupResponse as _runnel_v1_LeaveGroupResponse, LeaveGroupResponse__Output as _runnel_v1_LeaveGroupResponse__Output } from './runnel/v1/LeaveGroupResponse.js';
import type { LeavingMember as _runnel_v1_LeavingMember, LeavingMember__Output as _runnel_v1_LeavingMember__Output } from './runnel/v1/LeavingMember.js';
import type { LeavingMemberResponse as _runnel_v1_LeavingMemberResponse, LeavingMemberResponse__Output as _runnel_v1_LeavingMemberResponse__Output } from './runnel/v1/LeavingMemberResponse.js';
import type { ListGroupsRequest as _runnel_v1_ListGroupsRequest, ListGroupsRequest__Output as _runnel_v1_ListGroupsRequest__Output } from './runnel/v1/ListGroupsRequest.js';
import type { ListGroupsResponse as _runnel_v1_ListGroupsResponse, ListGroupsResponse__Output as _runnel_v1_ListGroupsResponse__Output } from './runnel/v1/ListGroupsResponse.js';
import type { ListedGroup as _runnel_v1_ListedGroup, ListedGroup__Output as _runnel_v1_ListedGroup__Output } from './runnel/v1/ListedGroup.js';
import type { OffsetCommitPartition as _runnel_v1_OffsetCommitPartition, OffsetCommitPartition__Output as _runnel_v1_OffsetCommitPartition__Output } from './runnel/v1/OffsetCommitPartition.js';
import type { OffsetCommitRequest as _runnel_v1_OffsetCommitRequest, OffsetCommitRequest__Output as _runnel_v1_OffsetCommitRequest__Output } from './runnel/v1/OffsetCommitRequest.js';
import type { OffsetCommitResponse as _runnel_v1_OffsetCommitResponse, OffsetCommitResponse__Output as _runnel_v1_OffsetCommitResponse__Output } from './runnel/v1/OffsetCommitResponse.js';
import type { OffsetCommitTopic as _runnel_v1_OffsetCommitTopic, OffsetCommitTopic__Output as _runnel_v1_OffsetCommitTopic__Output } from './runnel/v1/OffsetCommitTopic.js';
import type { OffsetCommitTopicResponse as _runnel_v1_OffsetCommitTopicResponse, OffsetCommitTopicResponse__Output as _runnel_v1_OffsetCommitTopicResponse__Output } from './runnel/v1/OffsetCommitTopicResponse.js';
import type { OffsetFetchPartitionResponse as _runnel_v1_OffsetFetchPartitionResponse, OffsetFetchPartitionResponse__Output as _runnel_v1_OffsetFetchPartitionResponse__Output } from './runnel/v1/OffsetFetchPartitionResponse.js';
import type { OffsetFetchRequest as _runnel_v1_OffsetFetchRequest, OffsetFetchRequest__Output as _runnel_v1_OffsetFetchRequest__Output } from './runnel/v1/OffsetFetchRequest.js';
import type { OffsetFetchResponse as _runnel_v1_OffsetFetchResponse, OffsetFetchResponse__Output as _runnel_v1_OffsetFetchResponse__Output } from './runnel/v1/OffsetFetchResponse.js';
import type { OffsetFetchTopic as _runnel_v1_OffsetFetchTopic, OffsetFetchTopic__Output as _runnel_v1_OffsetFetchTopic__Output } from './runnel/v1/OffsetFetchTopic.js';
import type { OffsetFetchTopicResponse as _runnel_v1_OffsetFetchTopicResponse, OffsetFetchTopicResponse__Output as _runnel_v1_OffsetFetchTopicResponse__Output } from './runnel/v1/OffsetFetchTopicResponse.js';
import type { PartitionError as _runnel_v1_PartitionError, PartitionError__Output as _runnel_v1_PartitionError__Output } from './runnel/v1/PartitionError.js';
import type { SyncGroupAssignment as _runnel_v1_SyncGroupAssignment, SyncGroupAssignment__Output as _runnel_v1_SyncGroupAssignment__Output } from './runnel/v1/SyncGroupAssignment.js';
import type { SyncGroupRequest as _runnel_v1_SyncGroupRequest, SyncGroupRequest__Output as _runnel_v1_SyncGroupRequest__Output } from './runnel/v1/SyncGroupRequest.js';
import type { SyncGroupResponse as _runnel_v1_SyncGroupResponse, SyncGroupResponse__Output as _runnel_v1_SyncGroupResponse__Output } from './runnel/v1/SyncGroupResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      BrokerNode: MessageTypeDefinition<_runnel_v1_BrokerNode, _runnel_v1_BrokerNode__Output>
      Coordinator: MessageTypeDefinition<_runnel_v1_Coordinator, _runnel_v1_Coordinator__Output>
      DeleteGroupsRequest: MessageTypeDefinition<_runnel_v1_DeleteGroupsRequest, _runnel_v1_DeleteGroupsRequest__Output>
      DeleteGroupsResponse: MessageTypeDefinition<_runnel_v1_DeleteGroupsResponse, _runnel_v1_DeleteGroupsResponse__Output>
      DeleteOffsetsRequest: MessageTypeDefinition<_runnel_v1_DeleteOffsetsRequest, _runnel_v1_DeleteOffsetsRequest__Output>
      DeleteOffsetsResponse: MessageTypeDefinition<_runnel_v1_DeleteOffsetsResponse, _runnel_v1_DeleteOffsetsResponse__Output>
      DescribeGroupsRequest: MessageTypeDefinition<_runnel_v1_DescribeGroupsRequest, _runnel_v1_DescribeGroupsRequest__Output>
      DescribeGroupsResponse: MessageTypeDefinition<_runnel_v1_DescribeGroupsResponse, _runnel_v1_DescribeGroupsResponse__Output>
      DescribedGroup: MessageTypeDefinition<_runnel_v1_DescribedGroup, _runnel_v1_DescribedGroup__Output>
      DescribedGroupMember: MessageTypeDefinition<_runnel_v1_DescribedGroupMember, _runnel_v1_DescribedGroupMember__Output>
      Empty: MessageTypeDefinition<_runnel_v1_Empty, _runnel_v1_Empty__Output>
      Endpoint: MessageTypeDefinition<_runnel_v1_Endpoint, _runnel_v1_Endpoint__Output>
      FindCoordinatorRequest: MessageTypeDefinition<_runnel_v1_FindCoordinatorRequest, _runnel_v1_FindCoordinatorRequest__Output>
      FindCoordinatorResponse: MessageTypeDefinition<_runnel_v1_FindCoordinatorResponse, _runnel_v1_FindCoordinatorResponse__Output>
      GroupError: MessageTypeDefinition<_runnel_v1_GroupError, _runnel_v1_GroupError__Output>
      Groups: SubtypeConstructor<typeof grpc.Client, _runnel_v1_GroupsClient> & { service: _runnel_v1_GroupsDefinition }
      HeartbeatRequest: MessageTypeDefinition<_runnel_v1_HeartbeatRequest, _runnel_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_runnel_v1_HeartbeatResponse, _runnel_v1_HeartbeatResponse__Output>
      JoinGroupMember: MessageTypeDefinition<_runnel_v1_JoinGroupMember, _runnel_v1_JoinGroupMember__Output>
      JoinGroupProtocol: MessageTypeDefinition<_runnel_v1_JoinGroupProtocol, _runnel_v1_JoinGroupProtocol__Output>
      JoinGroupRequest: MessageTypeDefinition<_runnel_v1_JoinGroupRequest, _runnel_v1_JoinGroupRequest__Output>
      JoinGroupResponse: MessageTypeDefinition<_runnel_v1_JoinGroupResponse, _runnel_v1_JoinGroupResponse__Output>
      LeaveGroupRequest: MessageTypeDefinition<_runnel_v1_LeaveGroupRequest, _runnel_v1_LeaveGroupRequest__Output>
      LeaveGroupResponse: MessageTypeDefinition<_runnel_v1_LeaveGroupResponse, _runnel_v1_LeaveGroupResponse__Output>
      LeavingMember: MessageTypeDefinition<_runnel_v1_LeavingMember, _runnel_v1_LeavingMember__Output>
      LeavingMemberResponse: MessageTypeDefinition<_runnel_v1_LeavingMemberResponse, _runnel_v1_LeavingMemberResponse__Output>
      ListGroupsRequest: MessageTypeDefinition<_runnel_v1_ListGroupsRequest, _runnel_v1_ListGroupsRequest__Output>
      ListGroupsResponse: MessageTypeDefinition<_runnel_v1_ListGroupsResponse, _runnel_v1_ListGroupsResponse__Output>
      ListedGroup: MessageTypeDefinition<_runnel_v1_ListedGroup, _runnel_v1_ListedGroup__Output>
      OffsetCommitPartition: MessageTypeDefinition<_runnel_v1_OffsetCommitPartition, _runnel_v1_OffsetCommitPartition__Output>
      OffsetCommitRequest: MessageTypeDefinition<_runnel_v1_OffsetCommitRequest, _runnel_v1_OffsetCommitRequest__Output>
      OffsetCommitResponse: MessageTypeDefinition<_runnel_v1_OffsetCommitResponse, _runnel_v1_OffsetCommitResponse__Output>
      OffsetCommitTopic: MessageTypeDefinition<_runnel_v1_OffsetCommitTopic, _runnel_v1_OffsetCommitTopic__Output>
      OffsetCommitTopicResponse: MessageTypeDefinition<_runnel_v1_OffsetCommitTopicResponse, _runnel_v1_OffsetCommitTopicResponse__Output>
      OffsetFetchPartitionResponse: MessageTypeDefinition<_runnel_v1_OffsetFetchPartitionResponse, _runnel_v1_OffsetFetchPartitionResponse__Output>
      OffsetFetchRequest: MessageTypeDefinition<_runnel_v1_OffsetFetchRequest, _runnel_v1_OffsetFetchRequest__Output>
      OffsetFetchResponse: MessageTypeDefinition<_runnel_v1_OffsetFetchResponse, _runnel_v1_OffsetFetchResponse__Output>
      OffsetFetchTopic: MessageTypeDefinition<_runnel_v1_OffsetFetchTopic, _runnel_v1_OffsetFetchTopic__Output>
      OffsetFetchTopicResponse: MessageTypeDefinition<_runnel_v1_OffsetFetchTopicResponse, _runnel_v1_OffsetFetchTopicResponse__Output>
      PartitionError: MessageTypeDefinition<_runnel_v1_PartitionError, _runnel_v1_PartitionError__Output>
      SyncGroupAssignment: MessageTypeDefinition<_runnel_v1_SyncGroupAssignment, _runnel_v1_SyncGroupAssignment__Output>
      SyncGroupRequest: MessageTypeDefinition<_runnel_v1_SyncGroupRequest, _runnel_v1_SyncGroupRequest__Output>
      SyncGroupResponse: MessageTypeDefinition<_runnel_v1_SyncGroupResponse, _runnel_v1_SyncGroupResponse__Output>
    }
  }
}

