import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  HealthImplementation, RunnelError, addService, authenticatedHandlers, bindServer, certificateAuthenticator, createServer, errorName, isNodePrincipal,
  logUnaryCalls, nodeClientOptions, shutdownServer, type CallAuthenticator, type ConnectionLimit, type HandlersOf, type ListenOptions, type ServiceName,
  type TokenKeys,
} from '@runnel/protocol';
import { LogManager } from '@runnel/storage';
import { Authenticator, Authorizer, RequestAccess, type AuthorizerSettings, type MetadataRecord } from '@runnel/controller';
import { Observer, type ObserverSource } from '@runnel/raft';
import { DeadlineQueue } from './delayed/deadline-queue.js';
import type { DelayedFetch } from './delayed/delayed-fetch.js';
import type { DelayedProduce } from './delayed/delayed-produce.js';
import { BrokerLifecycle } from './metadata/broker-lifecycle.js';
import { ControllerChannel, type ControllerAddress } from './metadata/controller-channel.js';
import { DynamicBrokerConfig, type BrokerConfigResolver } from './metadata/dynamic-broker-config.js';
import { MetadataCache } from './metadata/metadata-cache.js';
import { MetadataListener } from './metadata/metadata-listener.js';
import { loadOrCreateMetaProperties } from './metadata/meta-properties.js';
import { ProducerIdManager } from './metadata/producer-id-manager.js';
import { BrokerMetrics } from './metrics/broker-metrics.js';
import { ReplicaFetcherManager } from './replica/fetcher-manager.js';
import type { ReplicaFetcherSettings } from './replica/replica-fetcher.js';
import { ReplicaManager, type IsrChangeRequest, type IsrChangeResult } from './replica/replica-manager.js';
import { TopicSettings } from './replica/topic-settings.js';
import { adminHandlers } from './services/admin-service.js';
import { authHandlers } from './services/auth-service.js';
import { brokerHandlers } from './services/broker-service.js';
import { replicationHandlers } from './services/replication-service.js';
import { groupsHandlers } from './services/groups-service.js';
import { GroupCoordinator, type GroupCoordinatorSettings } from './group/group-coordinator.js';

export interface ListenerSpec {
  /** Listener name as registered with the controller (e.g. CLIENT, REPLICATION). */
  name: string;
  /** host:port to bind. */
  bind: string;
  /** host and port others reach it at. */
  advertisedHost: string;
  advertisedPort: number;
  /** TLS of this listener (one object per listener); plaintext when absent. */
  credentials?: grpc.ServerCredentials;
}

/** How a broker authenticates its callers and itself, and authorizes requests. */
export interface BrokerSecurity {
  /**
   * The token keys derived from inter.node.secret: the broker signs its own calls to other nodes
   * with a node token and checks the tokens callers send. Null when no secret is configured.
   */
  tokenKeys: TokenKeys | null;
  /** sasl.session.lifetime.ms: how long a session token it issues stays valid. */
  sessionLifetimeMs: number;
  /** Listeners whose callers must authenticate (security protocol SASL_PLAINTEXT or SASL_SSL). */
  saslListeners: readonly string[];
  authorizer: AuthorizerSettings;
}

/** No authentication anywhere, no authorizer. */
export const OPEN_SECURITY: BrokerSecurity = {
  tokenKeys: null,
  sessionLifetimeMs: 3_600_000,
  saslListeners: [],
  authorizer: { enabled: false, superUsers: [], allowEveryoneIfNoAclFound: false },
};

export interface BrokerServerOptions {
  nodeId: number;
  clusterId: string;
  rack: string;
  dataDir: string;
  /** The client listener (Broker, Admin services) and the replication listener; may share an address. */
  clientListener: ListenerSpec;
  replicationListener: ListenerSpec;
  controllers: ControllerAddress[];
  /** Where committed metadata comes from: the local RaftNode in combined mode, else a Quorum client. */
  metadataSource: ObserverSource;
  /** The records one metadata log entry carries. */
  decodeMetadataEntry: (data: Buffer) => MetadataRecord[];
  /** The broker's configuration (topic defaults, producer.id.expiration.ms, its description) with given dynamic values. */
  resolveConfig: BrokerConfigResolver;
  fetcher: ReplicaFetcherSettings;
  /** fetch.max.bytes */
  fetchMaxBytes: number;
  /** Options of the broker's gRPC servers: socket.request.max.bytes, connections.max.idle.ms. */
  serverOptions: grpc.ChannelOptions;
  /** max.connections.per.ip, shared with the node's other listeners; none when absent. */
  connectionLimit?: ConnectionLimit;
  /** TLS to other brokers' replication listener and to the controllers; plaintext when absent. */
  replicationCredentials?: grpc.ChannelCredentials;
  controllerCredentials?: grpc.ChannelCredentials;
  /** log.retention.check.interval.ms */
  retentionCheckIntervalMs: number;
  /** broker.heartbeat.interval.ms */
  heartbeatIntervalMs: number;
  /** num.recovery.threads.per.data.dir */
  recoveryParallelism: number;
  /** Consumer group coordination: the offsets.* and group.* settings. */
  groups: GroupCoordinatorSettings;
  /** Where the broker's metrics are registered (the node's /metrics). */
  metrics: Registry;
  logger: Logger;
  /** Authentication and authorization (default OPEN_SECURITY). */
  security?: BrokerSecurity;
}

/**
 * A broker: opens its logs, follows the metadata log, registers with the controller, serves
 * produce / fetch / admin on its client listener and replication on its replication listener, and
 * replicates the partitions it follows. Stopping does a controlled shutdown first.
 */
export class BrokerServer {
  private readonly servers: grpc.Server[] = [];
  /** grpc.health.v1 on the client listener: SERVING while registered, unfenced and caught up. */
  private readonly health = new HealthImplementation({ '': 'NOT_SERVING' });
  private observer: Observer | null = null;
  private groups: GroupCoordinator | null = null;
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly opts: BrokerServerOptions,
    readonly logManager: LogManager,
    readonly replicas: ReplicaManager,
    readonly cache: MetadataCache,
    readonly lifecycle: BrokerLifecycle,
    private readonly channel: ControllerChannel,
    private readonly produceQueue: DeadlineQueue<DelayedProduce>,
    private readonly fetchQueue: DeadlineQueue<DelayedFetch>,
    private readonly metrics: BrokerMetrics,
    private readonly access: RequestAccess,
    private readonly authenticator: Authenticator | null,
  ) {}

  static async start(opts: BrokerServerOptions): Promise<BrokerServer> {
    const logger = opts.logger.child({ component: 'broker' });
    const cache = new MetadataCache(opts.clusterId, opts.clientListener.name);
    const dynamicConfig = new DynamicBrokerConfig(opts.nodeId, opts.resolveConfig, logger);
    const settings = new TopicSettings(() => cache.image, dynamicConfig.current.defaults);
    // Refuse another cluster's or node's directory before touching its logs.
    const meta = await loadOrCreateMetaProperties(opts.dataDir, opts.clusterId, opts.nodeId);
    const logManager = await LogManager.open({
      dataDir: opts.dataDir,
      defaultConfig: dynamicConfig.current.defaults.log,
      topicConfig: (topic) => settings.logConfig(topic),
      recoveryParallelism: opts.recoveryParallelism,
      retentionCheckIntervalMs: opts.retentionCheckIntervalMs,
      // Kafka's replica.high.watermark.checkpoint.interval.ms default.
      checkpointIntervalMs: 5_000,
      logger,
    });
    logManager.start();
    const security = opts.security ?? OPEN_SECURITY;
    if (security.saslListeners.length > 0 && !security.tokenKeys) {
      throw new RunnelError('INVALID_CONFIG', `listeners ${security.saslListeners.join(', ')} use SASL, which needs inter.node.secret`);
    }
    // Calls to other nodes carry this node's token, so SASL listeners know them as Node:<id>.
    const keys = security.tokenKeys;
    const nodeOptions = nodeClientOptions(keys, opts.nodeId);
    const authenticator = keys ? new Authenticator({ keys, credentials: () => cache.image.scramCredentials, sessionLifetimeMs: security.sessionLifetimeMs }) : null;
    const access = new RequestAccess(new Authorizer(security.authorizer, () => cache.image.acls));
    const channel = new ControllerChannel(opts.controllers, logger, { clientOptions: { ...nodeOptions, credentials: opts.controllerCredentials } });
    const produceQueue = new DeadlineQueue<DelayedProduce>();
    const fetchQueue = new DeadlineQueue<DelayedFetch>();
    // The gauges read the replica manager when scraped, after it exists.
    let hosted: ReplicaManager | null = null;
    let server: BrokerServer | null = null;
    const metrics = new BrokerMetrics(opts.metrics, {
      partitions: () => hosted?.partitions.all() ?? [],
      minInsyncReplicas: (topic) => settings.partition(topic).minInsyncReplicas,
      image: () => cache.image,
      purgatorySize: () => ({ produce: produceQueue.size, fetch: fetchQueue.size }),
      committedOffsets: () => server?.groups?.committedOffsets() ?? [],
      highWatermark: (topic, partition) => hosted?.partitions.get(topic, partition)?.highWatermark,
      metadataOffset: () => cache.offset,
    });
    let lifecycle: BrokerLifecycle | null = null;
    const fetchers = new ReplicaFetcherManager({
      brokerId: opts.nodeId,
      brokerEpoch: () => lifecycle?.brokerEpoch ?? -1,
      addressOf: (id) => cache.endpoint(id, opts.replicationListener.name),
      settings: opts.fetcher,
      logger,
      reassignmentThrottle: () => cache.reassignmentThrottle(),
      clientOptions: { ...nodeOptions, credentials: opts.replicationCredentials },
    });
    const replicas = new ReplicaManager({
      brokerId: opts.nodeId,
      logManager,
      fetchers,
      settingsFor: (topic) => settings.partition(topic),
      logConfigFor: (topic) => settings.logConfig(topic),
      alterPartition: (requests) => alterPartition(channel, opts.nodeId, () => lifecycle?.brokerEpoch ?? -1, requests),
      now: Date.now,
      logger,
      onIsrChanged: (before, after) => metrics.isrChanged(before, after),
    });
    hosted = replicas;
    lifecycle = new BrokerLifecycle({
      brokerId: opts.nodeId,
      incarnationId: meta.incarnationId,
      clusterId: opts.clusterId,
      rack: opts.rack,
      // One entry per listener name: replication may share the client listener.
      listeners: [opts.clientListener, opts.replicationListener]
        .filter((l, i, all) => all.findIndex((x) => x.name === l.name) === i)
        .map((l) => ({ name: l.name, host: l.advertisedHost, port: l.advertisedPort })),
      heartbeatIntervalMs: opts.heartbeatIntervalMs,
      channel,
      metadataOffset: () => cache.offset,
      logger,
    });
    dynamicConfig.onChange((view) => {
      settings.setDefaults(view.defaults);
      settings.applyToLogs(logManager.allLogs());
      replicas.setProducerIdExpiration(view.producerIdExpirationMs);
    });
    server = new BrokerServer(opts, logManager, replicas, cache, lifecycle, channel, produceQueue, fetchQueue, metrics, access, authenticator);
    await server.serve(settings, dynamicConfig, logger);
    return server;
  }

  /** Registered, unfenced and caught up on metadata. */
  get ready(): boolean {
    return this.lifecycle.state === 'running';
  }

  private async serve(settings: TopicSettings, dynamicConfig: DynamicBrokerConfig, logger: Logger): Promise<void> {
    const opts = this.opts;
    const groups = new GroupCoordinator({
      brokerId: opts.nodeId,
      settings: opts.groups,
      partitions: this.replicas.partitions,
      cache: this.cache,
      createTopic: async (topic) => {
        const r = await this.channel.call((c) => c.createTopics, { topics: [topic], timeoutMs: 30_000, validateOnly: false });
        const result = r.topics[0];
        if (result && result.errorCode !== 0 && errorName(result.errorCode) !== 'TOPIC_ALREADY_EXISTS') throw new RunnelError(errorName(result.errorCode), result.errorMessage);
      },
      logger,
    });
    this.groups = groups;
    const listener = new MetadataListener({
      brokerId: opts.nodeId,
      cache: this.cache,
      decodeEntry: opts.decodeMetadataEntry,
      applyLocal: async (changes) => {
        await this.replicas.applyChanges(changes);
        groups.onLocalChanges(changes);
        groups.onMetadata(this.cache.image);
        // Dynamic topic config changes reach open logs without a restart.
        settings.applyToLogs(this.logManager.allLogs());
      },
      onImage: (image) => dynamicConfig.update(image),
      // Logs on disk count too: a replica deleted while this broker was down is dropped once caught up.
      hosted: () => {
        const all = new Map<string, { topic: string; partition: number }>();
        for (const l of [...this.logManager.allLogs(), ...this.replicas.partitions.all()]) all.set(`${l.topic}-${l.partition}`, { topic: l.topic, partition: l.partition });
        return [...all.values()];
      },
      holdUntilCaughtUp: true,
      logger,
    });
    this.replicas.start(dynamicConfig.current.defaults.replicaLagTimeMaxMs / 2, dynamicConfig.current.producerIdExpirationMs);
    groups.start();

    const producerIds = new ProducerIdManager(async () => {
      const r = await this.channel.call((c) => c.allocateProducerIds, { brokerId: opts.nodeId, brokerEpoch: this.lifecycle.brokerEpoch });
      if (r.errorCode !== 0) throw new RunnelError(errorName(r.errorCode), r.errorMessage);
      return { start: r.producerIdStart, length: r.producerIdLen };
    });
    const clientServer = createServer(opts.serverOptions);
    this.health.addToServer(clientServer);
    this.lifecycle.onStateChange((state) => this.health.setStatus('', state === 'running' ? 'SERVING' : 'NOT_SERVING'));
    const saslListeners = (opts.security ?? OPEN_SECURITY).saslListeners;
    const authenticator = this.authenticator;
    let caughtUp = false;
    const whenCaughtUp = new Promise<void>((resolve) =>
      this.lifecycle.onCaughtUp(() => {
        caughtUp = true;
        resolve();
      }),
    );
    // On a SASL listener every call must carry a valid token; health checks and the Auth service
    // stay open. Users and ACLs live in the metadata log, so until this broker has caught up on it
    // (just started) it serves only other nodes, and clients move on to another broker.
    const authenticate: CallAuthenticator | null = authenticator
      ? (call) => {
          const principal = authenticator.authenticate(call);
          if (!caughtUp && !isNodePrincipal(principal)) {
            throw new RunnelError('NETWORK_EXCEPTION', `broker ${opts.nodeId} has just started and is catching up on cluster metadata (users and ACLs); try another broker`);
          }
          return principal;
        }
      : null;
    // On an SSL listener a caller is its client certificate's principal (a node, by its token).
    const certificate = certificateAuthenticator(authenticator?.authenticate ?? null);
    const serve = <S extends ServiceName>(server: grpc.Server, listener: ListenerSpec, service: S, handlers: HandlersOf<S>): void => {
      const who = saslListeners.includes(listener.name) ? authenticate : listener.credentials ? certificate : null;
      addService(server, service, logUnaryCalls(service, who ? authenticatedHandlers(service, handlers, who) : handlers, logger));
    };
    const access = this.access;
    addService(clientServer, 'Auth', authHandlers({ authenticator, credentials: () => this.cache.image.scramCredentials, caughtUp: whenCaughtUp, logger }));
    serve(clientServer, opts.clientListener, 'Broker', brokerHandlers({
      partitions: this.replicas.partitions,
      cache: this.cache,
      activeControllerId: () => this.channel.activeControllerId,
      producerIds,
      produceQueue: this.produceQueue,
      fetchQueue: this.fetchQueue,
      fetchMaxBytes: opts.fetchMaxBytes,
      now: Date.now,
      logger,
      metrics: this.metrics,
      access,
    }));
    serve(clientServer, opts.clientListener, 'Admin', adminHandlers({
      cache: this.cache,
      channel: this.channel,
      replicas: this.replicas,
      logManager: this.logManager,
      dataDir: opts.dataDir,
      topicDefaults: () => settings.describeDefaults(),
      brokerConfigs: () => dynamicConfig.current.described,
      brokerId: opts.nodeId,
      access,
    }));
    serve(clientServer, opts.clientListener, 'Groups', groupsHandlers({ coordinator: groups, brokerId: opts.nodeId, access }));
    const replicationHandlersImpl = replicationHandlers({
      partitions: this.replicas.partitions,
      fetchQueue: this.fetchQueue,
      now: Date.now,
      logger,
      isCurrentBrokerEpoch: (id, epoch) => this.cache.image.brokers.get(id)?.epoch === epoch,
      access,
    });
    if (opts.replicationListener.bind === opts.clientListener.bind) {
      serve(clientServer, opts.clientListener, 'Replication', replicationHandlersImpl);
      await bindServer(clientServer, opts.clientListener.bind, this.listenOptions(opts.clientListener));
      this.servers.push(clientServer);
    } else {
      const replicationServer = createServer(opts.serverOptions);
      serve(replicationServer, opts.replicationListener, 'Replication', replicationHandlersImpl);
      await bindServer(clientServer, opts.clientListener.bind, this.listenOptions(opts.clientListener));
      await bindServer(replicationServer, opts.replicationListener.bind, this.listenOptions(opts.replicationListener));
      this.servers.push(clientServer, replicationServer);
    }

    // Register first: replica fetches carry the broker epoch registration gives.
    await this.lifecycle.start();
    this.observer = new Observer({ source: opts.metadataSource, stateMachine: listener, logger });
    this.observer.start();
    // Replicas act on metadata only once it is the present, not the history being replayed.
    this.lifecycle.onCaughtUp(() => {
      listener.startPublishing().catch((err: unknown) => logger.error({ err: String(err) }, 'applying the caught-up metadata to replicas failed'));
    });
    logger.info({ client: opts.clientListener.bind, replication: opts.replicationListener.bind }, 'broker serving');
  }

  private listenOptions(listener: ListenerSpec): ListenOptions {
    return { credentials: listener.credentials, connectionLimit: this.opts.connectionLimit };
  }

  /**
   * Stop: controlled shutdown (leaderships moved away) when asked, then stop serving, stop
   * replicating, and close logs cleanly so the next start skips recovery.
   */
  stop(opts: { controlled: boolean; timeoutMs?: number } = { controlled: true }): Promise<void> {
    this.stopping ??= (async () => {
      const logger = this.opts.logger.child({ component: 'broker' });
      if (opts.controlled) {
        const moved = await this.lifecycle.controlledShutdown(opts.timeoutMs ?? 30_000);
        logger.info({ moved }, moved ? 'controlled shutdown complete' : 'controlled shutdown timed out; stopping anyway');
      }
      await this.lifecycle.stop();
      this.groups?.stop();
      await this.replicas.shutdown();
      await Promise.all(this.servers.map((s) => shutdownServer(s, 2_000)));
      await this.observer?.stop();
      this.produceQueue.close();
      this.fetchQueue.close();
      this.channel.close();
      await this.logManager.close();
      logger.info('broker stopped');
    })();
    return this.stopping;
  }
}

async function alterPartition(
  channel: ControllerChannel,
  brokerId: number,
  brokerEpoch: () => number,
  requests: IsrChangeRequest[],
): Promise<IsrChangeResult[]> {
  const byTopic = new Map<string, IsrChangeRequest[]>();
  for (const r of requests) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  const response = await channel.call((c) => c.alterPartition, {
    brokerId,
    brokerEpoch: brokerEpoch(),
    topics: [...byTopic].map(([topic, rs]) => ({
      topic,
      partitions: rs.map((r) => ({ partition: r.partition, leaderEpoch: r.leaderEpoch, newIsr: r.newIsr, partitionEpoch: r.partitionEpoch })),
    })),
  });
  if (response.errorCode !== 0) throw new RunnelError(errorName(response.errorCode), response.errorMessage);
  const results: IsrChangeResult[] = [];
  for (const t of response.topics) {
    for (const p of t.partitions) {
      results.push(p.errorCode === 0
        ? { topic: t.topic, partition: p.partition, ok: true, isr: p.isr, partitionEpoch: p.partitionEpoch, leaderEpoch: p.leaderEpoch }
        : { topic: t.topic, partition: p.partition, ok: false, error: new RunnelError(errorName(p.errorCode), p.errorMessage) });
    }
  }
  return results;
}
