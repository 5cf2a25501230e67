import type { ScramCredential } from '@runnel/protocol';
import type { AclBinding } from './acl/acl-binding.js';
import type { BrokerEndpoint, ConfigResourceType } from './records.js';
import type { Uuid } from './uuid.js';

/** A broker as the metadata log knows it. */
export interface BrokerRegistration {
  readonly id: number;
  readonly incarnationId: Uuid;
  readonly epoch: number;
  readonly endpoints: readonly BrokerEndpoint[];
  readonly rack: string | null;
  readonly fenced: boolean;
  readonly inControlledShutdown: boolean;
}

export interface PartitionRegistration {
  /** Assignment order: the first replica is the preferred leader. */
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  /** NO_LEADER (-1) when offline. */
  readonly leader: number;
  readonly leaderEpoch: number;
  /** Bumped by every change; AlterPartition must name the current one. */
  readonly partitionEpoch: number;
  /**
   * A reassignment in progress (both empty when none): `replicas` is then the target replicas
   * followed by the removing ones, and the adding replicas are target replicas still copying.
   */
  readonly removingReplicas: readonly number[];
  readonly addingReplicas: readonly number[];
}

/** Whether a reassignment of the partition is in progress. */
export function isReassigning(p: PartitionRegistration): boolean {
  return p.addingReplicas.length > 0 || p.removingReplicas.length > 0;
}

/** The replicas a reassignment in progress moves to (the replicas when none is). */
export function targetReplicas(p: PartitionRegistration): number[] {
  return p.replicas.filter((id) => !p.removingReplicas.includes(id));
}

/** The replicas before the reassignment in progress began (the replicas when none is). */
export function originalReplicas(p: PartitionRegistration): number[] {
  return p.replicas.filter((id) => !p.addingReplicas.includes(id));
}

export interface TopicImage {
  readonly id: Uuid;
  readonly name: string;
  readonly partitions: ReadonlyMap<number, PartitionRegistration>;
}

/**
 * The cluster metadata at one point of the log. Immutable: applying records makes a new image
 * that shares every broker, topic and partition object that did not change.
 */
export interface MetadataImage {
  readonly brokers: ReadonlyMap<number, BrokerRegistration>;
  readonly topicsById: ReadonlyMap<Uuid, TopicImage>;
  readonly topicsByName: ReadonlyMap<string, TopicImage>;
  /** Per resource type, per resource name: the keys set explicitly (defaults are not stored). */
  readonly configs: Readonly<Record<ConfigResourceType, ReadonlyMap<string, ReadonlyMap<string, string>>>>;
  /** The first producer id of the next block handed out. */
  readonly nextProducerId: number;
  /** The epoch the next broker registration gets; never reused, even after unregistration. */
  readonly nextBrokerEpoch: number;
  /** SCRAM-SHA-256 credentials by user name. */
  readonly scramCredentials: ReadonlyMap<string, ScramCredential>;
  /** Access control entries by id; a new map whenever any changes. */
  readonly acls: ReadonlyMap<Uuid, AclBinding>;
  /** Controllers registered by a voter change: id -> Raft endpoint (the static voters need none). */
  readonly controllers: ReadonlyMap<number, ControllerEndpoint>;
}

export interface ControllerEndpoint {
  readonly host: string;
  readonly port: number;
}

export const EMPTY_IMAGE: MetadataImage = Object.freeze({
  brokers: new Map(),
  topicsById: new Map(),
  topicsByName: new Map(),
  configs: Object.freeze({ topic: new Map(), broker: new Map() }),
  nextProducerId: 0,
  nextBrokerEpoch: 1,
  scramCredentials: new Map(),
  acls: new Map(),
  controllers: new Map(),
});

/** A broker that may lead partitions and sit in ISRs: registered, unfenced, not shutting down. */
export function isBrokerActive(image: MetadataImage, brokerId: number): boolean {
  const broker = image.brokers.get(brokerId);
  return broker !== undefined && !broker.fenced && !broker.inControlledShutdown;
}

/** Active brokers in id order. */
export function activeBrokers(image: MetadataImage): BrokerRegistration[] {
  return [...image.brokers.values()].filter((b) => !b.fenced && !b.inControlledShutdown).sort((a, b) => a.id - b.id);
}
