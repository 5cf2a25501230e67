export { Producer, jsonRecord } from './producer.js';
export type { Bytes, ProducerRecord } from './producer.js';
export type { ProducerConfig, CompressionName } from './producer-config.js';
export type { RecordMetadata } from './producer-batch.js';
export { keyPartition } from './partitioner.js';
export type { Partitioner, PartitionerArgs } from './partitioner.js';
export { murmur2, toPositive } from './murmur2.js';
export type { BrokerInfo, PartitionInfo, TopicInfo } from './cluster.js';
export type { ClientLogger } from './logger.js';
export { resolveCredentials } from './security-config.js';
export type { SecurityConfig } from './security-config.js';
export { RunnelError, isRunnelError } from '@runnel/protocol';
export type { ErrorName } from '@runnel/protocol';
export { Consumer } from './consumer.js';
export type { CommitCallback } from './consumer.js';
export type { ConsumerConfig, OffsetResetStrategy } from './consumer-config.js';
export type { ConsumerRecord, TopicPartition } from './partition-state.js';
export type { RebalanceListener } from './group/rebalance-listener.js';
export type { GroupMetadata } from './group/consumer-coordinator.js';
export type { CommittedOffset, OffsetCommitSpec } from './group/group-offsets.js';
export { CommitFailedError, RebalanceInProgressError } from './group/commit-errors.js';
export { WakeupError, isWakeupError } from './group/wakeup-error.js';
export { CooperativeStickyAssignor, RangeAssignor, RoundRobinAssignor, assignorByName } from './group/assignors.js';
export type { MemberSubscription, PartitionAssignor, RebalanceProtocol } from './group/assignors.js';
export { Admin } from './admin.js';
export type {
  AdminConfig, BrokerDescription, ClusterDescription, ConfigAlteration, ConfigDescription, ConfigEntryDescription, ConfigResourceKind,
  ConfigResourceSpec, CreatedTopic, GroupDescription, GroupListing, GroupMemberDescription, GroupOffset, GroupOffsetAlteration,
  GroupState, ListedOffset, NewTopic, OffsetSpec, TopicDescription,
  ElectionOutcome, ElectionType, QuorumDescription, QuorumReplicaDescription,
  OngoingPartitionReassignment, PartitionReassignmentSpec, ReassignmentOutcome, ReplicaLogDescription,
  ScramCredentialAlteration, ScramUserDescription,
} from './admin.js';
export type { AclFilter } from './acl-spec.js';
export { ACL_OPERATIONS } from '@runnel/protocol';
export type { AclBinding, AclOperation, AclPatternType, AclPermission, AclResourceType } from '@runnel/protocol';
