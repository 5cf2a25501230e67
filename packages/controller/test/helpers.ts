import { RunnelError, isRunnelError, type ErrorName } from '@runnel/protocol';
import type { BrokerConfigPolicy } from '../src/broker-configs.js';
import { BrokerHeartbeatTracker } from '../src/broker-heartbeat-tracker.js';
import { brokerHeartbeat, registerBroker } from '../src/broker-lifecycle.js';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterSettings } from '../src/controller-config.js';
import type { ControllerContext, ControllerResult } from '../src/controller-context.js';
import { applyRecords, type MetadataDelta } from '../src/delta.js';
import { EMPTY_IMAGE, type MetadataImage, type PartitionRegistration } from '../src/image.js';
import { seededRandomSource, type RandomSource } from '../src/random.js';
import type { MetadataRecord } from '../src/records.js';
import { randomUuid } from '../src/uuid.js';

/** A test cluster: the committed image plus the controller's soft state, driven step by step. */
export class TestCluster {
  image: MetadataImage = EMPTY_IMAGE;
  offset = -1;
  now = 1_000_000;
  readonly deltas: MetadataDelta[] = [];
  readonly records: MetadataRecord[] = [];
  readonly random: RandomSource;
  readonly tracker: BrokerHeartbeatTracker;
  readonly settings: ClusterSettings;
  readonly epochs = new Map<number, number>();

  constructor(settings: Partial<ClusterSettings> = {}, seed = 1) {
    this.settings = { ...DEFAULT_CLUSTER_SETTINGS, ...settings };
    this.random = seededRandomSource(seed);
    this.tracker = new BrokerHeartbeatTracker(this.settings.brokerSessionTimeoutMs);
  }

  ctx(): ControllerContext {
    return { now: this.now, committedOffset: this.offset, settings: this.settings, random: this.random };
  }

  /** Commits a decision's records, as the Raft log would, and returns its response. */
  commit<T>(result: ControllerResult<T>): T {
    if (result.records.length > 0) {
      const { image, delta } = applyRecords(this.image, result.records);
      this.image = image;
      this.deltas.push(delta);
      this.records.push(...result.records);
      this.offset += result.records.length;
    }
    return result.response;
  }

  register(brokerId: number, rack: string | null = null): number {
    const { brokerEpoch } = this.commit(
      registerBroker(
        this.image,
        this.tracker,
        { brokerId, incarnationId: randomUuid(this.random), listeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + brokerId }], rack },
        this.ctx(),
      ),
    );
    this.epochs.set(brokerId, brokerEpoch);
    return brokerEpoch;
  }

  heartbeat(brokerId: number, options: { wantFence?: boolean; wantShutDown?: boolean; metadataOffset?: number } = {}) {
    return this.commit(
      brokerHeartbeat(
        this.image,
        this.tracker,
        {
          brokerId,
          brokerEpoch: this.epochs.get(brokerId)!,
          currentMetadataOffset: options.metadataOffset ?? this.offset,
          wantFence: options.wantFence ?? false,
          wantShutDown: options.wantShutDown ?? false,
        },
        this.ctx(),
      ),
    );
  }

  /** Registers brokers and heartbeats them (caught up) until they are unfenced. */
  start(ids: readonly number[], racks?: readonly (string | null)[]): void {
    ids.forEach((id, i) => this.register(id, racks?.[i] ?? null));
    for (const id of ids) {
      this.heartbeat(id);
      this.heartbeat(id);
    }
  }

  partition(topic: string, partitionId: number): PartitionRegistration {
    const p = this.image.topicsByName.get(topic)?.partitions.get(partitionId);
    if (!p) throw new Error(`no partition ${topic}-${partitionId}`);
    return p;
  }
}

/** The Kafka error name `fn` throws, or undefined when it does not throw. */
export function errorOf(fn: () => unknown): ErrorName | undefined {
  try {
    fn();
  } catch (err) {
    if (isRunnelError(err)) return err.errorName;
    throw err;
  }
  return undefined;
}

/**
 * A stand-in for the server schema's judge of dynamic broker configs: log.retention.ms (an
 * integer, per broker or cluster-wide), unclean.leader.election.enable (cluster-wide only),
 * node.id (read-only); anything else is unknown.
 */
export const TEST_BROKER_CONFIGS: BrokerConfigPolicy = {
  check(key, value, brokerId) {
    if (key === 'node.id') throw new RunnelError('INVALID_REQUEST', `${key} cannot be changed while brokers run (read-only)`);
    if (key === 'unclean.leader.election.enable') {
      if (brokerId !== null) throw new RunnelError('INVALID_REQUEST', `${key} is set as the cluster-wide default only`);
      if (value !== null && value !== 'true' && value !== 'false') throw new RunnelError('INVALID_CONFIG', `invalid value '${value}' for broker config ${key}`);
      return value;
    }
    if (key !== 'log.retention.ms') throw new RunnelError('INVALID_CONFIG', `unknown broker config '${key}'`);
    if (value !== null && !/^\d+$/.test(value.trim())) throw new RunnelError('INVALID_CONFIG', `invalid value '${value}' for broker config ${key}`);
    return value === null ? null : value.trim();
  },
};
