import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { fail } from '../cli-error.js';
import type { BenchTarget } from '../bench/bench-types.js';
import { workloads } from '../bench/workloads.js';
import { LocalCluster } from '../node/local-cluster.js';

interface BenchFlags {
  quick?: boolean;
  bootstrap?: string;
  peers: string;
  workloads?: string;
  out: string;
  basePort: string;
  natsBasePort: string;
  profile?: string;
}

const PEERS = ['nats'] as const;

function portFlag(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port + 300 > 65535) fail(`${name} must be a port from 1 to 65235 (the next 300 ports are used too)`, 2);
  return port;
}

async function run(flags: BenchFlags): Promise<void> {
  // Loaded here, not at the top: every `runnel` command (servers included) would otherwise load
  // the peers' clients and the chart renderer.
  const [{ BenchProgress }, { runBench }, { NatsTarget }, { formatReport }, { saveReport }, { RunnelTarget }] = await Promise.all([
    import('../bench/bench-progress.js'),
    import('../bench/bench-runner.js'),
    import('../bench/nats-target.js'),
    import('../bench/report-table.js'),
    import('../bench/report-files.js'),
    import('../bench/runnel-target.js'),
  ]);
  const mode = flags.quick ? 'quick' : 'full';
  const peers = flags.peers === 'none' ? [] : flags.peers.split(',').map((p) => p.trim());
  for (const p of peers) if (!(PEERS as readonly string[]).includes(p)) fail(`--peers: unknown peer '${p}'; known: ${PEERS.join(', ')} (or none)`, 2);
  let list = workloads(mode);
  if (flags.workloads) {
    const prefixes = flags.workloads.split(',').map((p) => p.trim());
    list = list.filter((w) => prefixes.some((p) => w.id.startsWith(p)));
    if (list.length === 0) fail(`--workloads '${flags.workloads}' matches none of: ${workloads(mode).map((w) => w.id).join(', ')}`, 2);
  }
  const basePort = portFlag(flags.basePort, '--base-port');
  const natsBasePort = portFlag(flags.natsBasePort, '--nats-base-port');
  const workDir = await mkdtemp(join(tmpdir(), 'runnel-bench-'));
  const cluster = flags.bootstrap ? null : new LocalCluster({ dataDir: join(workDir, 'runnel'), basePort, nodes: 3, nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(flags.profile)}`] : [] });
  const targets: BenchTarget[] = [cluster ? new RunnelTarget({ cluster }) : new RunnelTarget({ bootstrap: flags.bootstrap! })];
  if (peers.includes('nats')) targets.push(new NatsTarget({ workDir: join(workDir, 'nats'), basePort: natsBasePort }));

  const cleanUp = (): void => {
    cluster?.killAll();
    void rm(workDir, { recursive: true, force: true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', cleanUp);
  process.once('SIGTERM', cleanUp);
  const progress = new BenchProgress();
  progress.note(`runnel bench (${mode}): ${list.length} workloads on ${targets.map((t) => t.name).join(', ')}${cluster ? `; a local three-node cluster in ${workDir}` : `; cluster at ${flags.bootstrap}`}`);
  try {
    const { report, failures } = await runBench({ mode, targets, workloads: list, progress });
    process.stdout.write(`\n${formatReport(report)}\n`);
    const files = await saveReport(resolve(flags.out), report);
    process.stdout.write(`\nresults: ${files.json}\nchart:   ${files.svg}\n`);
    if (failures.length > 0) fail(`${failures.length} workload(s) failed on runnel: ${failures.join('; ')}`);
  } finally {
    process.off('SIGINT', cleanUp);
    process.off('SIGTERM', cleanUp);
    await rm(workDir, { recursive: true, force: true });
  }
}

export function benchCommand(program: Command): void {
  program
    .command('bench')
    .description('measure producer and consumer throughput, end-to-end latency and failover, beside peers on this machine')
    .option('--quick', 'a smoke run of seconds (fewer workloads, shorter windows)')
    .option('--bootstrap <servers>', 'measure an existing cluster instead of starting a local three-node one (no server CPU figures, no failover)')
    .option('--peers <list>', `peers to run beside Runnel: ${PEERS.join(', ')}, or none`, PEERS.join(','))
    .option('--workloads <prefixes>', 'only workloads whose id starts with one of these (comma-separated), e.g. produce,latency')
    .option('--out <dir>', 'where results (JSON) and charts (SVG) are written', 'bench-results')
    .option('--base-port <port>', 'client port of the local cluster node 1 (controllers at +100, HTTP at +200)', '9492')
    .option('--nats-base-port <port>', 'first port of the local nats-server cluster (clients on it and the next two, cluster routes on the three after)', '14222')
    .option('--profile <dir>', 'write a V8 CPU profile of each local server process to this directory when it stops (open in Chrome DevTools)')
    .action((flags: BenchFlags) => run(flags).catch((err: unknown) => fail(err)));
}
