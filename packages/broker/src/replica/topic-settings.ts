import { LOG_CONFIG_KEYS, logConfigToProps, parseLogConfig, type LogConfig } from '@runnel/storage';
import { TOPIC_CONFIGS } from '@runnel/controller';
import type { MetadataImage } from '@runnel/controller';
import type { PartitionSettings } from './partition.js';

export interface BrokerDefaults {
  /** The log.* broker settings, as topic-level LogConfig. */
  log: Readonly<LogConfig>;
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
  /** The cluster's unclean.leader.election.enable, shown as a topic default (the controller applies it). */
  uncleanLeaderElectionEnable?: boolean;
}

const LOG_KEYS = new Set(LOG_CONFIG_KEYS);

/**
 * A topic's effective settings: its dynamic topic configs from the metadata image over this
 * broker's defaults. Cached per topic and recomputed only when the topic's config map in the
 * image changes (maps are immutable, so a new map means a change), since produce asks on every call.
 */
export class TopicSettings {
  private readonly cache = new Map<string, { overrides: ReadonlyMap<string, string> | undefined; log: LogConfig; partition: PartitionSettings }>();

  constructor(
    private readonly image: () => MetadataImage,
    private readonly defaults: BrokerDefaults,
  ) {}

  logConfig(topic: string): LogConfig {
    return this.entry(topic).log;
  }

  partition(topic: string): PartitionSettings {
    return this.entry(topic).partition;
  }

  /** Topic config defaults on this broker, and whether each comes from its config or the built-in default. */
  describeDefaults(): Map<string, { value: string; source: 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG' }> {
    const values = logConfigToProps(this.defaults.log);
    values.set('min.insync.replicas', String(this.defaults.minInsyncReplicas));
    if (this.defaults.uncleanLeaderElectionEnable !== undefined) values.set('unclean.leader.election.enable', String(this.defaults.uncleanLeaderElectionEnable));
    const out = new Map<string, { value: string; source: 'STATIC_BROKER_CONFIG' | 'DEFAULT_CONFIG' }>();
    for (const [key, value] of values) {
      const builtIn = TOPIC_CONFIGS[key]?.default;
      // Kafka's Long.MAX_VALUE defaults read as Number.MAX_SAFE_INTEGER here.
      const same = builtIn === value || (builtIn === '9223372036854775807' && value === String(Number.MAX_SAFE_INTEGER));
      out.set(key, { value: same ? (builtIn ?? value) : value, source: same ? 'DEFAULT_CONFIG' : 'STATIC_BROKER_CONFIG' });
    }
    return out;
  }

  /**
   * Give open logs their topic's new settings after a dynamic config change. Changed topics are
   * found first: computing one partition's settings refreshes the cache for its whole topic.
   */
  applyToLogs(partitions: Iterable<{ topic: string; log: { updateConfig(config: LogConfig): void } }>): number {
    const list = [...partitions];
    const changed = new Set(list.map((p) => p.topic).filter((topic) => this.changed(topic)));
    let updated = 0;
    for (const p of list) {
      if (!changed.has(p.topic)) continue;
      p.log.updateConfig(this.logConfig(p.topic));
      updated++;
    }
    return updated;
  }

  /** Whether `topic`'s configs differ from what was last computed. */
  private changed(topic: string): boolean {
    const cached = this.cache.get(topic);
    return cached !== undefined && cached.overrides !== this.image().configs.topic.get(topic);
  }


  private entry(topic: string) {
    const overrides = this.image().configs.topic.get(topic);
    const cached = this.cache.get(topic);
    if (cached && cached.overrides === overrides) return cached;
    const logProps: Record<string, string> = {};
    for (const [k, v] of overrides ?? []) if (LOG_KEYS.has(k)) logProps[k] = v;
    const log = parseLogConfig(logProps, this.defaults.log);
    const minIsr = overrides?.get('min.insync.replicas');
    const partition: PartitionSettings = {
      minInsyncReplicas: minIsr !== undefined ? Number(minIsr) : this.defaults.minInsyncReplicas,
      replicaLagTimeMaxMs: this.defaults.replicaLagTimeMaxMs,
      maxMessageBytes: log.maxMessageBytes,
    };
    const fresh = { overrides, log, partition };
    this.cache.set(topic, fresh);
    return fresh;
  }
}
