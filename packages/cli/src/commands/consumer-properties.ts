import { RunnelError, type ConsumerConfig } from '@runnel/client';
import { boolProperty, intFlag, keyValues } from './flags.js';

type Kind = 'int' | 'bool' | 'string' | 'list' | 'reset';

/** Kafka consumer config names `--consumer-property` takes, and the SDK setting each one is. */
const PROPERTIES = {
  'group.id': ['groupId', 'string'],
  'group.instance.id': ['groupInstanceId', 'string'],
  'client.id': ['clientId', 'string'],
  'client.rack': ['clientRack', 'string'],
  'auto.offset.reset': ['autoOffsetReset', 'reset'],
  'enable.auto.commit': ['enableAutoCommit', 'bool'],
  'auto.commit.interval.ms': ['autoCommitIntervalMs', 'int'],
  'session.timeout.ms': ['sessionTimeoutMs', 'int'],
  'heartbeat.interval.ms': ['heartbeatIntervalMs', 'int'],
  'max.poll.interval.ms': ['maxPollIntervalMs', 'int'],
  'partition.assignment.strategy': ['partitionAssignmentStrategy', 'list'],
  'metadata.max.age.ms': ['metadataMaxAgeMs', 'int'],
  'fetch.min.bytes': ['fetchMinBytes', 'int'],
  'fetch.max.wait.ms': ['fetchMaxWaitMs', 'int'],
  'fetch.max.bytes': ['fetchMaxBytes', 'int'],
  'max.partition.fetch.bytes': ['maxPartitionFetchBytes', 'int'],
  'max.poll.records': ['maxPollRecords', 'int'],
  'request.timeout.ms': ['requestTimeoutMs', 'int'],
  'retry.backoff.ms': ['retryBackoffMs', 'int'],
} as const satisfies Record<string, readonly [keyof ConsumerConfig, Kind]>;

type Known = keyof typeof PROPERTIES;

function value(name: string, kind: Kind, raw: string): string | string[] | number | boolean {
  if (kind === 'int') return intFlag(`--consumer-property ${name}`, raw, 0);
  if (kind === 'bool') return boolProperty(name, raw, false);
  if (kind === 'reset') {
    const v = raw.trim().toLowerCase();
    if (v !== 'earliest' && v !== 'latest' && v !== 'none') throw new RunnelError('INVALID_CONFIG', `property auto.offset.reset must be earliest, latest or none, got '${raw}'`);
    return v;
  }
  if (kind === 'list') {
    const list = raw.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
    if (list.length === 0) throw new RunnelError('INVALID_CONFIG', `property ${name} needs at least one name`);
    return list;
  }
  if (raw.length === 0) throw new RunnelError('INVALID_CONFIG', `property ${name} cannot be empty`);
  return raw;
}

/** --consumer-property key=value pairs (Kafka's names) as consumer settings; unknown names are refused. */
export function consumerProperties(pairs: string[]): Partial<ConsumerConfig> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of keyValues('--consumer-property', pairs)) {
    if (!(name in PROPERTIES)) {
      throw new RunnelError('INVALID_CONFIG', `unknown --consumer-property ${name} (known: ${Object.keys(PROPERTIES).join(', ')})`);
    }
    const [field, kind] = PROPERTIES[name as Known];
    out[field] = value(name, kind, raw);
  }
  return out as Partial<ConsumerConfig>;
}
