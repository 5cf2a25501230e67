import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AppendRequest as _runnel_v1_AppendRequest, AppendRequest__Output as _runnel_v1_AppendRequest__Output } from './runnel/v1/AppendRequest.js';
import type { AppendResponse as _runnel_v1_AppendResponse, AppendResponse__Output as _runnel_v1_AppendResponse__Output } from './runnel/v1/AppendResponse.js';
import type { BrokerNode as _runnel_v1_BrokerNode, BrokerNode__Output as _runnel_v1_BrokerNode__Output } from './runnel/v1/BrokerNode.js';
import type { Empty as _runnel_v1_Empty, Empty__Output as _runnel_v1_Empty__Output } from './runnel/v1/Empty.js';
import type { Endpoint as _runnel_v1_Endpoint, Endpoint__Output as _runnel_v1_Endpoint__Output } from './runnel/v1/Endpoint.js';
import type { FetchSnapshotRequest as _runnel_v1_FetchSnapshotRequest, FetchSnapshotRequest__Output as _runnel_v1_FetchSnapshotRequest__Output } from './runnel/v1/FetchSnapshotRequest.js';
import type { FetchSnapshotResponse as _runnel_v1_FetchSnapshotResponse, FetchSnapshotResponse__Output as _runnel_v1_FetchSnapshotResponse__Output } from './runnel/v1/FetchSnapshotResponse.js';
import type { LogEntry as _runnel_v1_LogEntry, LogEntry__Output as _runnel_v1_LogEntry__Output } from './runnel/v1/LogEntry.js';
import type { QuorumClient as _runnel_v1_QuorumClient, QuorumDefinition as _runnel_v1_QuorumDefinition } from './runnel/v1/Quorum.js';
import type { QuorumFetchRequest as _runnel_v1_QuorumFetchRequest, QuorumFetchRequest__Output as _runnel_v1_QuorumFetchRequest__Output } from './runnel/v1/QuorumFetchRequest.js';
import type { QuorumFetchResponse as _runnel_v1_QuorumFetchResponse, QuorumFetchResponse__Output as _runnel_v1_QuorumFetchResponse__Output } from './runnel/v1/QuorumFetchResponse.js';
import type { RaftMessage as _runnel_v1_RaftMessage, RaftMessage__Output as _runnel_v1_RaftMessage__Output } from './runnel/v1/RaftMessage.js';
import type { SnapshotChunk as _runnel_v1_SnapshotChunk, SnapshotChunk__Output as _runnel_v1_SnapshotChunk__Output } from './runnel/v1/SnapshotChunk.js';
import type { SnapshotId as _runnel_v1_SnapshotId, SnapshotId__Output as _runnel_v1_SnapshotId__Output } from './runnel/v1/SnapshotId.js';
import type { SnapshotResponse as _runnel_v1_SnapshotResponse, SnapshotResponse__Output as _runnel_v1_SnapshotResponse__Output } from './runnel/v1/SnapshotResponse.js';
import type { TimeoutNow as _runnel_v1_TimeoutNow, TimeoutNow__Output as _runnel_v1_TimeoutNow__Output } from './runnel/v1/TimeoutNow.js';
import type { VoteRequest as _runnel_v1_VoteRequest, VoteRequest__Output as _runnel_v1_VoteRequest__Output } from './runnel/v1/VoteRequest.js';
import type { VoteResponse as _runnel_v1_VoteResponse, VoteResponse__Output as _runnel_v1_VoteResponse__Output } from './runnel/v1/VoteResponse.js';
import type { VoterSet as _runnel_v1_VoterSet, VoterSet__Output as _runnel_v1_VoterSet__Output } from './runnel/v1/VoterSet.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      AppendRequest: MessageTypeDefinition<_runnel_v1_AppendRequest, _runnel_v1_AppendRequest__Output>
      AppendResponse: MessageTypeDefinition<_runnel_v1_AppendResponse, _runnel_v1_AppendResponse__Output>
      BrokerNode: MessageTypeDefinition<_runnel_v1_BrokerNode, _runnel_v1_BrokerNode__Output>
      Empty: MessageTypeDefinition<_runnel_v1_Empty, _runnel_v1_Empty__Output>
      Endpoint: MessageTypeDefinition<_runnel_v1_Endpoint, _runnel_v1_Endpoint__Output>
      EntryType: EnumTypeDefinition
      FetchSnapshotRequest: MessageTypeDefinition<_runnel_v1_FetchSnapshotRequest, _runnel_v1_FetchSnapshotRequest__Output>
      FetchSnapshotResponse: MessageTypeDefinition<_runnel_v1_FetchSnapshotResponse, _runnel_v1_FetchSnapshotResponse__Output>
      LogEntry: MessageTypeDefinition<_runnel_v1_LogEntry, _runnel_v1_LogEntry__Output>
      Quorum: SubtypeConstructor<typeof grpc.Client, _runnel_v1_QuorumClient> & { service: _runnel_v1_QuorumDefinition }
      QuorumFetchRequest: MessageTypeDefinition<_runnel_v1_QuorumFetchRequest, _runnel_v1_QuorumFetchRequest__Output>
      QuorumFetchResponse: MessageTypeDefinition<_runnel_v1_QuorumFetchResponse, _runnel_v1_QuorumFetchResponse__Output>
      RaftMessage: MessageTypeDefinition<_runnel_v1_RaftMessage, _runnel_v1_RaftMessage__Output>
      SnapshotChunk: MessageTypeDefinition<_runnel_v1_SnapshotChunk, _runnel_v1_SnapshotChunk__Output>
      SnapshotId: MessageTypeDefinition<_runnel_v1_SnapshotId, _runnel_v1_SnapshotId__Output>
      SnapshotResponse: MessageTypeDefinition<_runnel_v1_SnapshotResponse, _runnel_v1_SnapshotResponse__Output>
      TimeoutNow: MessageTypeDefinition<_runnel_v1_TimeoutNow, _runnel_v1_TimeoutNow__Output>
      VoteRequest: MessageTypeDefinition<_runnel_v1_VoteRequest, _runnel_v1_VoteRequest__Output>
      VoteResponse: MessageTypeDefinition<_runnel_v1_VoteResponse, _runnel_v1_VoteResponse__Output>
      VoterSet: MessageTypeDefinition<_runnel_v1_VoterSet, _runnel_v1_VoterSet__Output>
    }
  }
}

