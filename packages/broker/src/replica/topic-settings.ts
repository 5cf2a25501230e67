import { LOG_CONFIG_KEYS, parseLogConfig, type LogConfig } from '@runnel/storage';
import type { MetadataImage } from '@runnel/controller';
import type { PartitionSettings } from './partition.js';

export interface BrokerDefaults {
  /** The log.* broker settings, as topic-level LogConfig. */
  log: Readonly<LogConfig>;
  minInsyncReplicas: number;
  replicaLagTimeMaxMs: number;
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

  /** Whether `topic`'s configs differ from what was last computed (a dynamic change). */
  changed(topic: string): boolean {
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
