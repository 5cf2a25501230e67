import { RunnelError } from '@runnel/protocol';

/**
 * The per-topic config keys Runnel acts on, with Kafka's names, types, bounds and defaults. A key
 * Kafka has but Runnel does not implement is refused as unknown rather than silently ignored.
 * One table for the controller (validating CreateTopics and AlterConfigs), brokers (resolving
 * the effective config of a log) and the CLI (listing what can be set).
 */
export type TopicConfigType = 'boolean' | 'int' | 'long' | 'double' | 'string' | 'list';

export interface TopicConfigDef {
  readonly type: TopicConfigType;
  /** Kafka's default, as the string a user would write. */
  readonly default: string;
  readonly doc: string;
  readonly min?: number;
  readonly max?: number;
  /** For strings: the accepted values; for lists: the accepted elements. */
  readonly values?: readonly string[];
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
/** Kafka's Long.MAX_VALUE default ("never"). Values above 2^53 read as Number.MAX_SAFE_INTEGER. */
const LONG_MAX = '9223372036854775807';
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export const TOPIC_CONFIGS: Readonly<Record<string, TopicConfigDef>> = {
  'cleanup.policy': { type: 'list', default: 'delete', values: ['delete', 'compact'], doc: 'delete old segments, compact by key, or both' },
  'delete.retention.ms': { type: 'long', default: '86400000', min: 0, doc: 'how long delete tombstones are kept on compacted topics' },
  'flush.messages': { type: 'long', default: LONG_MAX, min: 1, doc: 'fsync after this many messages' },
  'flush.ms': { type: 'long', default: LONG_MAX, min: 0, doc: 'fsync after this much time' },
  'index.interval.bytes': { type: 'int', default: '4096', min: 0, doc: 'bytes between offset index entries' },
  'max.message.bytes': { type: 'int', default: '1048588', min: 0, doc: 'largest record batch the topic accepts' },
  'min.cleanable.dirty.ratio': { type: 'double', default: '0.5', min: 0, max: 1, doc: 'dirty share of the log that triggers compaction' },
  'min.insync.replicas': { type: 'int', default: '1', min: 1, doc: 'in-sync replicas needed to accept an acks=all write' },
  'retention.bytes': { type: 'long', default: '-1', min: -1, doc: 'size a partition is trimmed to; -1 for no limit' },
  'retention.ms': { type: 'long', default: '604800000', min: -1, doc: 'age after which segments are deleted; -1 for no limit' },
  'segment.bytes': { type: 'int', default: '1073741824', min: 14, doc: 'size at which a segment rolls' },
  'segment.index.bytes': { type: 'int', default: '10485760', min: 4, doc: 'size of a segment index file' },
  'segment.ms': { type: 'long', default: '604800000', min: 1, doc: 'age at which a segment rolls' },
  'unclean.leader.election.enable': { type: 'boolean', default: 'false', doc: 'allow a leader outside the ISR (may lose data)' },
};

export type TopicConfigValue = boolean | number | string | string[];

function invalid(key: string, value: string, expected: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', `invalid value '${value}' for topic config ${key}: expected ${expected}`);
}

function checkBounds(key: string, value: string, n: number | bigint, def: TopicConfigDef): void {
  if (def.min !== undefined && n < def.min) throw invalid(key, value, `a value >= ${def.min}`);
  if (def.max !== undefined && n > def.max) throw invalid(key, value, `a value <= ${def.max}`);
}

/** Parses and checks one topic config value; unknown keys and bad values give INVALID_CONFIG. */
export function parseTopicConfig(key: string, value: string): TopicConfigValue {
  const def = TOPIC_CONFIGS[key];
  if (!def) throw new RunnelError('INVALID_CONFIG', `unknown topic config '${key}'`);
  const text = value.trim();
  switch (def.type) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw invalid(key, value, 'true or false');
      return lower === 'true';
    }
    case 'int':
    case 'long': {
      if (!/^[-+]?\d+$/.test(text)) throw invalid(key, value, `an integer (${def.type})`);
      const big = BigInt(text);
      const [lo, hi] = def.type === 'int' ? [BigInt(INT32_MIN), BigInt(INT32_MAX)] : [INT64_MIN, INT64_MAX];
      if (big < lo || big > hi) throw invalid(key, value, `a ${def.type} in [${lo}, ${hi}]`);
      checkBounds(key, value, big, def);
      return big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
    }
    case 'double': {
      const n = text === '' ? NaN : Number(text);
      if (!Number.isFinite(n)) throw invalid(key, value, 'a number');
      checkBounds(key, value, n, def);
      return n;
    }
    case 'string':
      if (def.values && !def.values.includes(text)) throw invalid(key, value, `one of ${def.values.join(', ')}`);
      return text;
    case 'list': {
      const items = text.split(',').map((s) => s.trim());
      const allowed = def.values ?? [];
      if (items.some((item) => !allowed.includes(item)) || new Set(items).size !== items.length) {
        throw invalid(key, value, `a comma-separated list of distinct values from ${allowed.join(', ')}`);
      }
      return items;
    }
  }
}

/** Checks every entry of a topic config map; the first bad one throws INVALID_CONFIG. */
export function validateTopicConfigs(configs: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(configs)) parseTopicConfig(key, value);
}

/** The typed value of `key` for a topic: its override if set, else Kafka's default. */
export function effectiveTopicConfig(key: string, overrides?: ReadonlyMap<string, string>): TopicConfigValue {
  const def = TOPIC_CONFIGS[key];
  if (!def) throw new RunnelError('INVALID_CONFIG', `unknown topic config '${key}'`);
  return parseTopicConfig(key, overrides?.get(key) ?? def.default);
}
