import { LOG_CONFIG_KEYS, logConfigToProps, parseLogConfig, type LogConfig } from '@runnel/storage';
import type { MetadataImage } from '@runnel/controller';
import type { PartitionSettings } from './partition.js';

/** Where a broker-level value comes from, in Kafka's DescribeConfigs terms (highest precedence first). */
export type BrokerConfigSource = 'DYNAMIC_BROKER_CONFIG' | 'DYNAMIC_DEFAULT_BROKER_CONFIG' | 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG';

export interface BrokerDefaults {
  /** The log.* broker settings, as topic-level LogConfig. */
  log: Readonly<LogConfig>;
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
  /** The cluster's unclean.leader.election.enable, shown as a topic default (the controller applies it). */
  uncleanLeaderElectionEnable?: boolean;
  /** Where each topic config's default comes from, by topic config key; a key not listed is DEFAULT_CONFIG. */
  sources: ReadonlyMap<string, BrokerConfigSource>;
}

const LOG_KEYS = new Set(LOG_CONFIG_KEYS);
/** Kafka's Long.MAX_VALUE defaults ("never") read as Number.MAX_SAFE_INTEGER here. */
const LONG_MAX_TEXT = '9223372036854775807';

interface Entry {
  overrides: ReadonlyMap<string, string> | undefined;
  /** The defaults generation this entry was computed from. */
  generation: number;
  log: LogConfig;
  partition: PartitionSettings;
}

/**
 * A topic's effective settings: its dynamic topic configs from the metadata image over this
 * broker's defaults (which dynamic broker configs can replace). Cached per topic and recomputed
 * only when the topic's config map in the image changes (maps are immutable, so a new map means
 * a change) or the defaults do, since produce asks on every call.
 */
export class TopicSettings {
  private readonly cache = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly image: () => MetadataImage,
    private defaults: BrokerDefaults,
  ) {}

  /** New broker defaults: every topic's settings are recomputed on next use (and by applyToLogs). */
  setDefaults(defaults: BrokerDefaults): void {
    this.defaults = defaults;
    this.generation++;
  }

  logConfig(topic: string): LogConfig {
    return this.entry(topic).log;
  }

  partition(topic: string): PartitionSettings {
    return this.entry(topic).partition;
  }

  /** Topic config defaults on this broker, with where each comes from. */
  describeDefaults(): Map<string, { value: string; source: BrokerConfigSource }> {
    const values = logConfigToProps(this.defaults.log);
    values.set('min.insync.replicas', String(this.defaults.minInsyncReplicas));
    if (this.defaults.uncleanLeaderElectionEnable !== undefined) values.set('unclean.leader.election.enable', String(this.defaults.uncleanLeaderElectionEnable));
    const out = new Map<string, { value: string; source: BrokerConfigSource }>();
    for (const [key, value] of values) {
      out.set(key, { value: value === String(Number.MAX_SAFE_INTEGER) ? LONG_MAX_TEXT : value, source: this.defaults.sources.get(key) ?? 'DEFAULT_CONFIG' });
    }
    return out;
  }

  /**
   * Give open logs their topic's new settings after a dynamic topic or broker config change.
   * Changed topics are found first: computing one log's settings refreshes its whole topic.
   */
  applyToLogs(logs: Iterable<{ topic: string; updateConfig(config: LogConfig): void }>): number {
    const list = [...logs];
    const changed = new Set(list.map((l) => l.topic).filter((topic) => this.changed(topic)));
    let updated = 0;
    for (const l of list) {
      if (!changed.has(l.topic)) continue;
      l.updateConfig(this.logConfig(l.topic));
      updated++;
    }
    return updated;
  }

  /** Whether `topic`'s configs or the defaults differ from what was last computed for it. */
  private changed(topic: string): boolean {
    const cached = this.cache.get(topic);
    return cached !== undefined && (cached.overrides !== this.image().configs.topic.get(topic) || cached.generation !== this.generation);
  }

  private entry(topic: string): Entry {
    const overrides = this.image().configs.topic.get(topic);
    const cached = this.cache.get(topic);
    if (cached && cached.overrides === overrides && cached.generation === this.generation) return cached;
    const logProps: Record<string, string> = {};
    for (const [k, v] of overrides ?? []) if (LOG_KEYS.has(k)) logProps[k] = v;
    const log = parseLogConfig(logProps, this.defaults.log);
    const minIsr = overrides?.get('min.insync.replicas');
    const partition: PartitionSettings = {
      minInsyncReplicas: minIsr !== undefined ? Number(minIsr) : this.defaults.minInsyncReplicas,
      replicaLagTimeMaxMs: this.defaults.replicaLagTimeMaxMs,
      maxMessageBytes: log.maxMessageBytes,
    };
    const fresh = { overrides, generation: this.generation, log, partition };
    this.cache.set(topic, fresh);
    return fresh;
  }
}
