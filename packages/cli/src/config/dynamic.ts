import type { BrokerConfigView, DynamicConfigValues } from '@runnel/broker';
import { REASSIGNMENT_THROTTLE_CONFIG, type BrokerConfigPolicy } from '@runnel/controller';
import { RunnelError } from '@runnel/protocol';
import type { ConfigDef } from './config-def.js';
import { convertValue } from './convert.js';
import { describedConfigs } from './describe.js';
import { toBrokerDefaults } from './handoff.js';
import type { ResolvedValue } from './resolve.js';
import { buildServerConfig, type ServerConfig } from './server-config.js';
import { SERVER_CONFIG_DEFS } from './server-schema.js';
import type { ConfigSource } from './sources.js';
import { suggestKey } from './suggest.js';

/**
 * Cluster-wide keys only the active controller acts on: a value for one broker would change
 * nothing, so only the cluster-wide default is taken.
 */
const CONTROLLER_KEYS = new Set(['unclean.leader.election.enable']);

/**
 * The controller's judge of dynamic broker configs (kafka-configs.sh --entity-type brokers): the
 * key must be in the schema and not read-only, a per-broker key needs a broker id, the value must
 * have the key's type and bounds. Accepted values are stored normalised (lists as a,b).
 */
export function brokerConfigPolicy(defs: readonly ConfigDef[] = SERVER_CONFIG_DEFS): BrokerConfigPolicy {
  const byName = new Map(defs.map((d) => [d.name, d]));
  return {
    check(key, value, brokerId) {
      const def = byName.get(key);
      if (!def) {
        const guess = suggestKey(key, defs);
        throw new RunnelError('INVALID_CONFIG', `unknown broker config '${key}'${guess ? ` (did you mean ${guess}?)` : ''}`);
      }
      if (def.dynamic === 'read-only') {
        throw new RunnelError('INVALID_REQUEST', `${key} cannot be changed while brokers run (read-only): set it in each node's server properties and restart the node`);
      }
      if (def.dynamic === 'per-broker' && brokerId === null) {
        throw new RunnelError('INVALID_REQUEST', `${key} is set per broker, not as a cluster-wide default: give --entity-name <broker id>`);
      }
      if (brokerId !== null && CONTROLLER_KEYS.has(key)) {
        throw new RunnelError('INVALID_REQUEST', `${key} is applied by the active controller for the whole cluster: set it as the cluster-wide default (--entity-default)`);
      }
      if (value === null) return null;
      const converted = convertValue(def, value);
      if (!converted.ok) throw new RunnelError('INVALID_CONFIG', `invalid value '${value}' for broker config ${key}: expected ${converted.expected}`);
      const v = converted.value;
      return Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? String(v) : value.trim();
    },
  };
}

export interface DynamicResolution {
  /** The configuration with the dynamic values in force; undefined when they do not make a valid one. */
  readonly config: ServerConfig | undefined;
  /** Dynamic values left out, or why the whole set is refused. */
  readonly problems: readonly string[];
}

/**
 * `config` (the static configuration) with dynamic broker configs over it, in Kafka's order: per
 * broker over cluster-wide default over static (file, environment, overrides) over default. Each
 * value is checked again (a stored value the schema no longer takes as dynamic is left out), and
 * the whole configuration is rebuilt so derived settings and cross-key checks follow.
 */
export function withDynamicConfigs(config: ServerConfig, dynamic: DynamicConfigValues): DynamicResolution {
  const values = new Map(config.values);
  const problems: string[] = [];
  const layers: [ReadonlyMap<string, string>, ConfigSource][] = [
    [dynamic.clusterDefault, { kind: 'dynamic-default', where: 'dynamic cluster-wide default' }],
    [dynamic.perBroker, { kind: 'dynamic-broker', where: `dynamic config of broker ${config.node.nodeId}` }],
  ];
  for (const [stored, source] of layers) {
    for (const [key, text] of stored) {
      // The reassignment throttle is read by the replica fetchers from the metadata image itself.
      if (key === REASSIGNMENT_THROTTLE_CONFIG) continue;
      const def = config.values.get(key)?.def;
      if (!def || def.dynamic === 'read-only') {
        problems.push(`${source.where}: ${key} = "${text}" is not a dynamic broker config; ignored`);
        continue;
      }
      const converted = convertValue(def, text);
      if (!converted.ok) {
        problems.push(`${source.where}: ${key} = "${text}": expected ${converted.expected}; ignored`);
        continue;
      }
      const resolved: ResolvedValue = Object.freeze({ def, text, value: converted.value, valid: true, source: Object.freeze(source) });
      values.set(key, resolved);
    }
  }
  const resolution = { values, problems: [] as string[], warnings: [] as string[] };
  const rebuilt = buildServerConfig(resolution, config.hostname);
  return { config: rebuilt, problems: [...problems, ...resolution.problems] };
}

/**
 * What a broker runs with and describes given `dynamic` (BrokerServer's resolveConfig): null
 * when the values do not make a valid configuration. The reassignment throttle, set only as a
 * cluster-wide default by reassignments, is described beside the schema's keys.
 */
export function brokerConfigView(config: ServerConfig, dynamic: DynamicConfigValues): { view: BrokerConfigView | null; problems: readonly string[] } {
  const { config: effective, problems } = withDynamicConfigs(config, dynamic);
  if (!effective) return { view: null, problems };
  const described = describedConfigs(effective);
  const throttle = dynamic.clusterDefault.get(REASSIGNMENT_THROTTLE_CONFIG);
  if (throttle !== undefined) {
    described.push({
      name: REASSIGNMENT_THROTTLE_CONFIG,
      value: throttle,
      readOnly: false,
      source: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
      isSensitive: false,
      documentation: 'Bytes per second each broker may copy to replicas a reassignment adds; set and lifted by partition reassignments.',
      type: 'LONG',
    });
    described.sort((a, b) => a.name!.localeCompare(b.name!));
  }
  return { view: { defaults: toBrokerDefaults(effective), producerIdExpirationMs: effective.broker.producerIdExpirationMs, described }, problems };
}
