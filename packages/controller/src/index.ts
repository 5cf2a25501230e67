export { alterPartition } from './alter-partition.js';
export type { AlterPartitionData, AlterPartitionRequest, AlterPartitionResult } from './alter-partition.js';
export { alterBrokerConfigs } from './broker-configs.js';
export type { AlterBrokerConfigsRequest, BrokerConfigPolicy, BrokerConfigResult } from './broker-configs.js';
export { BrokerHeartbeatTracker } from './broker-heartbeat-tracker.js';
export { LIVENESS_SILENCE_LIMIT_MS, brokerHeartbeat, brokerLivenessLost, checkBrokerEpoch, fenceStaleBrokers, registerBroker, unregisterBroker } from './broker-lifecycle.js';
export type { BrokerHeartbeatRequest, BrokerHeartbeatResponse, BrokerLivenessLostRequest, RegisterBrokerRequest } from './broker-lifecycle.js';
export { DEFAULT_CLUSTER_SETTINGS } from './controller-config.js';
export type { ClusterSettings, QuorumVoter } from './controller-config.js';
export type { ControllerContext, ControllerResult } from './controller-context.js';
export { MetadataDelta, applyRecords } from './delta.js';
export type { LocalChanges, PartitionChange, RemovedPartition } from './delta.js';
export { EMPTY_IMAGE, activeBrokers, isBrokerActive, isReassigning, originalReplicas, targetReplicas } from './image.js';
export type { BrokerRegistration, MetadataImage, PartitionRegistration, TopicImage } from './image.js';
export {
  MAX_ELECTIONS_PER_REBALANCE,
  electLeaders,
  partitionsNeedingPreferredElection,
  rebalanceLeaders,
} from './leader-election.js';
export type { ElectLeadersRequest, ElectionResult, ElectionType, ImbalancedPartition, PartitionRef } from './leader-election.js';
export {
  REASSIGNMENT_THROTTLE_CONFIG,
  alterPartitionReassignments,
  listPartitionReassignments,
} from './reassignment.js';
export type { AlterReassignmentsRequest, OngoingReassignment, ReassignmentRequest, ReassignmentResult } from './reassignment.js';
export { PRODUCER_ID_BLOCK_SIZE, allocateProducerIds } from './producer-ids.js';
export type { ProducerIdBlock } from './producer-ids.js';
export { cryptoRandomSource, seededRandomSource } from './random.js';
export type { RandomSource } from './random.js';
export { CLUSTER_DEFAULT_RESOURCE, NO_LEADER, SCRAM_SHA_256_MECHANISM, decodeMetadataRecord, encodeMetadataRecord } from './records.js';
export type {
  AccessControlEntryRecord,
  RemoveAccessControlEntryRecord,
  RemoveUserScramCredentialRecord,
  UserScramCredentialRecord,
  BrokerEndpoint,
  BrokerRegistrationChangeRecord,
  ConfigRecord,
  ConfigResourceType,
  FenceBrokerRecord,
  MetadataRecord,
  PartitionChangeRecord,
  PartitionRecord,
  ProducerIdsRecord,
  RegisterBrokerRecord,
  RemoveTopicRecord,
  TopicRecord,
  UnfenceBrokerRecord,
  UnregisterBrokerRecord,
} from './records.js';
export { decodeSnapshot, encodeSnapshot, imageToRecords } from './snapshot.js';
export { TOPIC_CONFIGS, effectiveTopicConfig, parseTopicConfig, validateTopicConfigs } from './topic-config.js';
export type { TopicConfigDef, TopicConfigType, TopicConfigValue } from './topic-config.js';
export { MAX_TOPIC_NAME_LENGTH, topicCollisionKey, validateTopicName } from './topic-name.js';
export {
  MAX_PARTITIONS_PER_REQUEST,
  alterTopicConfigs,
  createPartitions,
  createTopics,
  deleteTopics,
  describeTopics,
} from './topic-operations.js';
export type {
  AlterTopicConfigsRequest,
  ConfigOperation,
  CreatePartitionsRequest,
  CreateTopicRequest,
  CreateTopicResult,
  DeleteTopicResult,
  PartitionDescription,
  TopicDescription,
  TopicRef,
  TopicResult,
} from './topic-operations.js';
export { METADATA_TOPIC_ID, ZERO_UUID, randomUuid, uuidFromBytes, uuidToBytes } from './uuid.js';
export type { Uuid } from './uuid.js';
export { decodeMetadataEntry, encodeMetadataEntry } from './quorum/entry-codec.js';
export { systemClock } from './quorum/clock.js';
export type { ControllerClock } from './quorum/clock.js';
export { QuorumController } from './quorum/quorum-controller.js';
export type { ControllerRaft, Decision, QuorumControllerOptions, QuorumDescription, QuorumReplica } from './quorum/quorum-controller.js';
export { addControllerService, controllerHandlers } from './quorum/controller-service.js';
export type { ControllerHandlers, ControllerServiceOptions } from './quorum/controller-service.js';
export { CLUSTER_RESOURCE_NAME } from './acl/acl-binding.js';
export type { AclBinding, AclBindingFilter, AclOperation, AclPatternType, AclPermission, AclResourceType } from './acl/acl-binding.js';
export { Authorizer } from './acl/authorizer.js';
export { RequestAccess } from './acl/request-access.js';
export type { AuthorizerSettings } from './acl/authorizer.js';
export { createAcls, deleteAcls, describeAcls } from './acl/acl-operations.js';
export type { AclCreation, AclDeletion } from './acl/acl-operations.js';
export { aclFilterFromProto } from './acl/acl-proto.js';
export { alterUserScramCredentials, describeUserScramCredentials } from './scram-credentials.js';
export type { DescribedScramUser, ScramAlteration, ScramDeletion, ScramUpsertion } from './scram-credentials.js';
export { Authenticator } from './auth/authenticator.js';
export type { AuthenticatorOptions } from './auth/authenticator.js';
