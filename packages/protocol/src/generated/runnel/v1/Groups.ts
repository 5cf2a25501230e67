// Original file: proto/runnel/v1/groups.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteGroupsRequest as _runnel_v1_DeleteGroupsRequest, DeleteGroupsRequest__Output as _runnel_v1_DeleteGroupsRequest__Output } from '../../runnel/v1/DeleteGroupsRequest.js';
import type { DeleteGroupsResponse as _runnel_v1_DeleteGroupsResponse, DeleteGroupsResponse__Output as _runnel_v1_DeleteGroupsResponse__Output } from '../../runnel/v1/DeleteGroupsResponse.js';
import type { DeleteOffsetsRequest as _runnel_v1_DeleteOffsetsRequest, DeleteOffsetsRequest__Output as _runnel_v1_DeleteOffsetsRequest__Output } from '../../runnel/v1/DeleteOffsetsRequest.js';
import type { DeleteOffsetsResponse as _runnel_v1_DeleteOffsetsResponse, DeleteOffsetsResponse__Output as _runnel_v1_DeleteOffsetsResponse__Output } from '../../runnel/v1/DeleteOffsetsResponse.js';
import type { DescribeGroupsRequest as _runnel_v1_DescribeGroupsRequest, DescribeGroupsRequest__Output as _runnel_v1_DescribeGroupsRequest__Output } from '../../runnel/v1/DescribeGroupsRequest.js';
import type { DescribeGroupsResponse as _runnel_v1_DescribeGroupsResponse, DescribeGroupsResponse__Output as _runnel_v1_DescribeGroupsResponse__Output } from '../../runnel/v1/DescribeGroupsResponse.js';
import type { FindCoordinatorRequest as _runnel_v1_FindCoordinatorRequest, FindCoordinatorRequest__Output as _runnel_v1_FindCoordinatorRequest__Output } from '../../runnel/v1/FindCoordinatorRequest.js';
import type { FindCoordinatorResponse as _runnel_v1_FindCoordinatorResponse, FindCoordinatorResponse__Output as _runnel_v1_FindCoordinatorResponse__Output } from '../../runnel/v1/FindCoordinatorResponse.js';
import type { HeartbeatRequest as _runnel_v1_HeartbeatRequest, HeartbeatRequest__Output as _runnel_v1_HeartbeatRequest__Output } from '../../runnel/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _runnel_v1_HeartbeatResponse, HeartbeatResponse__Output as _runnel_v1_HeartbeatResponse__Output } from '../../runnel/v1/HeartbeatResponse.js';
import type { JoinGroupRequest as _runnel_v1_JoinGroupRequest, JoinGroupRequest__Output as _runnel_v1_JoinGroupRequest__Output } from '../../runnel/v1/JoinGroupRequest.js';
import type { JoinGroupResponse as _runnel_v1_JoinGroupResponse, JoinGroupResponse__Output as _runnel_v1_JoinGroupResponse__Output } from '../../runnel/v1/JoinGroupResponse.js';
import type { LeaveGroupRequest as _runnel_v1_LeaveGroupRequest, LeaveGroupRequest__Output as _runnel_v1_LeaveGroupRequest__Output } from '../../runnel/v1/LeaveGroupRequest.js';
import type { LeaveGroupResponse as _runnel_v1_LeaveGroupResponse, LeaveGroupResponse__Output as _runnel_v1_LeaveGroupResponse__Output } from '../../runnel/v1/LeaveGroupResponse.js';
import type { ListGroupsRequest as _runnel_v1_ListGroupsRequest, ListGroupsRequest__Output as _runnel_v1_ListGroupsRequest__Output } from '../../runnel/v1/ListGroupsRequest.js';
import type { ListGroupsResponse as _runnel_v1_ListGroupsResponse, ListGroupsResponse__Output as _runnel_v1_ListGroupsResponse__Output } from '../../runnel/v1/ListGroupsResponse.js';
import type { OffsetCommitRequest as _runnel_v1_OffsetCommitRequest, OffsetCommitRequest__Output as _runnel_v1_OffsetCommitRequest__Output } from '../../runnel/v1/OffsetCommitRequest.js';
import type { OffsetCommitResponse as _runnel_v1_OffsetCommitResponse, OffsetCommitResponse__Output as _runnel_v1_OffsetCommitResponse__Output } from '../../runnel/v1/OffsetCommitResponse.js';
import type { OffsetFetchRequest as _runnel_v1_OffsetFetchRequest, OffsetFetchRequest__Output as _runnel_v1_OffsetFetchRequest__Output } from '../../runnel/v1/OffsetFetchRequest.js';
import type { OffsetFetchResponse as _runnel_v1_OffsetFetchResponse, OffsetFetchResponse__Output as _runnel_v1_OffsetFetchResponse__Output } from '../../runnel/v1/OffsetFetchResponse.js';
import type { SyncGroupRequest as _runnel_v1_SyncGroupRequest, SyncGroupRequest__Output as _runnel_v1_SyncGroupRequest__Output } from '../../runnel/v1/SyncGroupRequest.js';
import type { SyncGroupResponse as _runnel_v1_SyncGroupResponse, SyncGroupResponse__Output as _runnel_v1_SyncGroupResponse__Output } from '../../runnel/v1/SyncGroupResponse.js';

export interface GroupsClient extends grpc.Client {
  DeleteGroups(argument: _runnel_v1_DeleteGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _runnel_v1_DeleteGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _runnel_v1_DeleteGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  DeleteGroups(argument: _runnel_v1_DeleteGroupsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _runnel_v1_DeleteGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _runnel_v1_DeleteGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _runnel_v1_DeleteGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  deleteGroups(argument: _runnel_v1_DeleteGroupsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  DeleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  DeleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  DeleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  deleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  deleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  deleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  deleteOffsets(argument: _runnel_v1_DeleteOffsetsRequest, callback: grpc.requestCallback<_runnel_v1_DeleteOffsetsResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeGroups(argument: _runnel_v1_DescribeGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _runnel_v1_DescribeGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _runnel_v1_DescribeGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  DescribeGroups(argument: _runnel_v1_DescribeGroupsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _runnel_v1_DescribeGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _runnel_v1_DescribeGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _runnel_v1_DescribeGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  describeGroups(argument: _runnel_v1_DescribeGroupsRequest, callback: grpc.requestCallback<_runnel_v1_DescribeGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  FindCoordinator(argument: _runnel_v1_FindCoordinatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _runnel_v1_FindCoordinatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _runnel_v1_FindCoordinatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  FindCoordinator(argument: _runnel_v1_FindCoordinatorRequest, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _runnel_v1_FindCoordinatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _runnel_v1_FindCoordinatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _runnel_v1_FindCoordinatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  findCoordinator(argument: _runnel_v1_FindCoordinatorRequest, callback: grpc.requestCallback<_runnel_v1_FindCoordinatorResponse__Output>): grpc.ClientUnaryCall;
  
  Heartbeat(argument: _runnel_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _runnel_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _runnel_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _runnel_v1_HeartbeatRequest, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _runnel_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _runnel_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _runnel_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _runnel_v1_HeartbeatRequest, callback: grpc.requestCallback<_runnel_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  JoinGroup(argument: _runnel_v1_JoinGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  JoinGroup(argument: _runnel_v1_JoinGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  JoinGroup(argument: _runnel_v1_JoinGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  JoinGroup(argument: _runnel_v1_JoinGroupRequest, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  joinGroup(argument: _runnel_v1_JoinGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  joinGroup(argument: _runnel_v1_JoinGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  joinGroup(argument: _runnel_v1_JoinGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  joinGroup(argument: _runnel_v1_JoinGroupRequest, callback: grpc.requestCallback<_runnel_v1_JoinGroupResponse__Output>): grpc.ClientUnaryCall;
  
  LeaveGroup(argument: _runnel_v1_LeaveGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveGroup(argument: _runnel_v1_LeaveGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveGroup(argument: _runnel_v1_LeaveGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveGroup(argument: _runnel_v1_LeaveGroupRequest, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveGroup(argument: _runnel_v1_LeaveGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveGroup(argument: _runnel_v1_LeaveGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveGroup(argument: _runnel_v1_LeaveGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveGroup(argument: _runnel_v1_LeaveGroupRequest, callback: grpc.requestCallback<_runnel_v1_LeaveGroupResponse__Output>): grpc.ClientUnaryCall;
  
  ListGroups(argument: _runnel_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _runnel_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _runnel_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListGroups(argument: _runnel_v1_ListGroupsRequest, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _runnel_v1_ListGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _runnel_v1_ListGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _runnel_v1_ListGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  listGroups(argument: _runnel_v1_ListGroupsRequest, callback: grpc.requestCallback<_runnel_v1_ListGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  OffsetCommit(argument: _runnel_v1_OffsetCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _runnel_v1_OffsetCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _runnel_v1_OffsetCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  OffsetCommit(argument: _runnel_v1_OffsetCommitRequest, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _runnel_v1_OffsetCommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _runnel_v1_OffsetCommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _runnel_v1_OffsetCommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  offsetCommit(argument: _runnel_v1_OffsetCommitRequest, callback: grpc.requestCallback<_runnel_v1_OffsetCommitResponse__Output>): grpc.ClientUnaryCall;
  
  OffsetFetch(argument: _runnel_v1_OffsetFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _runnel_v1_OffsetFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _runnel_v1_OffsetFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  OffsetFetch(argument: _runnel_v1_OffsetFetchRequest, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _runnel_v1_OffsetFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _runnel_v1_OffsetFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _runnel_v1_OffsetFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  offsetFetch(argument: _runnel_v1_OffsetFetchRequest, callback: grpc.requestCallback<_runnel_v1_OffsetFetchResponse__Output>): grpc.ClientUnaryCall;
  
  SyncGroup(argument: _runnel_v1_SyncGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  SyncGroup(argument: _runnel_v1_SyncGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  SyncGroup(argument: _runnel_v1_SyncGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  SyncGroup(argument: _runnel_v1_SyncGroupRequest, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  syncGroup(argument: _runnel_v1_SyncGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  syncGroup(argument: _runnel_v1_SyncGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  syncGroup(argument: _runnel_v1_SyncGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  syncGroup(argument: _runnel_v1_SyncGroupRequest, callback: grpc.requestCallback<_runnel_v1_SyncGroupResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface GroupsHandlers extends grpc.UntypedServiceImplementation {
  DeleteGroups: grpc.handleUnaryCall<_runnel_v1_DeleteGroupsRequest__Output, _runnel_v1_DeleteGroupsResponse>;
  
  DeleteOffsets: grpc.handleUnaryCall<_runnel_v1_DeleteOffsetsRequest__Output, _runnel_v1_DeleteOffsetsResponse>;
  
  DescribeGroups: grpc.handleUnaryCall<_runnel_v1_DescribeGroupsRequest__Output, _runnel_v1_DescribeGroupsResponse>;
  
  FindCoordinator: grpc.handleUnaryCall<_runnel_v1_FindCoordinatorRequest__Output, _runnel_v1_FindCoordinatorResponse>;
  
  Heartbeat: grpc.handleUnaryCall<_runnel_v1_HeartbeatRequest__Output, _runnel_v1_HeartbeatResponse>;
  
  JoinGroup: grpc.handleUnaryCall<_runnel_v1_JoinGroupRequest__Output, _runnel_v1_JoinGroupResponse>;
  
  LeaveGroup: grpc.handleUnaryCall<_runnel_v1_LeaveGroupRequest__Output, _runnel_v1_LeaveGroupResponse>;
  
  ListGroups: grpc.handleUnaryCall<_runnel_v1_ListGroupsRequest__Output, _runnel_v1_ListGroupsResponse>;
  
  OffsetCommit: grpc.handleUnaryCall<_runnel_v1_OffsetCommitRequest__Output, _runnel_v1_OffsetCommitResponse>;
  
  OffsetFetch: grpc.handleUnaryCall<_runnel_v1_OffsetFetchRequest__Output, _runnel_v1_OffsetFetchResponse>;
  
  SyncGroup: grpc.handleUnaryCall<_runnel_v1_SyncGroupRequest__Output, _runnel_v1_SyncGroupResponse>;
  
}

export interface GroupsDefinition extends grpc.ServiceDefinition {
  DeleteGroups: MethodDefinition<_runnel_v1_DeleteGroupsRequest, _runnel_v1_DeleteGroupsResponse, _runnel_v1_DeleteGroupsRequest__Output, _runnel_v1_DeleteGroupsResponse__Output>
  DeleteOffsets: MethodDefinition<_runnel_v1_DeleteOffsetsRequest, _runnel_v1_DeleteOffsetsResponse, _runnel_v1_DeleteOffsetsRequest__Output, _runnel_v1_DeleteOffsetsResponse__Output>
  DescribeGroups: MethodDefinition<_runnel_v1_DescribeGroupsRequest, _runnel_v1_DescribeGroupsResponse, _runnel_v1_DescribeGroupsRequest__Output, _runnel_v1_DescribeGroupsResponse__Output>
  FindCoordinator: MethodDefinition<_runnel_v1_FindCoordinatorRequest, _runnel_v1_FindCoordinatorResponse, _runnel_v1_FindCoordinatorRequest__Output, _runnel_v1_FindCoordinatorResponse__Output>
  Heartbeat: MethodDefinition<_runnel_v1_HeartbeatRequest, _runnel_v1_HeartbeatResponse, _runnel_v1_HeartbeatRequest__Output, _runnel_v1_HeartbeatResponse__Output>
  JoinGroup: MethodDefinition<_runnel_v1_JoinGroupRequest, _runnel_v1_JoinGroupResponse, _runnel_v1_JoinGroupRequest__Output, _runnel_v1_JoinGroupResponse__Output>
  LeaveGroup: MethodDefinition<_runnel_v1_LeaveGroupRequest, _runnel_v1_LeaveGroupResponse, _runnel_v1_LeaveGroupRequest__Output, _runnel_v1_LeaveGroupResponse__Output>
  ListGroups: MethodDefinition<_runnel_v1_ListGroupsRequest, _runnel_v1_ListGroupsResponse, _runnel_v1_ListGroupsRequest__Output, _runnel_v1_ListGroupsResponse__Output>
  OffsetCommit: MethodDefinition<_runnel_v1_OffsetCommitRequest, _runnel_v1_OffsetCommitResponse, _runnel_v1_OffsetCommitRequest__Output, _runnel_v1_OffsetCommitResponse__Output>
  OffsetFetch: MethodDefinition<_runnel_v1_OffsetFetchRequest, _runnel_v1_OffsetFetchResponse, _runnel_v1_OffsetFetchRequest__Output, _runnel_v1_OffsetFetchResponse__Output>
  SyncGroup: MethodDefinition<_runnel_v1_SyncGroupRequest, _runnel_v1_SyncGroupResponse, _runnel_v1_SyncGroupRequest__Output, _runnel_v1_SyncGroupResponse__Output>
}
