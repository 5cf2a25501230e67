import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { EpochEndOffset as _runnel_v1_EpochEndOffset, EpochEndOffset__Output as _runnel_v1_EpochEndOffset__Output } from './runnel/v1/EpochEndOffset.js';
import type { OffsetForLeaderPartition as _runnel_v1_OffsetForLeaderPartition, OffsetForLeaderPartition__Output as _runnel_v1_OffsetForLeaderPartition__Output } from './runnel/v1/OffsetForLeaderPartition.js';
import type { OffsetForLeaderResult as _runnel_v1_OffsetForLeaderResult, OffsetForLeaderResult__Output as _runnel_v1_OffsetForLeaderResult__Output } from './runnel/v1/OffsetForLeaderResult.js';
import type { OffsetsForLeaderEpochRequest as _runnel_v1_OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochRequest__Output as _runnel_v1_OffsetsForLeaderEpochRequest__Output } from './runnel/v1/OffsetsForLeaderEpochRequest.js';
import type { OffsetsForLeaderEpochResponse as _runnel_v1_OffsetsForLeaderEpochResponse, OffsetsForLeaderEpochResponse__Output as _runnel_v1_OffsetsForLeaderEpochResponse__Output } from './runnel/v1/OffsetsForLeaderEpochResponse.js';
import type { ReplicaFetchPartition as _runnel_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _runnel_v1_ReplicaFetchPartition__Output } from './runnel/v1/ReplicaFetchPartition.js';
import type { ReplicaFetchPartitionResponse as _runnel_v1_ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output as _runnel_v1_ReplicaFetchPartitionResponse__Output } from './runnel/v1/ReplicaFetchPartitionResponse.js';
import type { ReplicaFetchRequest as _runnel_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _runnel_v1_ReplicaFetchRequest__Output } from './runnel/v1/ReplicaFetchRequest.js';
import type { ReplicaFetchResponse as _runnel_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _runnel_v1_ReplicaFetchResponse__Output } from './runnel/v1/ReplicaFetchResponse.js';
import type { ReplicationClient as _runnel_v1_ReplicationClient, ReplicationDefinition as _runnel_v1_ReplicationDefinition } from './runnel/v1/Replication.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  runnel: {
    v1: {
      EpochEndOffset: MessageTypeDefinition<_runnel_v1_EpochEndOffset, _runnel_v1_EpochEndOffset__Output>
      OffsetForLeaderPartition: MessageTypeDefinition<_runnel_v1_OffsetForLeaderPartition, _runnel_v1_OffsetForLeaderPartition__Output>
      OffsetForLeaderResult: MessageTypeDefinition<_runnel_v1_OffsetForLeaderResult, _runnel_v1_OffsetForLeaderResult__Output>
      OffsetsForLeaderEpochRequest: MessageTypeDefinition<_runnel_v1_OffsetsForLeaderEpochRequest, _runnel_v1_OffsetsForLeaderEpochRequest__Output>
      OffsetsForLeaderEpochResponse: MessageTypeDefinition<_runnel_v1_OffsetsForLeaderEpochResponse, _runnel_v1_OffsetsForLeaderEpochResponse__Output>
      ReplicaFetchPartition: MessageTypeDefinition<_runnel_v1_ReplicaFetchPartition, _runnel_v1_ReplicaFetchPartition__Output>
      ReplicaFetchPartitionResponse: MessageTypeDefinition<_runnel_v1_ReplicaFetchPartitionResponse, _runnel_v1_ReplicaFetchPartitionResponse__Output>
      ReplicaFetchRequest: MessageTypeDefinition<_runnel_v1_ReplicaFetchRequest, _runnel_v1_ReplicaFetchRequest__Output>
      ReplicaFetchResponse: MessageTypeDefinition<_runnel_v1_ReplicaFetchResponse, _runnel_v1_ReplicaFetchResponse__Output>
      Replication: SubtypeConstructor<typeof grpc.Client, _runnel_v1_ReplicationClient> & { service: _runnel_v1_ReplicationDefinition }
    }
  }
}

