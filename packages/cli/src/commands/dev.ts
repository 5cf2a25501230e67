import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { fail } from '../cli-error.js';
import { LocalCluster } from '../node/local-cluster.js';

interface DevFlags {
  dataDir: string;
  basePort: string;
  nodes: string;
  timeoutMs: string;
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

  let stopping = false;
  const stopAll = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nstopping the cluster (${reason})...\n`);
    await cluster.stop((id) => process.stdout.write(`  node ${id} stopped\n`));
    process.stdout.write('all nodes stopped.\n');
  };
  const cluster = new LocalCluster({
    dataDir,
    basePort,
    nodes: n,
    onUnexpectedExit: (id, code) => {
      if (stopping) return;
      process.stderr.write(`\nrunnel: node ${id} exited (code ${code}); see ${join(cluster.nodeDir(id), 'server.log')}\n`);
      void stopAll(`node ${id} exited`).then(() => process.exit(1));
    },
  });
  process.on('exit', () => cluster.killAll());
  process.on('SIGINT', () => void stopAll('Ctrl-C').then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));

  await cluster.start();
  // Each node answers for itself (grpc.health.v1): SERVING once registered, unfenced and caught up.
  const ready = await cluster.waitReady(
    timeoutMs,
    (r, total) => progress(`starting ${total} nodes in ${dataDir}: ${r}/${total} brokers registered and caught up`),
    () => stopping,
  );
  if (stopping) return;
  if (!ready) {
    await stopAll('timed out');
    fail(`the cluster did not come up within ${timeoutMs} ms; see the server.log files under ${dataDir}`);
  }
  const bootstrap = cluster.bootstrap;
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
