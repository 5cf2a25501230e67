import type { BrokerConfigSource } from '@runnel/broker';
import type { pb } from '@runnel/protocol';
import type { ResolvedValue } from './resolve.js';
import type { ServerConfig } from './server-config.js';
import type { SourceKind } from './sources.js';

const HIDDEN = '[hidden]';

/** The value as written, lists normalised to a,b,c; null when unset. */
function valueText(v: ResolvedValue): string | null {
  if (v.text === null) return null;
  return Array.isArray(v.value) ? v.value.join(',') : v.text.trim();
}

/** The value as shown to people: passwords hidden, unset keys as null. */
function shown(v: ResolvedValue): string {
  if (v.text === null) return 'null';
  return v.def.type === 'password' ? HIDDEN : valueText(v)!;
}

function describeSource(v: ResolvedValue): string {
  switch (v.source.kind) {
    case 'default':
      return 'default';
    case 'file':
      return `file ${v.source.where}`;
    case 'env':
      return `env ${v.source.where.slice('env '.length)}`;
    case 'override':
      return 'override';
    case 'dynamic-broker':
    case 'dynamic-default':
      return v.source.where;
  }
}

/** Rows of key, effective value and source, sorted by key. */
function rows(values: Iterable<ResolvedValue>): [string, string, string][] {
  return [...values].sort((a, b) => a.def.name.localeCompare(b.def.name)).map((v) => [v.def.name, shown(v), describeSource(v)]);
}

/**
 * Every key with its effective value and where it came from (default, file path:line, env
 * variable, override), as an aligned table; passwords are hidden. For `--print-config`.
 */
export function describeConfig(config: Pick<ServerConfig, 'values'>): string {
  const table: [string, string, string][] = [['KEY', 'VALUE', 'SOURCE'], ...rows(config.values.values())];
  const width = [0, 1].map((col) => Math.max(...table.map((r) => r[col]!.length)));
  return table.map((r) => `${r[0].padEnd(width[0]!)}  ${r[1].padEnd(width[1]!)}  ${r[2]}`.trimEnd()).join('\n');
}

const KAFKA_TYPES = { string: 'STRING', int: 'INT', long: 'LONG', double: 'DOUBLE', boolean: 'BOOLEAN', list: 'LIST', password: 'PASSWORD', enum: 'STRING' } as const;

const KAFKA_SOURCES: Record<SourceKind, BrokerConfigSource> = {
  default: 'DEFAULT_CONFIG',
  file: 'STATIC_BROKER_CONFIG',
  env: 'STATIC_BROKER_CONFIG',
  override: 'STATIC_BROKER_CONFIG',
  'dynamic-default': 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'dynamic-broker': 'DYNAMIC_BROKER_CONFIG',
};

/** Kafka's DescribeConfigs name for where a value comes from. */
export function kafkaSource(kind: SourceKind): BrokerConfigSource {
  return KAFKA_SOURCES[kind];
}

/**
 * The node's configuration as DescribeConfigs answers it: Kafka's source names and types,
 * sensitive values withheld, read-only where a change needs a restart.
 */
export function describedConfigs(config: Pick<ServerConfig, 'values'>): pb.DescribedConfig[] {
  return [...config.values.values()]
    .sort((a, b) => a.def.name.localeCompare(b.def.name))
    .map((v) => ({
      name: v.def.name,
      value: v.def.type === 'password' ? '' : (valueText(v) ?? ''),
      readOnly: v.def.dynamic === 'read-only',
      source: kafkaSource(v.source.kind),
      isSensitive: v.def.type === 'password',
      documentation: v.def.description,
      type: KAFKA_TYPES[v.def.type],
    }));
}
