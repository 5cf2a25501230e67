import { isWildcardHost, parseListener, parseVoter, type ListenerAddress, type VoterAddress } from './addresses.js';
import type { Resolution, ResolvedValue } from './resolve.js';
import { View } from './config-view.js';
import { securitySettings, type SecuritySettings } from './security-config.js';
import type { CleanupPolicy } from '@runnel/storage';

export type ProcessRole = 'broker' | 'controller';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** A listener to bind and the address it is advertised at. */
export interface ListenerConfig {
  readonly name: string;
  /** Host to bind; '' binds every interface. */
  readonly host: string;
  /** Port to bind; 0 picks a free one. */
  readonly port: number;
  readonly advertisedHost: string;
  /** 0 when the listener binds port 0: advertise the port actually bound. */
  readonly advertisedPort: number;
}

export interface NodeSettings {
  readonly nodeId: number;
  readonly roles: readonly ProcessRole[];
  readonly isBroker: boolean;
  readonly isController: boolean;
  readonly clusterId: string | null;
  readonly rack: string | null;
  /** The one log directory: log.dirs (a single path), or log.dir when log.dirs is unset. */
  readonly logDirs: readonly string[];
  /** metadata.log.dir, or the log directory. */
  readonly metadataLogDir: string;
}

export interface ListenerSettings {
  readonly all: readonly ListenerConfig[];
  readonly controllerListenerNames: readonly string[];
  /** The listeners named in controller.listener.names that this node binds (controllers only). */
  readonly controller: readonly ListenerConfig[];
  /** The listener brokers replicate over (brokers only). */
  readonly interBroker: ListenerConfig | null;
  /** The listener clients use (brokers only): the one broker listener that is not the inter-broker one, else the inter-broker one. */
  readonly client: ListenerConfig | null;
}

export interface QuorumSettings {
  readonly voters: readonly VoterAddress[];
  readonly electionTimeoutMs: number;
}

export interface BrokerSettings {
  readonly numPartitions: number;
  readonly defaultReplicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly autoLeaderRebalanceEnable: boolean;
  readonly leaderImbalanceCheckIntervalMs: number;
  readonly messageMaxBytes: number;
  readonly fetchMaxBytes: number;
  readonly socketRequestMaxBytes: number;
  readonly maxConnectionsPerIp: number;
  readonly connectionsMaxIdleMs: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly controlledShutdownEnable: boolean;
  readonly producerIdExpirationMs: number;
}

export interface ReplicationSettings {
  readonly replicaLagTimeMaxMs: number;
  /** replica.fetch.max.bytes: per partition. */
  readonly fetchMaxBytes: number;
  readonly fetchWaitMaxMs: number;
  readonly fetchMinBytes: number;
  /** replica.fetch.response.max.bytes: per fetch answer. */
  readonly fetchResponseMaxBytes: number;
  readonly fetchBackoffMs: number;
}

export interface LogSettings {
  readonly segmentBytes: number;
  /** log.roll.ms, else log.roll.hours. */
  readonly segmentMs: number;
  readonly segmentIndexBytes: number;
  readonly indexIntervalBytes: number;
  /** log.retention.ms, else log.retention.minutes, else log.retention.hours; -1 for no limit. */
  readonly retentionMs: number;
  readonly retentionBytes: number;
  readonly cleanupPolicy: CleanupPolicy;
  readonly deleteRetentionMs: number;
  readonly minCleanableDirtyRatio: number;
  readonly flushIntervalMessages: number;
  /** Number.MAX_SAFE_INTEGER (never) when log.flush.interval.ms is unset. */
  readonly flushIntervalMs: number;
  readonly retentionCheckIntervalMs: number;
  readonly recoveryThreadsPerDataDir: number;
}

/** Consumer group coordination (offsets.* and group.* keys). */
export interface GroupSettings {
  readonly offsetsTopicNumPartitions: number;
  readonly offsetsTopicReplicationFactor: number;
  /** offsets.retention.minutes, in ms. */
  readonly offsetsRetentionMs: number;
  readonly offsetsRetentionCheckIntervalMs: number;
  readonly offsetCommitTimeoutMs: number;
  readonly offsetMetadataMaxBytes: number;
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxSize: number;
}

export interface ObservabilitySettings {
  readonly logLevel: LogLevel;
  /** host:port of /healthz, /readyz and /metrics; null when http.listener is empty. */
  readonly httpListener: string | null;
}

export interface ServerConfig {
  readonly node: NodeSettings;
  readonly listeners: ListenerSettings;
  readonly quorum: QuorumSettings;
  readonly broker: BrokerSettings;
  readonly replication: ReplicationSettings;
  readonly log: LogSettings;
  readonly groups: GroupSettings;
  readonly observability: ObservabilitySettings;
  readonly security: SecuritySettings;
  /** Every key's effective value and its source, for describing the configuration. */
  readonly values: ReadonlyMap<string, ResolvedValue>;
  /** What a listener bound to every interface is advertised as (kept to rebuild the config with dynamic values). */
  readonly hostname: string;
  /** Settings that are allowed but probably not meant. */
  readonly warnings: readonly string[];
}

const MAX = Number.MAX_SAFE_INTEGER;

function parseVoters(view: View): VoterAddress[] | undefined {
  const entries = view.list('controller.quorum.voters');
  if (!entries) return undefined;
  const voters: VoterAddress[] = [];
  let ok = true;
  for (const entry of entries) {
    const parsed = parseVoter(entry);
    if (!parsed.ok) {
      view.fail('controller.quorum.voters', parsed.why);
      ok = false;
    } else if (voters.some((v) => v.id === parsed.value.id)) {
      view.fail('controller.quorum.voters', `node ${parsed.value.id} is listed twice`);
      ok = false;
    } else {
      voters.push(parsed.value);
    }
  }
  return ok ? voters : undefined;
}

function parseListenerList(view: View, key: string, opts: { emptyHost: boolean; minPort: number }): ListenerAddress[] | undefined {
  const entries = view.list(key);
  if (entries === undefined) return undefined;
  const listeners: ListenerAddress[] = [];
  let ok = true;
  for (const entry of entries ?? []) {
    const parsed = parseListener(entry, opts);
    if (!parsed.ok) {
      view.fail(key, parsed.why);
      ok = false;
    } else if (listeners.some((l) => l.name === parsed.value.name)) {
      view.fail(key, `listener ${parsed.value.name} is named twice`);
      ok = false;
    } else {
      listeners.push(parsed.value);
    }
  }
  return ok ? listeners : undefined;
}

/** Two listeners cannot bind the same port on overlapping addresses (port 0 is always free). */
function checkPortClashes(view: View, listeners: readonly ListenerAddress[]): void {
  for (let i = 0; i < listeners.length; i++) {
    for (let j = i + 1; j < listeners.length; j++) {
      const a = listeners[i]!;
      const b = listeners[j]!;
      if (a.port === 0 || a.port !== b.port) continue;
      if (a.host === b.host || isWildcardHost(a.host) || isWildcardHost(b.host)) {
        view.fail('listeners', `listeners ${a.name} and ${b.name} both bind port ${a.port}`);
      }
    }
  }
}

/** A controller outside the voters is allowed: it joins as a learner until `runnel quorum add-voter`. */
function checkRoles(view: View, roles: readonly ProcessRole[], nodeId: number | undefined, voters: VoterAddress[] | undefined): void {
  if (nodeId === undefined || !voters) return;
  if (!roles.includes('controller') && voters.some((v) => v.id === nodeId)) {
    view.fail('node.id', `a node with process.roles=broker must not be one of the voters in ${view.cite('controller.quorum.voters')}`);
  }
}

interface ListenerRoles {
  controller: ListenerAddress[];
  interBroker: ListenerAddress | null;
  client: ListenerAddress | null;
}

/** Which listener serves what, checked against the node's roles as Kafka checks them. */
function assignListeners(view: View, roles: readonly ProcessRole[], listeners: ListenerAddress[], controllerNames: readonly string[]): ListenerRoles | undefined {
  const isController = roles.includes('controller');
  const isBroker = roles.includes('broker');
  const names = listeners.map((l) => l.name);
  const isControllerListener = (l: ListenerAddress): boolean => controllerNames.includes(l.name);
  let ok = true;
  if (isController) {
    for (const name of controllerNames) {
      if (!names.includes(name)) {
        view.fail('controller.listener.names', `a controller binds every controller listener, but ${name} is not in ${view.cite('listeners')}`);
        ok = false;
      }
    }
  }
  if (isController && !isBroker) {
    for (const l of listeners.filter((x) => !isControllerListener(x))) {
      view.fail('listeners', `listener ${l.name} is not in controller.listener.names (${controllerNames.join(', ')}); a node with process.roles=controller binds only controller listeners`);
      ok = false;
    }
  }
  if (isBroker && !isController) {
    for (const l of listeners.filter(isControllerListener)) {
      view.fail('listeners', `listener ${l.name} is a controller listener (controller.listener.names), which a node with process.roles=broker must not bind`);
      ok = false;
    }
  }
  const controller = listeners.filter(isControllerListener);
  if (!isBroker) return ok ? { controller, interBroker: null, client: null } : undefined;

  const brokerListeners = listeners.filter((l) => !isControllerListener(l));
  if (brokerListeners.length === 0) {
    view.fail('listeners', 'a broker needs a listener that is not a controller listener');
    return undefined;
  }
  let interBroker: ListenerAddress | undefined;
  const named = view.str('inter.broker.listener.name');
  if (named === undefined) return undefined;
  if (named !== null) {
    const name = named.toUpperCase();
    interBroker = brokerListeners.find((l) => l.name === name);
    if (!interBroker) {
      const why = names.includes(name) ? 'is a controller listener' : `is not in ${view.cite('listeners')}`;
      view.fail('inter.broker.listener.name', `the inter-broker listener ${why}; broker listeners: ${brokerListeners.map((l) => l.name).join(', ')}`);
      return undefined;
    }
  } else if (brokerListeners.length === 1) {
    interBroker = brokerListeners[0]!;
  } else {
    view.fail('inter.broker.listener.name', `unset, and the broker has several listeners (${brokerListeners.map((l) => l.name).join(', ')}): name the one brokers replicate over`);
    return undefined;
  }
  const others = brokerListeners.filter((l) => l !== interBroker);
  if (others.length > 1) {
    view.fail('listeners', `clients are served on one listener, but ${others.map((l) => l.name).join(', ')} are neither controller listeners nor the inter-broker listener`);
    return undefined;
  }
  return ok ? { controller, interBroker, client: others[0] ?? interBroker } : undefined;
}

/** Advertised addresses: advertised.listeners where given, else the bound address (a wildcard host advertises `hostname`). */
function advertise(view: View, listeners: ListenerAddress[], hostname: string): ListenerConfig[] | undefined {
  const advertised = parseListenerList(view, 'advertised.listeners', { emptyHost: false, minPort: 1 });
  if (advertised === undefined) return undefined;
  let ok = true;
  for (const a of advertised) {
    if (!listeners.some((l) => l.name === a.name)) {
      view.fail('advertised.listeners', `${a.name} is not in ${view.cite('listeners')}`);
      ok = false;
    }
    if (isWildcardHost(a.host)) {
      view.fail('advertised.listeners', `${a.name} advertises ${a.host}, which binds every interface and reaches none`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return listeners.map((l) => {
    const a = advertised.find((x) => x.name === l.name);
    return Object.freeze({
      name: l.name,
      host: l.host,
      port: l.port,
      advertisedHost: a ? a.host : isWildcardHost(l.host) ? hostname : l.host,
      advertisedPort: a ? a.port : l.port,
    });
  });
}

function logDirs(view: View): { dirs: readonly string[]; metadata: string } | undefined {
  const dirs = view.list('log.dirs');
  const dir = view.str('log.dir');
  if (dirs === undefined || dir === undefined) return undefined;
  const effective = dirs ?? (dir ? [dir] : []);
  if (effective.length === 0) {
    view.fail('log.dir', 'a node needs a log directory: set log.dirs or log.dir');
    return undefined;
  }
  if (effective.length > 1) {
    view.fail('log.dirs', 'Runnel stores a node\'s partitions in one directory; give log.dirs a single path');
    return undefined;
  }
  const metadata = view.str('metadata.log.dir');
  if (metadata === undefined) return undefined;
  return { dirs: effective, metadata: metadata ?? effective[0]! };
}

/** Keys that set one duration in several units, in Kafka's order of precedence. */
export const SEGMENT_MS_KEYS = [{ key: 'log.roll.ms', scale: 1 }, { key: 'log.roll.hours', scale: 3_600_000 }] as const;
export const RETENTION_MS_KEYS = [
  { key: 'log.retention.ms', scale: 1 },
  { key: 'log.retention.minutes', scale: 60_000 },
  { key: 'log.retention.hours', scale: 3_600_000 },
] as const;

/** Which of `keys` (in precedence order) gives the value: the first one set, else the last (its default). */
export function precedingKey(values: ReadonlyMap<string, ResolvedValue>, keys: readonly { key: string }[]): number {
  const last = keys.length - 1;
  return keys.findIndex((k, i) => i === last || values.get(k.key)?.text != null);
}

/**
 * Kafka's precedence for a duration set under several units: the first key that is set wins,
 * and a later one set alongside it is reported as ignored.
 */
function firstSet(view: View, keys: readonly { key: string; scale: number }[], unlimitedBelowZero: boolean): number {
  const at = precedingKey(view.values, keys);
  const chosen = keys[at]!;
  for (const k of keys.slice(at + 1)) {
    if (view.isSet(k.key)) {
      view.warnings.push(`${view.entry(k.key).source.where}: ${k.key} is ignored because ${view.cite(chosen.key)} takes precedence`);
    }
  }
  const n = view.n(chosen.key);
  if (unlimitedBelowZero && n < 0) return -1;
  return Math.min(n * chosen.scale, MAX);
}

function cleanupPolicy(items: readonly string[]): CleanupPolicy {
  if (items.includes('compact')) return items.includes('delete') ? 'compact,delete' : 'compact';
  return 'delete';
}

/** Checks between keys that a single value's type and range cannot express. */
function crossChecks(view: View): void {
  const minIsr = view.num('min.insync.replicas');
  const rf = view.num('default.replication.factor');
  if (minIsr !== undefined && rf !== undefined && minIsr > rf) {
    view.warnings.push(
      `${view.entry('min.insync.replicas').source.where}: min.insync.replicas = ${minIsr} is above ${view.cite('default.replication.factor')}: acks=all writes to topics created with the default replication factor will fail with NOT_ENOUGH_REPLICAS`,
    );
  }
  const heartbeat = view.num('broker.heartbeat.interval.ms');
  const session = view.num('broker.session.timeout.ms');
  if (heartbeat !== undefined && session !== undefined && heartbeat >= session) {
    view.fail('broker.heartbeat.interval.ms', `must be below ${view.cite('broker.session.timeout.ms')}, or brokers are fenced between heartbeats`);
  }
  const fetchWait = view.num('replica.fetch.wait.max.ms');
  const lag = view.num('replica.lag.time.max.ms');
  if (fetchWait !== undefined && lag !== undefined && fetchWait > lag) {
    view.fail('replica.fetch.wait.max.ms', `must be at most ${view.cite('replica.lag.time.max.ms')}, or idle followers drop out of the ISR`);
  }
  const http = view.str('http.listener');
  if (http) {
    const port = Number(http.slice(http.lastIndexOf(':') + 1));
    if (!http.includes(':') || !Number.isInteger(port) || port < 0 || port > 65535) {
      view.fail('http.listener', 'expected host:port (port 0-65535; an empty host binds every interface), or an empty value for no HTTP endpoints');
    }
  }
  const minSession = view.num('group.min.session.timeout.ms');
  const maxSession = view.num('group.max.session.timeout.ms');
  if (minSession !== undefined && maxSession !== undefined && minSession > maxSession) {
    view.fail('group.min.session.timeout.ms', `must be at most ${view.cite('group.max.session.timeout.ms')}, or no consumer can join a group`);
  }
  const clusterId = view.str('cluster.id');
  if (clusterId && !/^[A-Za-z0-9_-]{22}$/.test(clusterId)) {
    view.fail('cluster.id', 'expected 22 characters of URL-safe base64 (a UUID as Kafka prints it)');
  }
}

/**
 * Turns resolved values into the typed configuration, adding every cross-key problem and
 * warning to the resolution's lists. Returns undefined when there is any problem.
 * `hostname` is what a listener bound to every interface is advertised as.
 */
export function buildServerConfig(resolution: Resolution, hostname: string): ServerConfig | undefined {
  const view = new View(resolution.values, resolution.problems, resolution.warnings);
  // Unset or invalid roles are already a problem; checks that depend on the roles then skip.
  const roles = (view.list('process.roles') ?? undefined) as ProcessRole[] | undefined;
  const nodeId = view.num('node.id');
  const voters = parseVoters(view);
  if (roles) checkRoles(view, roles, nodeId, voters);

  const bound = parseListenerList(view, 'listeners', { emptyHost: true, minPort: 0 });
  if (bound) checkPortClashes(view, bound);
  const controllerNames = (view.list('controller.listener.names') ?? []).map((n) => n.toUpperCase());
  const assigned = bound && roles ? assignListeners(view, roles, bound, controllerNames) : undefined;
  const listeners = bound ? advertise(view, bound, hostname) : undefined;
  const dirs = logDirs(view);
  crossChecks(view);
  const security = bound && assigned
    ? securitySettings(view, bound.map((l) => l.name), [...controllerNames, ...(assigned.interBroker ? [assigned.interBroker.name] : [])])
    : undefined;

  const segmentMs = firstSet(view, SEGMENT_MS_KEYS, false);
  const retentionMs = firstSet(view, RETENTION_MS_KEYS, true);
  if (view.problems.length > 0 || !roles || !voters || !listeners || !assigned || !dirs || !security || nodeId === undefined) return undefined;

  const find = (l: ListenerAddress | null): ListenerConfig | null => (l ? listeners.find((x) => x.name === l.name)! : null);
  const flushMs = view.num('log.flush.interval.ms');
  const config: ServerConfig = {
    node: {
      nodeId,
      roles: Object.freeze([...roles]),
      isBroker: roles.includes('broker'),
      isController: roles.includes('controller'),
      clusterId: view.str('cluster.id') ?? null,
      rack: view.str('broker.rack') ?? null,
      logDirs: Object.freeze([...dirs.dirs]),
      metadataLogDir: dirs.metadata,
    },
    listeners: {
      all: Object.freeze(listeners),
      controllerListenerNames: Object.freeze(controllerNames),
      controller: Object.freeze(assigned.controller.map((l) => find(l)!)),
      interBroker: find(assigned.interBroker),
      client: find(assigned.client),
    },
    quorum: {
      voters: Object.freeze(voters.map((v) => Object.freeze(v))),
      electionTimeoutMs: view.n('controller.quorum.election.timeout.ms'),
    },
    broker: {
      numPartitions: view.n('num.partitions'),
      defaultReplicationFactor: view.n('default.replication.factor'),
      minInsyncReplicas: view.n('min.insync.replicas'),
      uncleanLeaderElectionEnable: view.bool('unclean.leader.election.enable'),
      autoLeaderRebalanceEnable: view.bool('auto.leader.rebalance.enable'),
      leaderImbalanceCheckIntervalMs: Math.min(view.n('leader.imbalance.check.interval.seconds') * 1000, MAX),
      messageMaxBytes: view.n('message.max.bytes'),
      fetchMaxBytes: view.n('fetch.max.bytes'),
      socketRequestMaxBytes: view.n('socket.request.max.bytes'),
      maxConnectionsPerIp: view.n('max.connections.per.ip'),
      connectionsMaxIdleMs: view.n('connections.max.idle.ms'),
      sessionTimeoutMs: view.n('broker.session.timeout.ms'),
      heartbeatIntervalMs: view.n('broker.heartbeat.interval.ms'),
      controlledShutdownEnable: view.bool('controlled.shutdown.enable'),
      producerIdExpirationMs: view.n('producer.id.expiration.ms'),
    },
    replication: {
      replicaLagTimeMaxMs: view.n('replica.lag.time.max.ms'),
      fetchMaxBytes: view.n('replica.fetch.max.bytes'),
      fetchWaitMaxMs: view.n('replica.fetch.wait.max.ms'),
      fetchMinBytes: view.n('replica.fetch.min.bytes'),
      fetchResponseMaxBytes: view.n('replica.fetch.response.max.bytes'),
      fetchBackoffMs: view.n('replica.fetch.backoff.ms'),
    },
    log: {
      segmentBytes: view.n('log.segment.bytes'),
      segmentMs,
      segmentIndexBytes: view.n('log.index.size.max.bytes'),
      indexIntervalBytes: view.n('log.index.interval.bytes'),
      retentionMs,
      retentionBytes: view.n('log.retention.bytes'),
      cleanupPolicy: cleanupPolicy(view.list('log.cleanup.policy') ?? []),
      deleteRetentionMs: view.n('log.cleaner.delete.retention.ms'),
      minCleanableDirtyRatio: view.n('log.cleaner.min.cleanable.ratio'),
      flushIntervalMessages: view.n('log.flush.interval.messages'),
      flushIntervalMs: flushMs ?? MAX,
      retentionCheckIntervalMs: view.n('log.retention.check.interval.ms'),
      recoveryThreadsPerDataDir: view.n('num.recovery.threads.per.data.dir'),
    },
    groups: {
      offsetsTopicNumPartitions: view.n('offsets.topic.num.partitions'),
      offsetsTopicReplicationFactor: view.n('offsets.topic.replication.factor'),
      offsetsRetentionMs: Math.min(view.n('offsets.retention.minutes') * 60_000, MAX),
      offsetsRetentionCheckIntervalMs: view.n('offsets.retention.check.interval.ms'),
      offsetCommitTimeoutMs: view.n('offsets.commit.timeout.ms'),
      offsetMetadataMaxBytes: view.n('offset.metadata.max.bytes'),
      initialRebalanceDelayMs: view.n('group.initial.rebalance.delay.ms'),
      minSessionTimeoutMs: view.n('group.min.session.timeout.ms'),
      maxSessionTimeoutMs: view.n('group.max.session.timeout.ms'),
      maxSize: view.n('group.max.size'),
    },
    observability: {
      logLevel: view.str('log.level') as LogLevel,
      httpListener: view.str('http.listener') || null,
    },
    security,
    values: resolution.values,
    hostname,
    warnings: Object.freeze([...view.warnings]),
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Map) && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
