import type * as grpc from '@grpc/grpc-js';
import { RunnelError, callUnary, createClient, errorName, type ClientOf, type ClientOptions, type ErrorName, type pb } from '@runnel/protocol';
import type { ClientLogger } from './logger.js';
import { authenticatedClientOptions, type SaslCredentials, type SaslSession } from './security.js';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string;
}

export interface PartitionInfo {
  topic: string;
  partition: number;
  /** -1 when the partition has no leader. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** NONE, or why the partition cannot be used (e.g. LEADER_NOT_AVAILABLE). */
  error: ErrorName;
}

export interface TopicInfo {
  name: string;
  internal: boolean;
  /** NONE, or why the topic is missing (e.g. UNKNOWN_TOPIC_OR_PARTITION). */
  error: ErrorName;
  partitions: PartitionInfo[];
}

export interface ClusterOptions {
  /** "host:port,host:port" or a list of addresses (bootstrap.servers). */
  bootstrap: string | string[];
  requestTimeoutMs: number;
  /** Least time between two metadata refreshes (retry.backoff.ms). */
  retryBackoffMs: number;
  /** client.id, sent with every call beside a request id of its own, so broker logs can name both. */
  clientId: string;
  logger: ClientLogger;
  /** TLS (security.protocol=SSL or SASL_SSL); plaintext when absent. */
  credentials?: grpc.ChannelCredentials;
  /** How to authenticate (security.protocol=SASL_PLAINTEXT or SASL_SSL), or null/absent for none. */
  sasl?: SaslCredentials | null;
}

export function parseBootstrap(bootstrap: string | string[]): string[] {
  const list = (Array.isArray(bootstrap) ? bootstrap : bootstrap.split(',')).map((s) => s.trim()).filter((s) => s.length > 0);
  if (list.length === 0) throw new RunnelError('INVALID_CONFIG', 'bootstrap needs at least one "host:port" address');
  for (const address of list) {
    const port = Number(address.slice(address.lastIndexOf(':') + 1));
    if (!address.includes(':') || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new RunnelError('INVALID_CONFIG', `bootstrap address '${address}' is not "host:port"`);
    }
  }
  return list;
}

/**
 * What one client knows of the cluster: brokers, topic partitions and their leaders, learned
 * from Metadata calls to any broker. Refreshes are coalesced (one call at a time, a request made
 * during a call gets the next one) and spaced by retry.backoff.ms, so a burst of errors costs one
 * refresh. Also owns one gRPC channel per broker address, shared by every stream to it, and how
 * every channel of the client authenticates (its SASL session).
 */
export class Cluster {
  private readonly bootstrap: string[];
  private readonly clients = new Map<string, ClientOf<'Broker'>>();
  private brokers = new Map<number, BrokerInfo>();
  private readonly topics = new Map<string, TopicInfo>();
  /** Topics this client uses; every refresh asks for all of them. */
  private readonly interest = new Set<string>();
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private lastRefreshMs = 0;
  private closed = false;
  clusterId = '';
  controllerId = -1;
  private readonly session: SaslSession | null;
  /** How every channel of this client is made: its client.id, TLS, and the SASL session's token when there is one. */
  readonly clientOptions: ClientOptions;

  constructor(private readonly options: ClusterOptions) {
    this.bootstrap = parseBootstrap(options.bootstrap);
    const auth = authenticatedClientOptions(options.sasl ?? null, options.credentials, () => this.addresses(), options.requestTimeoutMs, options.logger);
    this.session = auth.session;
    this.clientOptions = { ...auth.clientOptions, clientId: options.clientId, credentials: options.credentials };
  }

  addTopics(topics: Iterable<string>): void {
    for (const t of topics) this.interest.add(t);
  }

  topic(name: string): TopicInfo | undefined {
    return this.topics.get(name);
  }

  partition(topic: string, partition: number): PartitionInfo | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** The leader's node id when it is known and reachable, else -1. */
  leaderOf(topic: string, partition: number): number {
    const p = this.partition(topic, partition);
    return p && p.leader >= 0 && this.brokers.has(p.leader) ? p.leader : -1;
  }

  broker(nodeId: number): BrokerInfo | undefined {
    return this.brokers.get(nodeId);
  }

  allBrokers(): BrokerInfo[] {
    return [...this.brokers.values()];
  }

  /** The Broker-service client of a node (one channel per address). */
  brokerClient(nodeId: number): ClientOf<'Broker'> {
    const b = this.brokers.get(nodeId);
    if (!b) throw new RunnelError('BROKER_NOT_AVAILABLE', `broker ${nodeId} is not in the cluster metadata`);
    return this.clientAt(`${b.host}:${b.port}`);
  }

  private clientAt(address: string): ClientOf<'Broker'> {
    let c = this.clients.get(address);
    if (!c) {
      c = createClient('Broker', address, this.clientOptions);
      this.clients.set(address, c);
    }
    return c;
  }

  /** Addresses to try for cluster-wide calls: known brokers first, then the bootstrap list. */
  addresses(): string[] {
    const known = [...this.brokers.values()].map((b) => `${b.host}:${b.port}`);
    return [...new Set([...known, ...this.bootstrap])];
  }

  /**
   * Call `fn` against brokers in turn until one answers; errors that are not about the broker
   * being unreachable are thrown at once.
   */
  async anyBroker<T>(fn: (client: ClientOf<'Broker'>, address: string) => Promise<T>): Promise<T> {
    let last: RunnelError | undefined;
    for (const address of this.addresses()) {
      try {
        return await fn(this.clientAt(address), address);
      } catch (err) {
        const e = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err));
        if (e.errorName !== 'NETWORK_EXCEPTION' && e.errorName !== 'REQUEST_TIMED_OUT') throw e;
        last = e;
        this.options.logger.debug({ address, err: e.message }, 'broker unreachable, trying the next');
      }
    }
    throw new RunnelError('NETWORK_EXCEPTION', `no broker answered (tried ${this.addresses().join(', ')}): ${last?.message ?? ''}`, { cause: last });
  }

  /**
   * Refresh metadata for the topics of interest (plus `topics`). Resolves when a refresh that
   * started after this call has finished.
   */
  refresh(topics: Iterable<string> = []): Promise<void> {
    this.addTopics(topics);
    if (this.closed) return Promise.reject(new RunnelError('NETWORK_EXCEPTION', 'the client is closed'));
    if (!this.running) {
      this.running = this.runRefresh();
      return this.running;
    }
    if (!this.queued) {
      const after = this.running.catch(() => undefined);
      this.queued = after.then(() => {
        this.queued = null;
        this.running = this.runRefresh();
        return this.running;
      });
    }
    return this.queued;
  }

  private async runRefresh(): Promise<void> {
    try {
      const wait = this.lastRefreshMs + this.options.retryBackoffMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const request: pb.MetadataRequest = { topics: [...this.interest], includeInternal: false };
      const response = await this.anyBroker((client) =>
        callUnary(client.metadata.bind(client), request, { timeoutMs: this.options.requestTimeoutMs }),
      );
      this.apply(response);
    } finally {
      this.lastRefreshMs = Date.now();
      this.running = null;
    }
  }

  /** Metadata for every topic (not only those of interest), without keeping it. */
  async fetchAll(includeInternal: boolean): Promise<pb.MetadataResponse__Output> {
    const response = await this.anyBroker((client) =>
      callUnary(client.metadata.bind(client), { topics: [], includeInternal }, { timeoutMs: this.options.requestTimeoutMs }),
    );
    this.applyBrokers(response);
    return response;
  }

  private applyBrokers(response: pb.MetadataResponse__Output): void {
    if (response.brokers.length === 0) return;
    this.brokers = new Map(response.brokers.map((b) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack }]));
    this.clusterId = response.clusterId;
    this.controllerId = response.controllerId;
  }

  private apply(response: pb.MetadataResponse__Output): void {
    this.applyBrokers(response);
    for (const t of response.topics) {
      const partitions: PartitionInfo[] = [];
      for (const p of t.partitions) {
        partitions[p.partition] = {
          topic: t.name,
          partition: p.partition,
          leader: p.leaderId,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicas,
          isr: p.isr,
          offlineReplicas: p.offlineReplicas,
          error: errorName(p.errorCode),
        };
      }
      const previous = this.topics.get(t.name);
      const error = errorName(t.errorCode);
      // A transient topic error (e.g. a leader election) keeps what was known before.
      if (error !== 'NONE' && previous && error !== 'UNKNOWN_TOPIC_OR_PARTITION') continue;
      this.topics.set(t.name, { name: t.name, internal: t.isInternal, error, partitions: error === 'NONE' ? dense(t.name, partitions) : [] });
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    this.session?.close();
  }
}

/** Partitions by index with no holes (a hole would be a malformed answer: fill it as leaderless). */
function dense(topic: string, partitions: PartitionInfo[]): PartitionInfo[] {
  const out: PartitionInfo[] = [];
  for (let i = 0; i < partitions.length; i++) {
    out.push(partitions[i] ?? { topic, partition: i, leader: -1, leaderEpoch: -1, replicas: [], isr: [], offlineReplicas: [], error: 'LEADER_NOT_AVAILABLE' });
  }
  return out;
}
