/**
 * The shape of one configuration key's definition. Kept apart from the server's table so the
 * loader can work over any table (and tests can drive it with small ones).
 */
export type ConfigType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'list' | 'password' | 'enum';

export type Importance = 'high' | 'medium' | 'low';

/**
 * Whether a key may change while the node runs, in Kafka's terms: `read-only` needs a restart,
 * `per-broker` may be changed for one broker, `cluster-wide` for every broker at once.
 */
export type DynamicMode = 'read-only' | 'per-broker' | 'cluster-wide';

export interface ConfigDef {
  /** Kafka's name for the key (or a Runnel key where Kafka has none; see `kafka`). */
  readonly name: string;
  readonly type: ConfigType;
  /** The default as a user would write it; null when the key has no value unless set. */
  readonly default: string | null;
  /** A node cannot start without it. */
  readonly required?: boolean;
  /** Inclusive bounds for int, long and double. */
  readonly min?: number;
  readonly max?: number;
  /** int and long: -1 is accepted besides [min, max], meaning "no limit". */
  readonly minusOneUnlimited?: boolean;
  /** enum: the accepted values; list: the accepted elements (each at most once). */
  readonly values?: readonly string[];
  /** list: must not be empty. */
  readonly nonEmpty?: boolean;
  readonly description: string;
  readonly importance: Importance;
  readonly dynamic: DynamicMode;
  /** Whether Apache Kafka has a broker key of this name. */
  readonly kafka: boolean;
  /** The topic-level config this key is the broker default of (e.g. log.retention.ms -> retention.ms). */
  readonly topicConfig?: string;
}

export type ConfigValue = string | number | boolean | readonly string[];

export const INT_MAX = 2 ** 31 - 1;
export const INT_MIN = -(2 ** 31);
/** Kafka's Long.MAX_VALUE, the "never" of its long settings, as users write it. */
export const LONG_MAX_TEXT = '9223372036854775807';
