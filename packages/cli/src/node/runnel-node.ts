import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import {
  RunnelError, addService, authenticatedHandlers, bindServer, certificateAuthenticator, createServer, deriveTokenKeys, isNodePrincipal, nodeClientOptions,
  shutdownServer, type CallAuthenticator, type ClientOptions, type TokenKeys,
} from '@runnel/protocol';
import { AppliedWatch, GrpcObserverSource, GrpcTransport, RaftNode, longPollingSource, quorumHandlers, type ObserverSource } from '@runnel/raft';
import {
  Authenticator, Authorizer, QuorumController, addControllerService, decodeMetadataEntry, type AuthorizerSettings,
} from '@runnel/controller';
import { BrokerServer, type BrokerSecurity, type ListenerSpec } from '@runnel/broker';
import { registerControllerMetrics } from './controller-metrics.js';
import { startHttpEndpoints, type HttpEndpoints } from './http-endpoints.js';
import { NodeSecurity } from './node-security.js';
import { brokerConfigPolicy, brokerConfigView, toControllerConfig, toGroupCoordinatorSettings, toReplicaFetcherSettings, type ListenerConfig, type ServerConfig } from '../config/index.js';

/** The Raft log directory inside metadata.log.dir (not a <topic>-<partition> name, so logs skip it). */
const METADATA_DIR = '__cluster_metadata';
const RAFT_TICK_MS = 50;

function bindAddress(l: ListenerConfig): string {
  return `${l.host === '' ? '0.0.0.0' : l.host}:${l.port}`;
}

function authorizerSettings(config: ServerConfig): AuthorizerSettings {
  const { authorizerEnabled, superUsers, allowEveryoneIfNoAclFound } = config.security;
  return { enabled: authorizerEnabled, superUsers, allowEveryoneIfNoAclFound };
}

/** The token keys of inter.node.secret, or null when the cluster has none. */
function tokenKeys(config: ServerConfig): TokenKeys | null {
  return config.security.interNodeSecret ? deriveTokenKeys(config.security.interNodeSecret) : null;
}

/** cluster.id, or one derived from the voters, which every node of a cluster is configured with alike. */
export function effectiveClusterId(config: ServerConfig): string {
  if (config.node.clusterId) return config.node.clusterId;
  const voters = config.quorum.voters.map((v) => `${v.id}@${v.host}:${v.port}`).join(',');
  return createHash('sha256').update(voters).digest().subarray(0, 16).toString('base64url');
}

interface ControllerPart {
  raft: RaftNode;
  controller: QuorumController;
  transport: GrpcTransport;
  server: grpc.Server;
  applied: AppliedWatch;
}

/**
 * One Runnel process: a controller (a voter of the metadata quorum), a broker, or both. The
 * controller half runs Raft and the quorum controller behind the Quorum and Controller services;
 * the broker half follows the metadata log (from the local Raft node in combined mode, from the
 * voters over gRPC otherwise) and serves clients and replication.
 */
export class RunnelNode {
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly config: ServerConfig,
    readonly clusterId: string,
    private readonly controllerPart: ControllerPart | null,
    readonly broker: BrokerServer | null,
    private readonly remoteSource: GrpcObserverSource | null,
    readonly metrics: Registry,
    private readonly http: HttpEndpoints | null,
    private readonly logger: Logger,
  ) {}

  static async start(config: ServerConfig, logger: Logger): Promise<RunnelNode> {
    const clusterId = effectiveClusterId(config);
    const log = logger;
    const metrics = new Registry();
    metrics.setDefaultLabels({ node_id: String(config.node.nodeId) });
    collectDefaultMetrics({ register: metrics });
    // Serve /healthz and /readyz from the start: an orchestrator sees a starting node as alive but not ready.
    let node: RunnelNode | null = null;
    const bind = config.observability.httpListener;
    const http = bind
      ? await startHttpEndpoints({
          bind,
          readiness: () => node?.notReadyReasons() ?? ['starting: opening logs, registering with the controller quorum and catching up on metadata'],
          metrics: async () => ({ contentType: metrics.contentType, body: await metrics.metrics() }),
          logger: log,
        })
      : null;
    try {
      const security = new NodeSecurity(config, log);
      const controllerPart = config.node.isController ? await startController(config, clusterId, security, log) : null;
      if (controllerPart) registerControllerMetrics(metrics, controllerPart.raft);
      let remoteSource: GrpcObserverSource | null = null;
      let broker: BrokerServer | null = null;
      if (config.node.isBroker) {
        let source: ObserverSource;
        if (controllerPart) {
          source = longPollingSource(controllerPart.raft, controllerPart.applied, 500);
        } else {
          const voters = new Map(config.quorum.voters.map((v) => [v.id, `${v.host}:${v.port}`]));
          remoteSource = new GrpcObserverSource(voters, config.node.nodeId, log, undefined, controllerClientOptions(config, security));
          source = remoteSource;
        }
        broker = await startBroker(config, clusterId, source, security, metrics, log);
      }
      node = new RunnelNode(config, clusterId, controllerPart, broker, remoteSource, metrics, http, log);
      return node;
    } catch (err) {
      await http?.close();
      throw err;
    }
  }

  /** host:port of /healthz, /readyz and /metrics, or null when http.listener is empty. */
  get httpAddress(): string | null {
    return this.http?.address ?? null;
  }

  /** The broker is registered, unfenced and caught up (true for a controller-only node). */
  get ready(): boolean {
    return this.broker?.ready ?? true;
  }

  /** Why this node cannot do its job yet, for /readyz; empty when it can. */
  notReadyReasons(): string[] {
    const reasons: string[] = [];
    if (this.stopping) reasons.push('stopping');
    if (this.broker && !this.broker.ready) reasons.push(`broker is ${this.broker.lifecycle.state}, not running (registered, unfenced, caught up on metadata)`);
    const raft = this.controllerPart?.raft;
    if (raft && raft.leaderId < 0) reasons.push('the controller quorum has no leader');
    return reasons;
  }

  /**
   * Stop: the broker first (with a controlled shutdown when controlled.shutdown.enable, so its
   * leaderships move while the quorum is still here), then the controller.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.http?.close();
      await this.broker?.stop({ controlled: this.config.broker.controlledShutdownEnable });
      this.remoteSource?.close();
      const c = this.controllerPart;
      if (c) {
        await c.controller.close();
        await shutdownServer(c.server, 2_000);
        await c.raft.close();
      }
      this.logger.info('node stopped');
    })();
    return this.stopping;
  }
}

/** The listener brokers and voters dial a controller on: the first of controller.listener.names. */
function controllerListenerName(config: ServerConfig): string {
  return config.listeners.controllerListenerNames[0]!;
}

/** How this node calls the controllers: TLS to their listener, signed with its node token. */
function controllerClientOptions(config: ServerConfig, security: NodeSecurity): ClientOptions {
  return { ...nodeClientOptions(tokenKeys(config), config.node.nodeId), credentials: security.channelCredentials(controllerListenerName(config)) };
}

async function startController(config: ServerConfig, clusterId: string, security: NodeSecurity, logger: Logger): Promise<ControllerPart> {
  const cc = toControllerConfig(config);
  const listener = config.listeners.controller[0];
  if (!listener) throw new Error('a controller needs a listener named in controller.listener.names');
  const addresses = new Map(cc.voters.map((v) => [v.id, `${v.host}:${v.port}`]));
  const keys = tokenKeys(config);
  const transport = new GrpcTransport(cc.nodeId, addresses, logger, { clientOptions: controllerClientOptions(config, security) });
  const controller = new QuorumController({
    nodeId: cc.nodeId,
    voters: cc.voters,
    settings: cc.cluster,
    logger,
    onControllerEndpoints: (endpoints) => {
      for (const [id, address] of endpoints) transport.setPeer(id, address);
    },
  });
  const applied = new AppliedWatch();
  const raft = await RaftNode.start({
    id: cc.nodeId,
    voters: cc.voters.map((v) => v.id),
    dir: join(cc.metadataLogDir, METADATA_DIR),
    transport,
    stateMachine: applied.wrap(controller),
    logger,
    tickMs: RAFT_TICK_MS,
    electionTicks: Math.max(2, Math.round(cc.electionTimeoutMs / RAFT_TICK_MS)),
  });
  controller.attach(raft);
  const server = createServer(security.serverOptions);
  const authorizer = new Authorizer(authorizerSettings(config), () => controller.image.acls);
  const authenticator = keys ? new Authenticator({ keys, credentials: () => controller.image.scramCredentials, sessionLifetimeMs: config.security.sessionLifetimeMs }) : null;
  // On a SASL controller listener every caller authenticates, and the Raft traffic is for nodes
  // only; on an SSL one a caller is its certificate's principal (a node, by its token).
  const sasl = authenticator !== null && config.security.saslListeners.includes(listener.name);
  const authenticate: CallAuthenticator | undefined = sasl
    ? authenticator.authenticate
    : security.serverCredentials(listener.name)
      ? certificateAuthenticator(authenticator?.authenticate ?? null)
      : undefined;
  const nodesOnly: CallAuthenticator | undefined = sasl
    ? (call) => {
        const principal = authenticator.authenticate(call);
        if (!isNodePrincipal(principal)) throw new RunnelError('CLUSTER_AUTHORIZATION_FAILED', `${principal} is not a node; only nodes take part in the metadata quorum`);
        return principal;
      }
    : undefined;
  addControllerService(server, controller, { clusterId, brokerConfigs: brokerConfigPolicy(), authorizer, ...(authenticate ? { authenticate } : {}) });
  const quorum = quorumHandlers({ transport, source: raft, applied, logger });
  addService(server, 'Quorum', nodesOnly ? authenticatedHandlers('Quorum', quorum, nodesOnly) : quorum);
  await bindServer(server, bindAddress(listener), security.listenOptions(listener.name));
  const joining = !raft.voters.includes(cc.nodeId);
  logger.info({ listener: bindAddress(listener), voters: [...raft.voters] }, joining ? 'controller serving as a learner until added with runnel quorum add-voter' : 'controller serving');
  return { raft, controller, transport, server, applied };
}

function spec(l: ListenerConfig, security: NodeSecurity): ListenerSpec {
  return { name: l.name, bind: bindAddress(l), advertisedHost: l.advertisedHost, advertisedPort: l.advertisedPort, credentials: security.serverCredentials(l.name) };
}

async function startBroker(config: ServerConfig, clusterId: string, source: ObserverSource, security: NodeSecurity, metrics: Registry, logger: Logger): Promise<BrokerServer> {
  const client = config.listeners.client ?? config.listeners.interBroker;
  const replication = config.listeners.interBroker ?? config.listeners.client;
  const dataDir = config.node.logDirs[0];
  if (!client || !replication || !dataDir) throw new Error('a broker needs a client listener and a log directory');
  return BrokerServer.start({
    nodeId: config.node.nodeId,
    clusterId,
    rack: config.node.rack ?? '',
    dataDir,
    clientListener: spec(client, security),
    replicationListener: spec(replication, security),
    controllers: config.quorum.voters.map((v) => ({ id: v.id, address: `${v.host}:${v.port}` })),
    metadataSource: source,
    decodeMetadataEntry,
    resolveConfig: (dynamic) => {
      const { view, problems } = brokerConfigView(config, dynamic);
      if (problems.length > 0) logger.warn({ problems }, view ? 'dynamic broker configs partly ignored' : 'dynamic broker configs refused; the previous configuration stays in force');
      return view;
    },
    fetcher: toReplicaFetcherSettings(config),
    groups: toGroupCoordinatorSettings(config),
    fetchMaxBytes: config.broker.fetchMaxBytes,
    serverOptions: security.serverOptions,
    connectionLimit: security.connectionLimit,
    replicationCredentials: security.channelCredentials(replication.name),
    controllerCredentials: security.channelCredentials(controllerListenerName(config)),
    heartbeatIntervalMs: config.broker.heartbeatIntervalMs,
    recoveryParallelism: config.log.recoveryThreadsPerDataDir,
    retentionCheckIntervalMs: config.log.retentionCheckIntervalMs,
    metrics,
    logger,
    security: brokerSecurity(config),
  });
}

function brokerSecurity(config: ServerConfig): BrokerSecurity {
  return {
    tokenKeys: tokenKeys(config),
    sessionLifetimeMs: config.security.sessionLifetimeMs,
    saslListeners: config.security.saslListeners,
    authorizer: authorizerSettings(config),
  };
}
