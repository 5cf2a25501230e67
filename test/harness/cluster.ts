import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkHealth } from '@runnel/protocol';
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
  /** Extra server config for every node, as key=value overrides. */
  config?: Record<string, string>;
}

interface NodeSpec {
  id: number;
  clientPort: number;
  controllerPort: number;
  dir: string;
}

/**
 * A cluster of combined broker+controller `runnel server` processes on 127.0.0.1, each with its
 * own data directory, that a test can kill (SIGKILL), stop (SIGTERM), pause (SIGSTOP), resume and
 * restart on the same ports and data.
 */
export class TestCluster {
  readonly processes = new Map<number, NodeProcess>();

  private constructor(
    private readonly specs: NodeSpec[],
    private readonly config: Record<string, string>,
    private readonly removeDir: () => Promise<void>,
  ) {}

  static async start(opts: ClusterOptions = {}): Promise<TestCluster> {
    const n = opts.nodes ?? 3;
    const dir = await tempDir('cluster');
    const ports = await freePorts(2 * n);
    const specs = Array.from({ length: n }, (_, i) => ({ id: i + 1, clientPort: ports[2 * i]!, controllerPort: ports[2 * i + 1]!, dir: join(dir.path, `node-${i + 1}`) }));
    const cluster = new TestCluster(specs, { ...FAST_FAILOVER, ...opts.config }, dir.remove);
    for (const s of specs) cluster.spawn(s.id);
    await cluster.waitReady();
    return cluster;
  }

  /** host:port of every node's client listener. */
  get bootstrap(): string {
    return this.specs.map((s) => `127.0.0.1:${s.clientPort}`).join(',');
  }

  get ids(): number[] {
    return this.specs.map((s) => s.id);
  }

  clientAddress(id: number): string {
    return `127.0.0.1:${this.spec(id).clientPort}`;
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
    const voters = this.specs.map((s) => `${s.id}@127.0.0.1:${s.controllerPort}`).join(',');
    const s = this.spec(id);
    const overrides = {
      'node.id': String(id),
      'process.roles': 'broker,controller',
      'controller.quorum.voters': voters,
      listeners: `CLIENT://127.0.0.1:${s.clientPort},CONTROLLER://127.0.0.1:${s.controllerPort}`,
      'log.dirs': join(s.dir, 'data'),
      'log.level': 'info',
      ...this.config,
    };
    const args = ['server', ...Object.entries(overrides).flatMap(([k, v]) => ['--override', `${k}=${v}`])];
    const p = new NodeProcess(RUNNEL_BIN, { args });
    this.processes.set(id, p);
    return p;
  }

  /** Wait until the given nodes (default all running) report SERVING on grpc.health.v1. */
  async waitReady(ids: number[] = [...this.processes.keys()], timeoutMs = 30_000): Promise<void> {
    await waitFor(`nodes ${ids.join(',')} ready`, async () => {
      const statuses = await Promise.all(ids.map((id) => checkHealth(this.clientAddress(id), 500)));
      return statuses.every((st) => st === 'SERVING');
    }, { timeoutMs, intervalMs: 100 });
  }

  async kill(id: number): Promise<void> {
    await this.node(id).kill();
    this.processes.delete(id);
  }

  async stop(id: number): Promise<void> {
    await this.node(id).stop();
    this.processes.delete(id);
  }

  pause(id: number): void {
    this.node(id).pause();
  }

  resume(id: number): void {
    this.node(id).resume();
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
    for (const p of this.processes.values()) p.resume();
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
