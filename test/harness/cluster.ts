import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { resolveCredentials, type SecurityConfig } from '@runnel/client';
import { callUnary, checkHealth, createClient, type ClientOf } from '@runnel/protocol';
import { NodeProcess, freePorts, tempDir, waitFor } from './processes.js';

/** The built `runnel` command (tests run after `npm run build`). */
export const RUNNEL_BIN = fileURLToPath(new URL('../../packages/cli/bin/runnel.js', import.meta.url));

/**
 * Settings that make failures show quickly in tests: a broker is fenced 2 s after its last
 * heartbeat, a lagging follower leaves the ISR after 2 s, elections start within 0.5-1 s.
 */
export const FAST_FAILOVER: Record<string, string> = {
  'broker.session.timeout.ms': '2000',
  'broker.heartbeat.interval.ms': '300',
  'replica.lag.time.max.ms': '2000',
  'replica.fetch.wait.max.ms': '200',
  'replica.fetch.backoff.ms': '100',
  'controller.quorum.election.timeout.ms': '500',
};

export interface ClusterOptions {
  nodes?: number;
  /**
   * How many nodes (the first ones) are controller voters in combined mode; the others run as
   * broker-only nodes. Default: all. Fewer voters let a test kill brokers without losing the
   * metadata quorum.
   */
  controllers?: number;
  /**
   * Nodes (beyond the voters) that run a controller outside controller.quorum.voters: they wait
   * as learners to be added with `runnel quorum add-voter`, so start() does not wait for them.
   */
  joining?: number[];
  /** Extra server config for every node, as key=value overrides. */
  config?: Record<string, string>;
  /** Extra server config for node `id` alone (e.g. its own TLS keystore). */
  nodeConfig?: (id: number) => Record<string, string>;
  /** How clients reach the client listeners (TLS settings); the harness's own health and metadata calls use it too. */
  clientSecurity?: SecurityConfig;
  /**
   * The loopback address node `id` listens on for clients, replication and the controller quorum
   * (default 127.0.0.1). Distinct addresses (127.0.0.11, 127.0.0.12, ...) let packet filters tell
   * the nodes' traffic apart.
   */
  host?: (id: number) => string;
  /** Called with each node process just after it is started (again), e.g. to place it in a cgroup. */
  onSpawn?: (id: number, process: NodeProcess) => void;
  /** Extra environment variables for every node process. */
  env?: Record<string, string>;
}

interface NodeSpec {
  id: number;
  clientPort: number;
  controllerPort: number;
  httpPort: number;
  dir: string;
  voter: boolean;
  /** Runs a controller: every voter, and a joining node. */
  controller: boolean;
  host: string;
}

/** A partition as one node's metadata cache describes it. */
export interface PartitionView {
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
}

/**
 * A cluster of combined broker+controller `runnel server` processes on 127.0.0.1, each with its
 * own data directory, that a test can kill (SIGKILL), stop (SIGTERM), pause (SIGSTOP), resume and
 * restart on the same ports and data.
 */
export class TestCluster {
  readonly processes = new Map<number, NodeProcess>();
  private readonly paused = new Set<number>();
  private readonly metadataClients = new Map<number, ClientOf<'Broker'>>();

  /** What clients spread into their config to reach this cluster ({} for plaintext). */
  readonly clientSecurity: SecurityConfig;
  private readonly credentials: grpc.ChannelCredentials | undefined;

  private constructor(
    private readonly specs: NodeSpec[],
    private readonly config: Record<string, string>,
    private readonly removeDir: () => Promise<void>,
    private readonly opts: ClusterOptions,
  ) {
    this.clientSecurity = opts.clientSecurity ?? {};
    this.credentials = resolveCredentials(this.clientSecurity);
  }

  static async start(opts: ClusterOptions = {}): Promise<TestCluster> {
    const n = opts.nodes ?? 3;
    const dir = await tempDir('cluster');
    const ports = await freePorts(3 * n);
    const voters = opts.controllers ?? n;
    const joining = new Set(opts.joining ?? []);
    const specs = Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      clientPort: ports[3 * i]!,
      controllerPort: ports[3 * i + 1]!,
      httpPort: ports[3 * i + 2]!,
      dir: join(dir.path, `node-${i + 1}`),
      voter: i < voters,
      controller: i < voters || joining.has(i + 1),
      host: opts.host?.(i + 1) ?? '127.0.0.1',
    }));
    const cluster = new TestCluster(specs, { ...FAST_FAILOVER, ...opts.config }, dir.remove, opts);
    for (const s of specs) cluster.spawn(s.id);
    await cluster.waitReady(specs.filter((s) => !joining.has(s.id)).map((s) => s.id));
    return cluster;
  }

  /** host:port of every node's client listener. */
  get bootstrap(): string {
    return this.specs.map((s) => `${s.host}:${s.clientPort}`).join(',');
  }

  get ids(): number[] {
    return this.specs.map((s) => s.id);
  }

  /** Nodes running and not paused. */
  get live(): number[] {
    return this.ids.filter((id) => this.processes.has(id) && !this.paused.has(id));
  }

  clientAddress(id: number): string {
    return `${this.spec(id).host}:${this.spec(id).clientPort}`;
  }

  /** The ports node `id` serves clients and replication on, and (for a controller) the controller quorum on. */
  ports(id: number): { client: number; controller: number | undefined } {
    const s = this.spec(id);
    return { client: s.clientPort, controller: s.controller ? s.controllerPort : undefined };
  }

  /** The loopback address node `id` listens on. */
  host(id: number): string {
    return this.spec(id).host;
  }

  /** Base URL of node `id`'s HTTP endpoints (/healthz, /readyz, /metrics). */
  httpUrl(id: number): string {
    return `http://127.0.0.1:${this.spec(id).httpPort}`;
  }

  dataDir(id: number): string {
    return join(this.spec(id).dir, 'data');
  }

  node(id: number): NodeProcess {
    const p = this.processes.get(id);
    if (!p) throw new Error(`node ${id} is not running`);
    return p;
  }

  /** Start node `id` (again) on its ports and data directory. */
  spawn(id: number): NodeProcess {
    const voters = this.specs.filter((s) => s.voter).map((s) => `${s.id}@${s.host}:${s.controllerPort}`).join(',');
    const s = this.spec(id);
    const overrides = {
      'node.id': String(id),
      'process.roles': s.controller ? 'broker,controller' : 'broker',
      'controller.quorum.voters': voters,
      listeners: s.controller ? `CLIENT://${s.host}:${s.clientPort},CONTROLLER://${s.host}:${s.controllerPort}` : `CLIENT://${s.host}:${s.clientPort}`,
      'log.dirs': join(s.dir, 'data'),
      'http.listener': `127.0.0.1:${s.httpPort}`,
      'log.level': 'info',
      ...this.config,
      ...this.opts.nodeConfig?.(id),
    };
    const args = ['server', ...Object.entries(overrides).flatMap(([k, v]) => ['--override', `${k}=${v}`])];
    const p = new NodeProcess(RUNNEL_BIN, { args, env: this.opts.env });
    this.processes.set(id, p);
    this.paused.delete(id);
    this.opts.onSpawn?.(id, p);
    return p;
  }

  /** Wait until the given nodes (default all running) report SERVING on grpc.health.v1. */
  async waitReady(ids: number[] = [...this.processes.keys()], timeoutMs = 30_000): Promise<void> {
    await waitFor(`nodes ${ids.join(',')} ready`, async () => {
      const statuses = await Promise.all(ids.map((id) => checkHealth(this.clientAddress(id), 500, { credentials: this.credentials })));
      return statuses.every((st) => st === 'SERVING');
    }, { timeoutMs, intervalMs: 100 });
  }

  async kill(id: number): Promise<void> {
    await this.node(id).kill();
    this.processes.delete(id);
    this.paused.delete(id);
  }

  async stop(id: number): Promise<void> {
    this.resume(id);
    await this.node(id).stop();
    this.processes.delete(id);
  }

  pause(id: number): void {
    this.node(id).pause();
    this.paused.add(id);
  }

  resume(id: number): void {
    this.node(id).resume();
    this.paused.delete(id);
  }

  /** What node `via` currently says about a partition (its metadata cache), or undefined if it does not know it. */
  async describePartition(topic: string, partition: number, via: number): Promise<PartitionView | undefined> {
    let client = this.metadataClients.get(via);
    if (!client) this.metadataClients.set(via, (client = createClient('Broker', this.clientAddress(via), { credentials: this.credentials })));
    const r = await callUnary(client.metadata.bind(client), { topics: [topic], includeInternal: false }, { timeoutMs: 2_000 });
    const p = r.topics.find((t) => t.name === topic && t.errorCode === 0)?.partitions.find((x) => x.partition === partition);
    return p && { leader: p.leaderId, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr: [...p.isr].sort((a, b) => a - b) };
  }

  /**
   * Wait until every node in `via` (default: every live node) describes the partition in a way
   * `accept` takes; resolves with the view of the first of them.
   */
  async waitForPartition(
    topic: string,
    partition: number,
    what: string,
    accept: (view: PartitionView) => boolean,
    opts: { via?: number[]; timeoutMs?: number } = {},
  ): Promise<PartitionView> {
    let last: (PartitionView | undefined)[] = [];
    try {
      return await waitFor(`${topic}-${partition}: ${what}`, async () => {
        const via = opts.via ?? this.live;
        last = await Promise.all(via.map((id) => this.describePartition(topic, partition, id).catch(() => undefined)));
        return last.length > 0 && last.every((v) => v !== undefined && accept(v)) ? last[0] : undefined;
      }, { timeoutMs: opts.timeoutMs ?? 20_000, intervalMs: 100 });
    } catch (err) {
      throw new Error(`${(err as Error).message}; last views: ${JSON.stringify(last)}`);
    }
  }

  /** The partition's view once all live nodes agree on the same live leader (one `accept` takes) and epoch. */
  async waitForLeader(topic: string, partition: number, accept: (leader: number) => boolean = () => true, timeoutMs = 20_000): Promise<PartitionView> {
    let last: (PartitionView | undefined)[] = [];
    try {
      return await waitFor(`${topic}-${partition}: a live leader all live nodes agree on`, async () => {
        last = await Promise.all(this.live.map((id) => this.describePartition(topic, partition, id).catch(() => undefined)));
        const first = last[0];
        if (!first || !this.live.includes(first.leader) || !accept(first.leader)) return undefined;
        return last.every((v) => v !== undefined && v.leader === first.leader && v.leaderEpoch === first.leaderEpoch) ? first : undefined;
      }, { timeoutMs, intervalMs: 100 });
    } catch (err) {
      throw new Error(`${(err as Error).message}; last views: ${JSON.stringify(last)}`);
    }
  }

  async restart(id: number): Promise<void> {
    if (this.processes.has(id)) await this.kill(id);
    this.spawn(id);
    await this.waitReady([id]);
  }

  /** Output lines of node `id` (JSON log lines), for assertions and failure reports. */
  logs(id: number): string[] {
    return this.processes.get(id)?.lines ?? [];
  }

  async close(): Promise<void> {
    for (const c of this.metadataClients.values()) c.close();
    this.metadataClients.clear();
    for (const p of this.processes.values()) p.resume();
    this.paused.clear();
    await Promise.all([...this.processes.values()].map((p) => p.kill()));
    this.processes.clear();
    await this.removeDir();
  }

  private spec(id: number): NodeSpec {
    const s = this.specs.find((x) => x.id === id);
    if (!s) throw new Error(`no node ${id} in this cluster`);
    return s;
  }
}
