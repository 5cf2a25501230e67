import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { checkHealth } from '@runnel/protocol';
import { fail } from '../cli-error.js';

interface DevFlags {
  dataDir: string;
  basePort: string;
  nodes: string;
  timeoutMs: string;
}

const RUNNEL_BIN = fileURLToPath(new URL('../../bin/runnel.js', import.meta.url));

/** server.properties for node `id` of an n-node dev cluster. */
function nodeProperties(id: number, n: number, basePort: number, dataDir: string): string {
  const controllerPort = (i: number): number => basePort + 100 + i - 1;
  const voters = Array.from({ length: n }, (_, i) => `${i + 1}@127.0.0.1:${controllerPort(i + 1)}`).join(',');
  const replicas = Math.min(3, n);
  return [
    '# Written by `runnel dev`: one combined broker+controller node of a local cluster.',
    `node.id=${id}`,
    'process.roles=broker,controller',
    `controller.quorum.voters=${voters}`,
    `listeners=CLIENT://127.0.0.1:${basePort + id - 1},CONTROLLER://127.0.0.1:${controllerPort(id)}`,
    `http.listener=127.0.0.1:${basePort + 200 + id - 1}`,
    `log.dirs=${join(dataDir, `node-${id}`, 'data')}`,
    `default.replication.factor=${replicas}`,
    `min.insync.replicas=${Math.min(2, replicas)}`,
    `offsets.topic.replication.factor=${replicas}`,
    '',
  ].join('\n');
}

function progress(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${text}`);
}

async function run(flags: DevFlags): Promise<void> {
  const n = Number(flags.nodes);
  const basePort = Number(flags.basePort);
  const timeoutMs = Number(flags.timeoutMs);
  if (!Number.isInteger(n) || n < 1 || n > 9) fail('--nodes must be a whole number from 1 to 9', 2);
  if (!Number.isInteger(basePort) || basePort < 1 || basePort + 200 + n > 65535) fail('--base-port must leave room for the client, controller and HTTP ports below 65536', 2);
  const dataDir = resolve(flags.dataDir);
  const children: { id: number; proc: ChildProcess; exited: Promise<number | null> }[] = [];

  let stopping = false;
  const stopAll = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nstopping the cluster (${reason})...\n`);
    // One node at a time, last first: each broker's controlled shutdown then finds a controller
    // quorum to move its leaderships, except the last, which has none left to move them to.
    for (const c of [...children].reverse()) {
      if (c.proc.exitCode === null) c.proc.kill('SIGTERM');
      await c.exited;
      process.stdout.write(`  node ${c.id} stopped\n`);
    }
    process.stdout.write('all nodes stopped.\n');
  };
  process.on('exit', () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  });
  process.on('SIGINT', () => void stopAll('Ctrl-C').then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));

  for (let id = 1; id <= n; id++) {
    const dir = join(dataDir, `node-${id}`);
    await mkdir(dir, { recursive: true });
    const config = join(dir, 'server.properties');
    await writeFile(config, nodeProperties(id, n, basePort, dataDir));
    // The node writes its log file itself, so nothing is lost when this command exits.
    const logFd = openSync(join(dir, 'server.log'), 'a');
    // Own process group: a terminal's Ctrl-C reaches only this command, which then stops each
    // node once and cleanly (a node takes a second signal as "exit now").
    const proc = spawn(process.execPath, [RUNNEL_BIN, 'server', '--config', config], { stdio: ['ignore', logFd, logFd], detached: true });
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    void exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`\nrunnel: node ${id} exited (code ${code}); see ${join(dir, 'server.log')}\n`);
        void stopAll(`node ${id} exited`).then(() => process.exit(1));
      }
    });
    children.push({ id, proc, exited });
  }

  const bootstrap = Array.from({ length: n }, (_, i) => `127.0.0.1:${basePort + i}`).join(',');
  const deadline = Date.now() + timeoutMs;
  while (!stopping) {
    // Each node answers for itself (grpc.health.v1): SERVING once registered, unfenced and caught up.
    const statuses = await Promise.all(Array.from({ length: n }, (_, i) => checkHealth(`127.0.0.1:${basePort + i}`, 1_000)));
    const ready = statuses.filter((s) => s === 'SERVING').length;
    progress(`starting ${n} nodes in ${dataDir}: ${ready}/${n} brokers registered and caught up`);
    if (ready === n) break;
    if (Date.now() > deadline) {
      await stopAll('timed out');
      fail(`the cluster did not come up within ${timeoutMs} ms; see the server.log files under ${dataDir}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (stopping) return;
  process.stdout.write(`\rRunnel dev cluster is up: ${n} nodes (broker+controller), data in ${dataDir}\n\n`);
  process.stdout.write(`  bootstrap: ${bootstrap}\n`);
  process.stdout.write(`  logs:      ${join(dataDir, 'node-<id>', 'server.log')}\n\n`);
  const flag = basePort === 9092 && n === 3 ? '' : ` --bootstrap ${bootstrap}`;
  process.stdout.write('Try it from another terminal in this directory:\n');
  process.stdout.write(`  npx runnel topics create hello --partitions 3 --replication-factor ${Math.min(3, n)}${flag}\n`);
  process.stdout.write(`  echo "hello, runnel" | npx runnel produce hello${flag}\n`);
  process.stdout.write(`  npx runnel consume hello --from-beginning --max-messages 1${flag}\n\n`);
  process.stdout.write('Press Ctrl-C to stop all nodes cleanly; the data stays for the next start.\n');
}

export function devCommand(program: Command): void {
  program
    .command('dev')
    .description('run a local cluster of combined broker+controller nodes on 127.0.0.1 until Ctrl-C')
    .option('--data-dir <dir>', 'where the nodes keep their data (kept across restarts)', '.runnel/dev')
    .option('--base-port <port>', 'client port of node 1; node i listens on base+i-1, its controller on base+100+i-1, its HTTP endpoints on base+200+i-1', '9092')
    .option('--nodes <n>', 'how many nodes', '3')
    .option('--timeout-ms <ms>', 'how long to wait for every broker to be ready', '60000')
    .action((flags: DevFlags) => run(flags).catch((err: unknown) => fail(err)));
}
