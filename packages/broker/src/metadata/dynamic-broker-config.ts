import type { Logger } from 'pino';
import { CLUSTER_DEFAULT_RESOURCE, type MetadataImage } from '@runnel/controller';
import type { pb } from '@runnel/protocol';
import type { BrokerDefaults } from '../replica/topic-settings.js';

/** Dynamic broker config values as the metadata log stores them. */
export interface DynamicConfigValues {
  /** Set for this broker (Kafka's DYNAMIC_BROKER_CONFIG). */
  readonly perBroker: ReadonlyMap<string, string>;
  /** Set as the cluster-wide default (DYNAMIC_DEFAULT_BROKER_CONFIG). */
  readonly clusterDefault: ReadonlyMap<string, string>;
}

/** What of a broker's configuration can change while it runs, resolved for one set of dynamic values. */
export interface BrokerConfigView {
  readonly defaults: BrokerDefaults;
  readonly producerIdExpirationMs: number;
  /** This broker's whole configuration as DescribeConfigs shows it. */
  readonly described: readonly pb.DescribedConfig[];
}

/**
 * The broker's configuration with dynamic values over its static one (per broker over cluster
 * default over static over default); null when they do not make a valid configuration (the
 * resolver reports why).
 */
export type BrokerConfigResolver = (dynamic: DynamicConfigValues) => BrokerConfigView | null;

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * Follows this broker's dynamic configs in the metadata image. When the values stored for it or
 * as the cluster default change, they are resolved again and the new view is handed on, so
 * changes apply without a restart; a set that does not resolve leaves the previous view in force.
 */
export class DynamicBrokerConfig {
  private perBroker = NONE;
  private clusterDefault = NONE;
  private view: BrokerConfigView;
  private readonly listeners: ((view: BrokerConfigView) => void)[] = [];

  constructor(
    private readonly brokerId: number,
    private readonly resolve: BrokerConfigResolver,
    private readonly logger: Logger,
  ) {
    const initial = resolve({ perBroker: NONE, clusterDefault: NONE });
    if (!initial) throw new Error('the static broker configuration does not resolve');
    this.view = initial;
  }

  get current(): BrokerConfigView {
    return this.view;
  }

  /** Calls `listener` with every new view. */
  onChange(listener: (view: BrokerConfigView) => void): void {
    this.listeners.push(listener);
  }

  /** Called with every image the broker applies (maps are immutable: a new map means a change). */
  update(image: MetadataImage): void {
    const perBroker = image.configs.broker.get(String(this.brokerId)) ?? NONE;
    const clusterDefault = image.configs.broker.get(CLUSTER_DEFAULT_RESOURCE) ?? NONE;
    if (perBroker === this.perBroker && clusterDefault === this.clusterDefault) return;
    this.perBroker = perBroker;
    this.clusterDefault = clusterDefault;
    const next = this.resolve({ perBroker, clusterDefault });
    if (!next) return;
    this.view = next;
    this.logger.info({ perBroker: Object.fromEntries(perBroker), clusterDefault: Object.fromEntries(clusterDefault) }, 'dynamic broker configs applied');
    for (const listener of this.listeners) listener(next);
  }
}
