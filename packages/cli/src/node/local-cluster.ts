import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHealth } from '@runnel/protocol';

const RUNNEL_BIN = fileURLToPath(new URL('../../bin/runnel.js', import.meta.url));

export interface LocalClusterOptions {
  /** Node i keeps its config, data and server.log under <dataDir>/node-<i>. */
  dataDir: string;
  /** Client port of node 1; node i listens on base+i-1, its controller on base+100+i-1, HTTP on base+200+i-1. */
  basePort: number;
  nodes: number;
  /** Extra server.properties lines (key=value), after the defaults. */
  overrides?: Record<string, string>;
  /** Node.js flags for each server process (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Called when a node exits that was not stopped or killed through this object. */
  onUnexpectedExit?: (id: number, code: number | null) => void;
}

const running = (n: LocalNode): boolean => n.proc.exitCode === null && n.proc.signalCode === null;

interface LocalNode {
  id: number;
  proc: ChildProcess;
  exited: Promise<number | null>;
  /** Set when this object stopped or killed it, so its exit is expected. */
  expected: boolean;
}

/**
 * A cluster of combined broker+controller `runnel server` processes on 127.0.0.1, as `runnel
 * dev` and `runnel bench` run it: one process group per node, logs in each node's server.log.
 */
export class LocalCluster {
  private readonly nodes = new Map<number, LocalNode>();

  constructor(private readonly options: LocalClusterOptions) {}

  get bootstrap(): string {
    return this.clientAddresses().join(',');
  }

  clientAddresses(): string[] {
    return Array.from({ length: this.options.nodes }, (_, i) => `127.0.0.1:${this.options.basePort + i}`);
  }

  nodeDir(id: number): string {
    return join(this.options.dataDir, `node-${id}`);
  }

  /** Running nodes' process ids. */
  pids(): number[] {
    return [...this.nodes.values()].filter((n) => running(n) && n.proc.pid !== undefined).map((n) => n.proc.pid!);
  }

  pidOf(id: number): number | undefined {
    const n = this.nodes.get(id);
    return n && running(n) ? n.proc.pid : undefined;
  }

  /** server.properties of node `id`. */
  properties(id: number): string {
    const { nodes: n, basePort, dataDir } = this.options;
    const controllerPort = (i: number): number => basePort + 100 + i - 1;
    const voters = Array.from({ length: n }, (_, i) => `${i + 1}@127.0.0.1:${controllerPort(i + 1)}`).join(',');
    const replicas = Math.min(3, n);
    const lines = [
      '# A combined broker+controller node of a local cluster.',
      `node.id=${id}`,
      'process.roles=broker,controller',
      `controller.quorum.voters=${voters}`,
      `listeners=CLIENT://127.0.0.1:${basePort + id - 1},CONTROLLER://127.0.0.1:${controllerPort(id)}`,
      `http.listener=127.0.0.1:${basePort + 200 + id - 1}`,
      `log.dirs=${join(dataDir, `node-${id}`, 'data')}`,
      `default.replication.factor=${replicas}`,
      `min.insync.replicas=${Math.min(2, replicas)}`,
      `offsets.topic.replication.factor=${replicas}`,
    ];
    for (const [k, v] of Object.entries(this.options.overrides ?? {})) lines.push(`${k}=${v}`);
    return lines.join('\n') + '\n';
  }

  async start(): Promise<void> {
    for (let id = 1; id <= this.options.nodes; id++) await this.startNode(id);
  }

  /** Start (or restart) node `id` with its config rewritten. */
  async startNode(id: number): Promise<void> {
    const dir = this.nodeDir(id);
    await mkdir(dir, { recursive: true });
    const config = join(dir, 'server.properties');
    await writeFile(config, this.properties(id));
    // The node writes its log file itself, so nothing is lost when the parent exits.
    const logFd = openSync(join(dir, 'server.log'), 'a');
    // Own process group: a terminal's Ctrl-C reaches only the parent, which then stops each node
    // once and cleanly (a node takes a second signal as "exit now").
    const proc = spawn(process.execPath, [...(this.options.nodeArgs ?? []), RUNNEL_BIN, 'server', '--config', config], { stdio: ['ignore', logFd, logFd], detached: true });
    closeSync(logFd);
    const node: LocalNode = { id, proc, expected: false, exited: new Promise((r) => proc.once('exit', (code) => r(code))) };
    void node.exited.then((code) => {
      if (!node.expected) this.options.onUnexpectedExit?.(id, code);
    });
    this.nodes.set(id, node);
  }

  /** How many brokers answer SERVING (registered, unfenced, caught up). */
  async readyCount(): Promise<number> {
    const statuses = await Promise.all(this.clientAddresses().map((a) => checkHealth(a, 1_000)));
    return statuses.filter((s) => s === 'SERVING').length;
  }

  /** Wait until every broker is ready; `progress` hears the count after each check. */
  async waitReady(timeoutMs: number, progress?: (ready: number, total: number) => void, cancelled: () => boolean = () => false): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!cancelled()) {
      const ready = await this.readyCount();
      progress?.(ready, this.options.nodes);
      if (ready === this.options.nodes) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  /** Send `signal` to node `id` (SIGKILL, SIGSTOP, SIGCONT...); an exit it causes is expected. */
  signal(id: number, signal: NodeJS.Signals): void {
    const node = this.nodes.get(id);
    if (!node || !running(node)) return;
    if (signal === 'SIGKILL' || signal === 'SIGTERM') node.expected = true;
    node.proc.kill(signal);
  }

  async waitExit(id: number): Promise<void> {
    await this.nodes.get(id)?.exited;
  }

  /**
   * Stop every node with SIGTERM, one at a time and last first: each broker's controlled shutdown
   * then finds a controller quorum to move its leaderships, except the last, which has none left.
   */
  async stop(onStopped?: (id: number) => void): Promise<void> {
    for (const node of [...this.nodes.values()].reverse()) {
      node.expected = true;
      if (running(node)) node.proc.kill('SIGTERM');
      await node.exited;
      onStopped?.(node.id);
    }
  }

  /** Last resort when the parent exits: no node outlives it. */
  killAll(): void {
    for (const node of this.nodes.values()) {
      node.expected = true;
      if (running(node)) node.proc.kill('SIGKILL');
    }
  }
}
