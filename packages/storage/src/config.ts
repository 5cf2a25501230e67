import { RunnelError } from '@runnel/protocol';

/**
 * Per-partition log settings under Kafka's topic-level names and with Kafka's defaults. The
 * broker maps its log.* names (log.segment.bytes, log.retention.ms, ...) onto these.
 */
export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

export interface LogConfig {
  /** segment.bytes: roll the active segment when it would grow past this. */
  segmentBytes: number;
  /** segment.ms: roll the active segment when its first batch is this old. */
  segmentMs: number;
  /** segment.index.bytes: the most an offset or time index may hold; a full index rolls. */
  segmentIndexBytes: number;
  /** index.interval.bytes: log bytes between two offset index entries. */
  indexIntervalBytes: number;
  /** retention.ms: delete segments whose newest record is older; -1 keeps forever. */
  retentionMs: number;
  /** retention.bytes: delete oldest segments while the log is larger; -1 means no limit. */
  retentionBytes: number;
  cleanupPolicy: CleanupPolicy;
  /** delete.retention.ms: how long a tombstone survives compaction. */
  deleteRetentionMs: number;
  /** min.cleanable.dirty.ratio: dirty bytes / total bytes above which the cleaner runs. */
  minCleanableDirtyRatio: number;
  /** max.message.bytes: the largest record batch an append accepts. */
  maxMessageBytes: number;
  /** flush.messages: fsync once this many messages are unflushed (1 = fsync every append). */
  flushMessages: number;
  /** flush.ms: fsync when data has been unflushed this long. */
  flushMs: number;
}

const LONG_MAX = Number.MAX_SAFE_INTEGER;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  cleanupPolicy: 'delete',
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  minCleanableDirtyRatio: 0.5,
  maxMessageBytes: 1024 * 1024 + 12,
  flushMessages: LONG_MAX,
  flushMs: LONG_MAX,
});

const KEYS: Record<string, keyof LogConfig> = {
  'segment.bytes': 'segmentBytes',
  'segment.ms': 'segmentMs',
  'segment.index.bytes': 'segmentIndexBytes',
  'index.interval.bytes': 'indexIntervalBytes',
  'retention.ms': 'retentionMs',
  'retention.bytes': 'retentionBytes',
  'cleanup.policy': 'cleanupPolicy',
  'delete.retention.ms': 'deleteRetentionMs',
  'min.cleanable.dirty.ratio': 'minCleanableDirtyRatio',
  'max.message.bytes': 'maxMessageBytes',
  'flush.messages': 'flushMessages',
  'flush.ms': 'flushMs',
};

/** Kafka's names of the keys a LogConfig understands. */
export const LOG_CONFIG_KEYS: readonly string[] = Object.keys(KEYS);

/** A LogConfig under Kafka's topic-level names, as strings (for describing effective configs). */
export function logConfigToProps(config: Readonly<LogConfig>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, field] of Object.entries(KEYS)) out.set(key, String(config[field]));
  return out;
}

function invalid(key: string, value: unknown, why: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', `${key}=${String(value)} is invalid: ${why}`);
}

function integer(key: string, value: string | number, min: number): number {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isSafeInteger(n)) throw invalid(key, value, 'expected an integer');
  if (n < min) throw invalid(key, value, `must be at least ${min}`);
  return n;
}

function parsePolicy(value: string | number): CleanupPolicy {
  const parts = String(value)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const set = new Set(parts);
  for (const p of set) {
    if (p !== 'delete' && p !== 'compact') throw invalid('cleanup.policy', value, "use 'delete', 'compact' or 'compact,delete'");
  }
  if (set.size === 0) throw invalid('cleanup.policy', value, "use 'delete', 'compact' or 'compact,delete'");
  if (set.size === 2) return 'compact,delete';
  return set.has('compact') ? 'compact' : 'delete';
}

/**
 * Build a LogConfig from Kafka-named properties over the defaults (or over `base`). Unknown keys
 * and out-of-range values are refused with INVALID_CONFIG naming the key.
 */
export function parseLogConfig(props: Record<string, string | number>, base: Readonly<LogConfig> = DEFAULT_LOG_CONFIG): LogConfig {
  const out: LogConfig = { ...base };
  for (const [key, value] of Object.entries(props)) {
    const field = KEYS[key];
    if (field === undefined) throw new RunnelError('INVALID_CONFIG', `unknown log config key '${key}'; known keys: ${LOG_CONFIG_KEYS.join(', ')}`);
    switch (field) {
      case 'cleanupPolicy':
        out.cleanupPolicy = parsePolicy(value);
        break;
      case 'minCleanableDirtyRatio': {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0 || n > 1) throw invalid(key, value, 'must be between 0 and 1');
        out.minCleanableDirtyRatio = n;
        break;
      }
      case 'segmentBytes':
        out.segmentBytes = integer(key, value, 14);
        if (out.segmentBytes > 0x7fffffff) throw invalid(key, value, 'must fit in an int32 (index positions are int32)');
        break;
      case 'segmentIndexBytes':
        out.segmentIndexBytes = integer(key, value, 12);
        break;
      case 'retentionMs':
      case 'retentionBytes':
        out[field] = integer(key, value, -1);
        break;
      case 'maxMessageBytes':
      case 'flushMessages':
      case 'segmentMs':
        out[field] = integer(key, value, 1);
        break;
      default:
        out[field] = integer(key, value, 0);
    }
  }
  return out;
}

export function shouldCompact(config: LogConfig): boolean {
  return config.cleanupPolicy !== 'delete';
}

export function shouldDelete(config: LogConfig): boolean {
  return config.cleanupPolicy !== 'compact';
}
