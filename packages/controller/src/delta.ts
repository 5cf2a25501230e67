import { RunnelError, type ScramCredential } from '@runnel/protocol';
import type { AclBinding } from './acl/acl-binding.js';
import type { BrokerRegistration, ControllerEndpoint, MetadataImage, PartitionRegistration, TopicImage } from './image.js';
import { applyPartitionChange } from './partition-change.js';
import { SCRAM_SHA_256_MECHANISM, type ConfigResourceType, type MetadataRecord, type PartitionChangeRecord } from './records.js';
import type { Uuid } from './uuid.js';

/** One partition whose registration changed; before is null for a new partition. */
export interface PartitionChange {
  readonly topicId: Uuid;
  readonly topicName: string;
  readonly partitionId: number;
  readonly before: PartitionRegistration | null;
  readonly after: PartitionRegistration;
}

export interface RemovedPartition {
  readonly topicId: Uuid;
  readonly topicName: string;
  readonly partitionId: number;
}

/** What one broker has to do after a delta: lead, follow, or drop replicas. */
export interface LocalChanges {
  readonly leaders: PartitionChange[];
  readonly followers: PartitionChange[];
  readonly deletes: RemovedPartition[];
}

interface WorkingTopic {
  readonly id: Uuid;
  readonly name: string;
  readonly partitions: Map<number, PartitionRegistration>;
  readonly changed: Set<number>;
}

function replayError(record: MetadataRecord, why: string): RunnelError {
  return new RunnelError('UNKNOWN_SERVER_ERROR', `cannot apply ${record.type} record: ${why}`);
}

/** Adding and removing replicas are disjoint replicas of the partition. */
function checkReassignment(record: MetadataRecord, p: PartitionRegistration): void {
  const { addingReplicas: adding, removingReplicas: removing } = p;
  if ([...adding, ...removing].some((id) => !p.replicas.includes(id)) || adding.some((id) => removing.includes(id))) {
    throw replayError(record, `adding [${adding.join(', ')}] and removing [${removing.join(', ')}] must be distinct replicas of [${p.replicas.join(', ')}]`);
  }
}

/**
 * Records replayed on top of a base image: `apply()` builds the next image, and the change
 * listings tell a broker what moved. Controllers and brokers use the same replay code, so both
 * reach the same image from the same log.
 */
export class MetadataDelta {
  private readonly brokers = new Map<number, BrokerRegistration | null>();
  /** Topics touched by this delta; null = removed. */
  private readonly topics = new Map<Uuid, WorkingTopic | null>();
  private readonly names = new Map<string, Uuid | null>();
  private readonly configs: Record<ConfigResourceType, Map<string, Map<string, string> | null>> = {
    topic: new Map(),
    broker: new Map(),
  };
  /** Credentials and ACLs touched by this delta; null = removed. */
  private readonly scram = new Map<string, ScramCredential | null>();
  private readonly acls = new Map<Uuid, AclBinding | null>();
  private nextProducerId: number;
  private nextBrokerEpoch: number;
  /** Copied on the first controller registration of this delta. */
  private controllers: Map<number, ControllerEndpoint> | null = null;

  constructor(readonly base: MetadataImage) {
    this.nextProducerId = base.nextProducerId;
    this.nextBrokerEpoch = base.nextBrokerEpoch;
  }

  broker(id: number): BrokerRegistration | undefined {
    const changed = this.brokers.get(id);
    return changed === undefined ? this.base.brokers.get(id) : (changed ?? undefined);
  }

  private topic(id: Uuid): WorkingTopic | TopicImage | undefined {
    const changed = this.topics.get(id);
    return changed === undefined ? this.base.topicsById.get(id) : (changed ?? undefined);
  }

  private topicIdByName(name: string): Uuid | undefined {
    const changed = this.names.get(name);
    return changed === undefined ? this.base.topicsByName.get(name)?.id : (changed ?? undefined);
  }

  private workingTopic(record: MetadataRecord, id: Uuid): WorkingTopic {
    const existing = this.topics.get(id);
    if (existing) return existing;
    const base = existing === undefined ? this.base.topicsById.get(id) : undefined;
    if (!base) throw replayError(record, `topic ${id} does not exist`);
    const working: WorkingTopic = { id, name: base.name, partitions: new Map(base.partitions), changed: new Set() };
    this.topics.set(id, working);
    return working;
  }

  private workingConfig(type: ConfigResourceType, name: string): Map<string, string> {
    const existing = this.configs[type].get(name);
    if (existing) return existing;
    const working = new Map(existing === null ? [] : (this.base.configs[type].get(name) ?? []));
    this.configs[type].set(name, working);
    return working;
  }

  private existingBroker(record: MetadataRecord & { brokerId: number; brokerEpoch: number }): BrokerRegistration {
    const broker = this.broker(record.brokerId);
    if (!broker) throw replayError(record, `broker ${record.brokerId} is not registered`);
    if (broker.epoch !== record.brokerEpoch) {
      throw replayError(record, `broker ${record.brokerId} has epoch ${broker.epoch}, not ${record.brokerEpoch}`);
    }
    return broker;
  }

  /** Applies one record; a record that contradicts the state so far throws and changes nothing. */
  replay(record: MetadataRecord): void {
    switch (record.type) {
      case 'registerBroker': {
        if (record.brokerEpoch < this.nextBrokerEpoch) {
          throw replayError(record, `broker epoch ${record.brokerEpoch} was already handed out`);
        }
        this.brokers.set(record.brokerId, {
          id: record.brokerId,
          incarnationId: record.incarnationId,
          epoch: record.brokerEpoch,
          endpoints: record.endpoints,
          rack: record.rack,
          fenced: record.fenced,
          inControlledShutdown: false,
        });
        this.nextBrokerEpoch = record.brokerEpoch + 1;
        return;
      }
      case 'unregisterBroker':
        this.existingBroker(record);
        this.brokers.set(record.brokerId, null);
        return;
      case 'fenceBroker':
        this.brokers.set(record.brokerId, { ...this.existingBroker(record), fenced: true, inControlledShutdown: false });
        return;
      case 'unfenceBroker':
        this.brokers.set(record.brokerId, { ...this.existingBroker(record), fenced: false });
        return;
      case 'brokerRegistrationChange':
        this.brokers.set(record.brokerId, {
          ...this.existingBroker(record),
          inControlledShutdown: record.inControlledShutdown,
        });
        return;
      case 'topic': {
        if (this.topic(record.topicId)) throw replayError(record, `topic id ${record.topicId} already exists`);
        if (this.topicIdByName(record.name) !== undefined) throw replayError(record, `topic ${record.name} already exists`);
        this.topics.set(record.topicId, { id: record.topicId, name: record.name, partitions: new Map(), changed: new Set() });
        this.names.set(record.name, record.topicId);
        return;
      }
      case 'removeTopic': {
        const topic = this.topic(record.topicId);
        if (!topic) throw replayError(record, `topic ${record.topicId} does not exist`);
        this.topics.set(record.topicId, null);
        this.names.set(topic.name, null);
        this.configs.topic.set(topic.name, null);
        return;
      }
      case 'partition': {
        const topic = this.workingTopic(record, record.topicId);
        if (topic.partitions.has(record.partitionId)) {
          throw replayError(record, `partition ${topic.name}-${record.partitionId} already exists`);
        }
        if (record.replicas.length === 0) throw replayError(record, 'a partition needs at least one replica');
        const partition: PartitionRegistration = {
          replicas: record.replicas,
          isr: record.isr,
          leader: record.leader,
          leaderEpoch: record.leaderEpoch,
          partitionEpoch: record.partitionEpoch,
          removingReplicas: record.removingReplicas ?? [],
          addingReplicas: record.addingReplicas ?? [],
        };
        checkReassignment(record, partition);
        topic.partitions.set(record.partitionId, partition);
        topic.changed.add(record.partitionId);
        return;
      }
      case 'partitionChange':
        this.replayPartitionChange(record);
        return;
      case 'config': {
        const config = this.workingConfig(record.resourceType, record.resourceName);
        if (record.value === null) config.delete(record.name);
        else config.set(record.name, record.value);
        return;
      }
      case 'userScramCredential': {
        if (record.mechanism !== SCRAM_SHA_256_MECHANISM) throw replayError(record, `SCRAM mechanism ${record.mechanism} is not SCRAM-SHA-256 (1)`);
        const { salt, storedKey, serverKey, iterations } = record;
        this.scram.set(record.name, { salt, storedKey, serverKey, iterations });
        return;
      }
      case 'removeUserScramCredential': {
        const known = this.scram.has(record.name) ? this.scram.get(record.name) : this.base.scramCredentials.get(record.name);
        if (!known || record.mechanism !== SCRAM_SHA_256_MECHANISM) throw replayError(record, `user ${record.name} has no SCRAM-SHA-256 credential`);
        this.scram.set(record.name, null);
        return;
      }
      case 'accessControlEntry': {
        const known = this.acls.has(record.id) ? this.acls.get(record.id) : this.base.acls.get(record.id);
        if (known) throw replayError(record, `ACL ${record.id} already exists`);
        const { type: _type, id: _id, ...binding } = record;
        this.acls.set(record.id, binding);
        return;
      }
      case 'removeAccessControlEntry': {
        const known = this.acls.has(record.id) ? this.acls.get(record.id) : this.base.acls.get(record.id);
        if (!known) throw replayError(record, `ACL ${record.id} does not exist`);
        this.acls.set(record.id, null);
        return;
      }
      case 'producerIds': {
        // The receiving broker may be gone by now (snapshots keep only the counter), so the
        // controller checks the broker when it hands the block out, not here.
        if (record.nextProducerId <= this.nextProducerId) {
          throw replayError(record, `next producer id ${record.nextProducerId} does not move past ${this.nextProducerId}`);
        }
        this.nextProducerId = record.nextProducerId;
        return;
      }
      case 'registerController': {
        this.controllers ??= new Map(this.base.controllers);
        this.controllers.set(record.controllerId, { host: record.host, port: record.port });
        return;
      }
    }
  }

  private replayPartitionChange(record: PartitionChangeRecord): void {
    const topic = this.workingTopic(record, record.topicId);
    const current = topic.partitions.get(record.partitionId);
    if (!current) throw replayError(record, `partition ${topic.name}-${record.partitionId} does not exist`);
    if (record.leaderEpoch < current.leaderEpoch || record.partitionEpoch <= current.partitionEpoch) {
      throw replayError(record, `epochs of ${topic.name}-${record.partitionId} must grow`);
    }
    const next = applyPartitionChange(current, record);
    checkReassignment(record, next);
    topic.partitions.set(record.partitionId, next);
    topic.changed.add(record.partitionId);
  }

  /** The image with every replayed record applied, sharing whatever did not change. */
  apply(): MetadataImage {
    const base = this.base;
    let brokers = base.brokers;
    if (this.brokers.size > 0) {
      const next = new Map(base.brokers);
      for (const [id, broker] of this.brokers) {
        if (broker) next.set(id, broker);
        else next.delete(id);
      }
      brokers = next;
    }
    let topicsById = base.topicsById;
    let topicsByName = base.topicsByName;
    if (this.topics.size > 0) {
      const byId = new Map(base.topicsById);
      const byName = new Map(base.topicsByName);
      for (const [id, topic] of this.topics) {
        const old = base.topicsById.get(id);
        if (old) {
          byId.delete(id);
          byName.delete(old.name);
        }
        if (topic) {
          const image: TopicImage = { id, name: topic.name, partitions: topic.partitions };
          byId.set(id, image);
          byName.set(topic.name, image);
        }
      }
      topicsById = byId;
      topicsByName = byName;
    }
    let configs = base.configs;
    for (const type of ['topic', 'broker'] as const) {
      if (this.configs[type].size === 0) continue;
      const next = new Map(base.configs[type]);
      for (const [name, values] of this.configs[type]) {
        if (values && values.size > 0) next.set(name, values);
        else next.delete(name);
      }
      configs = { ...configs, [type]: next };
    }
    return {
      brokers,
      topicsById,
      topicsByName,
      configs,
      nextProducerId: this.nextProducerId,
      nextBrokerEpoch: this.nextBrokerEpoch,
      scramCredentials: merged(base.scramCredentials, this.scram),
      acls: merged(base.acls, this.acls),
      controllers: this.controllers ?? base.controllers,
    };
  }

  /** Brokers registered or changed by this delta, as they are after it. */
  changedBrokers(): BrokerRegistration[] {
    return [...this.brokers.values()].filter((b): b is BrokerRegistration => b !== null);
  }

  /** Ids of brokers unregistered by this delta. */
  removedBrokers(): number[] {
    return [...this.brokers].filter(([id, b]) => b === null && this.base.brokers.has(id)).map(([id]) => id);
  }

  /** Topics (as they were in the base image) removed by this delta. */
  removedTopics(): TopicImage[] {
    return [...this.topics]
      .filter(([, t]) => t === null)
      .flatMap(([id]) => {
        const old = this.base.topicsById.get(id);
        return old ? [old] : [];
      });
  }

  /** Topics created by this delta (and not removed again). */
  createdTopics(): { id: Uuid; name: string }[] {
    return [...this.topics.values()]
      .filter((t): t is WorkingTopic => t !== null && !this.base.topicsById.has(t.id))
      .map((t) => ({ id: t.id, name: t.name }));
  }

  /** Every partition created or changed by this delta, in surviving topics. */
  changedPartitions(): PartitionChange[] {
    const out: PartitionChange[] = [];
    for (const topic of this.topics.values()) {
      if (!topic) continue;
      const before = this.base.topicsById.get(topic.id);
      for (const partitionId of [...topic.changed].sort((a, b) => a - b)) {
        out.push({
          topicId: topic.id,
          topicName: topic.name,
          partitionId,
          before: before?.partitions.get(partitionId) ?? null,
          after: topic.partitions.get(partitionId)!,
        });
      }
    }
    return out;
  }

  /** What `brokerId` must do: partitions it now leads or follows, and replicas it must drop. */
  localChanges(brokerId: number): LocalChanges {
    const leaders: PartitionChange[] = [];
    const followers: PartitionChange[] = [];
    const deletes: RemovedPartition[] = [];
    for (const change of this.changedPartitions()) {
      if (change.after.replicas.includes(brokerId)) {
        (change.after.leader === brokerId ? leaders : followers).push(change);
      } else if (change.before?.replicas.includes(brokerId)) {
        deletes.push({ topicId: change.topicId, topicName: change.topicName, partitionId: change.partitionId });
      }
    }
    for (const topic of this.removedTopics()) {
      for (const [partitionId, partition] of topic.partitions) {
        if (partition.replicas.includes(brokerId)) deletes.push({ topicId: topic.id, topicName: topic.name, partitionId });
      }
    }
    return { leaders, followers, deletes };
  }
}

/** `base` with `changes` applied (null removes); `base` itself when nothing changed. */
function merged<K, V>(base: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V | null>): ReadonlyMap<K, V> {
  if (changes.size === 0) return base;
  const next = new Map(base);
  for (const [key, value] of changes) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** Applies records in order to an image: the new image plus the delta describing the change. */
export function applyRecords(image: MetadataImage, records: Iterable<MetadataRecord>): { image: MetadataImage; delta: MetadataDelta } {
  const delta = new MetadataDelta(image);
  for (const record of records) delta.replay(record);
  return { image: delta.apply(), delta };
}
