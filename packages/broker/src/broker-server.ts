import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { HealthImplementation, addService, bindServer, createServer, logUnaryCalls, shutdownServer, RunnelError, errorName } from '@runnel/protocol';
import { LogManager } from '@runnel/storage';
import type { MetadataRecord } from '@runnel/controller';
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
}

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
  /** socket.request.max.bytes: the largest request a client may send. */
  maxRequestBytes: number;
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
    const channel = new ControllerChannel(opts.controllers, logger);
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
    server = new BrokerServer(opts, logManager, replicas, cache, lifecycle, channel, produceQueue, fetchQueue, metrics);
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
    const serverOptions = { 'grpc.max_receive_message_length': opts.maxRequestBytes };
    const clientServer = createServer(serverOptions);
    this.health.addToServer(clientServer);
    this.lifecycle.onStateChange((state) => this.health.setStatus('', state === 'running' ? 'SERVING' : 'NOT_SERVING'));
    addService(clientServer, 'Broker', logUnaryCalls('Broker', brokerHandlers({
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
    }), logger));
    addService(clientServer, 'Admin', logUnaryCalls('Admin', adminHandlers({
      cache: this.cache,
      channel: this.channel,
      replicas: this.replicas,
      logManager: this.logManager,
      dataDir: opts.dataDir,
      topicDefaults: () => settings.describeDefaults(),
      brokerConfigs: () => dynamicConfig.current.described,
      brokerId: opts.nodeId,
    }), logger));
    addService(clientServer, 'Groups', logUnaryCalls('Groups', groupsHandlers({ coordinator: groups, brokerId: opts.nodeId }), logger));
    const replicationHandlersImpl = logUnaryCalls('Replication', replicationHandlers({
      partitions: this.replicas.partitions,
      fetchQueue: this.fetchQueue,
      now: Date.now,
      logger,
      isCurrentBrokerEpoch: (id, epoch) => this.cache.image.brokers.get(id)?.epoch === epoch,
    }), logger);
    if (opts.replicationListener.bind === opts.clientListener.bind) {
      addService(clientServer, 'Replication', replicationHandlersImpl);
      await bindServer(clientServer, opts.clientListener.bind);
      this.servers.push(clientServer);
    } else {
      const replicationServer = createServer(serverOptions);
      addService(replicationServer, 'Replication', replicationHandlersImpl);
      await bindServer(clientServer, opts.clientListener.bind);
      await bindServer(replicationServer, opts.replicationListener.bind);
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
