import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UNSAFE_FAULT_ENV, UNSAFE_FAULTS } from '@runnel/broker';
import { Admin } from '@runnel/client';
import { FAST_FAILOVER, TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { check, formatSummary } from './checker.js';
import { ALL_FAULTS, delay, heal, injectFault, NETWORK_FAULTS, PROCESS_FAULTS, waitFullIsr, type FaultContext } from './faults.js';
import { readFinalLog } from './final-log.js';
import { History, type FaultKind } from './history.js';
import { PacketFilter } from './packet-filter.js';
import { seededRandom } from './random.js';
import { ChaosConsumer, ChaosProducer } from './workload.js';

/**
 * A chaos run: a three-node cluster, idempotent acks=all producers and a consumer group working
 * through a seeded series of faults, then the whole history checked. Exit code 0 when the
 * checker finds nothing, 1 on a violation, 2 when the run itself could not be carried out.
 *
 *   npm run chaos -- --duration 150 --faults 20 --seed 42 --out test-results/chaos
 *   npm run chaos -- --network --duration 200 --faults 28   (adds packet-loss partitions; needs root and iptables)
 *   npm run chaos -- --kinds kill-leader,pause-node   (only these kinds of fault)
 *   npm run chaos -- --unsafe-acks1 --duration 40 --faults 4   (a setup that loses data, to see the checker catch it)
 *   npm run chaos -- --unsafe-fault acks-all-early --duration 40 --faults 4   (nodes broken on purpose, the same)
 */

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '150' },
    faults: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 1e9)) },
    out: { type: 'string' },
    partitions: { type: 'string', default: '4' },
    producers: { type: 'string', default: '3' },
    consumers: { type: 'string', default: '2' },
    kinds: { type: 'string' },
    'unsafe-acks1': { type: 'boolean', default: false },
    'unsafe-fault': { type: 'string' },
    network: { type: 'boolean', default: false },
  },
});

function usage(problem: string): never {
  console.error(`chaos: ${problem}`);
  process.exit(2);
}

const TOPIC = 'chaos';
const GROUP = 'chaos-readers';
const SESSION_TIMEOUT_MS = Number(FAST_FAILOVER['broker.session.timeout.ms']);
const durationMs = Number(args.duration) * 1_000;
const faultCount = Number(args.faults);
const partitions = Number(args.partitions);
const acks1 = args['unsafe-acks1'];
const unsafeFault = args['unsafe-fault'];
const seed = args.seed;
const outDir = resolve(args.out ?? join('test-results', `chaos-${seed}`));
for (const [name, v] of [['duration', durationMs], ['faults', faultCount], ['partitions', partitions]] as const) {
  if (!Number.isFinite(v) || v < 0) usage(`--${name} must be a non-negative number`);
}
if (unsafeFault !== undefined && !(UNSAFE_FAULTS as string[]).includes(unsafeFault)) {
  usage(`--unsafe-fault ${unsafeFault} is not one of ${UNSAFE_FAULTS.join(', ')}`);
}
const kinds = args.kinds?.split(',').map((k) => k.trim()) as FaultKind[] | undefined;
for (const k of kinds ?? []) {
  if (!ALL_FAULTS.includes(k)) usage(`--kinds: ${k} is not one of ${ALL_FAULTS.join(', ')}`);
  if (NETWORK_FAULTS.includes(k) && !args.network) usage(`--kinds: ${k} needs --network`);
}
const unsafe = acks1 ? 'acks=1 producers' : unsafeFault !== undefined ? `nodes started with ${UNSAFE_FAULT_ENV}=${unsafeFault}` : undefined;

const started = Date.now();
const log = (line: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}`);
console.log(`chaos seed ${seed} (replay with --seed ${seed}); duration ${args.duration}s, ${faultCount} faults, output in ${outDir}${unsafe ? `; UNSAFE: ${unsafe}` : ''}`);

const random = seededRandom(seed);
await mkdir(outDir, { recursive: true });
const history = new History(join(outDir, 'history.jsonl'));
let runError: Error | undefined;

// With --network each node gets its own loopback address and cgroup, so packets between two
// given nodes can be dropped (see packet-filter.ts).
const hosts = new Map([1, 2, 3].map((id) => [id, `127.0.0.${10 + id}`]));
const filter = args.network ? await PacketFilter.create(String(process.pid), hosts) : undefined;
const cluster = await TestCluster.start({
  nodes: 3,
  config: { ...FAST_FAILOVER, 'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' },
  ...(filter && { host: (id: number) => hosts.get(id)!, onSpawn: (id: number, p: { pid: number }) => filter.place(id, p.pid) }),
  ...(unsafeFault !== undefined && { env: { [UNSAFE_FAULT_ENV]: unsafeFault } }),
}).catch(async (err: unknown) => {
  await filter?.close();
  throw err;
});
const admin = new Admin({ bootstrap: cluster.bootstrap, requestTimeoutMs: 10_000 });
// Stopped from outside (a CI timeout, Ctrl-C): take the nodes down too, so none outlive the run.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the cluster; history so far in ${outDir}`);
    void cluster.close().then(() => filter?.close()).finally(() => process.exit(2));
  });
}
try {
  // A run meant to catch a broken broker proves nothing if the nodes never turned the fault on.
  for (const id of unsafeFault !== undefined ? cluster.ids : []) await cluster.node(id).waitForLine(/UNSAFE FAULT ON/, 5_000);
  await admin.createTopics([{ name: TOPIC, numPartitions: partitions, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }]);
  const ctx: FaultContext = { cluster, admin, topic: TOPIC, partitions, history, random, sessionTimeoutMs: SESSION_TIMEOUT_MS, log, filter };
  await waitFullIsr(ctx);
  history.add({ type: 'meta', topic: TOPIC, partitions, seed, durationMs, faults: faultCount, acks: acks1 ? '1' : 'all', ...(unsafeFault !== undefined && { unsafeFault }) });
  log(`cluster up (${cluster.bootstrap}); topic ${TOPIC}: ${partitions} partitions, RF 3, min.insync.replicas 2`);

  const producers = Array.from({ length: Number(args.producers) }, (_, i) => new ChaosProducer({
    bootstrap: cluster.bootstrap, topic: TOPIC, name: `p${i}`, history, random, keys: 8, window: 8, intervalMs: 4, acks: acks1 ? 1 : 'all',
  }));
  const consumers = Array.from({ length: Number(args.consumers) }, (_, i) => new ChaosConsumer({
    bootstrap: cluster.bootstrap, topic: TOPIC, groupId: GROUP, name: `c${i}`, history,
  }));

  // A seeded order of faults spread over the run. A rolling restart takes about as long as three
  // single-node faults, so it is one fault in seven; the other kinds share the rest evenly. An
  // unsafe setup gets the fault that makes it lose acknowledged records: followers frozen while
  // the leader acknowledges, then the leader killed.
  const single = [...PROCESS_FAULTS.filter((k) => k !== 'rolling-restart'), ...(filter ? NETWORK_FAULTS : [])];
  const only = kinds ?? (unsafe ? ['kill-leader-followers-cut' as const] : undefined);
  const plan: FaultKind[] = only
    ? random.shuffle(Array.from({ length: faultCount }, (_, i): FaultKind => only[i % only.length]!))
    : random.shuffle(Array.from({ length: faultCount }, (_, i): FaultKind => (i % 7 === 3 ? 'rolling-restart' : single[(i - Math.floor((i + 3) / 7)) % single.length]!)));
  // The schedule counts from the workload's start, not the process's: a slow cluster start must
  // not eat the warm-up (a fault before the producers are up can lose nothing and shows nothing).
  const workloadStarted = Date.now();
  const warmupMs = Math.min(5_000, durationMs / 10);
  const spacing = faultCount > 0 ? (durationMs - warmupMs) / faultCount : 0;
  try {
    for (const [i, kind] of plan.entries()) {
      const due = workloadStarted + warmupMs + i * spacing;
      if (Date.now() < due) await delay(due - Date.now());
      await injectFault(ctx, kind, i + 1);
      await heal(ctx);
      // A moment of calm, so each fault starts from a cluster that is serving writes.
      await delay(200);
    }
    if (Date.now() < workloadStarted + durationMs) await delay(workloadStarted + durationMs - Date.now());
  } catch (err) {
    runError = err as Error;
    log(`fault injection stopped: ${runError.message}`);
  }

  log('healing the cluster and letting the workload finish');
  await heal(ctx);
  await Promise.all(producers.map((p) => p.stop()));
  const ends = await admin.listOffsets(Array.from({ length: partitions }, (_, partition) => ({ topic: TOPIC, partition, spec: 'latest' as const })));
  try {
    await waitFor('the group to commit up to every high watermark', async () => {
      const committed = await admin.listGroupOffsets(GROUP);
      return ends.every((e) => (committed.find((c) => c.topic === TOPIC && c.partition === e.partition)?.offset ?? -1) >= e.offset);
    }, { timeoutMs: 30_000, intervalMs: 250 });
  } catch (err) {
    log(`consumers did not catch up: ${(err as Error).message}`);
  }
  await Promise.all(consumers.map((c) => c.stop()));

  log('reading every partition from offset 0 to its high watermark');
  for (let p = 0; p < partitions; p++) {
    const final = await readFinalLog(cluster.bootstrap, TOPIC, p);
    history.add({ type: 'final', partition: p, ...final });
  }
} catch (err) {
  runError = err as Error;
  log(`run failed: ${runError.stack ?? runError.message}`);
} finally {
  await admin.close().catch(() => undefined);
  for (const id of cluster.ids) await writeFile(join(outDir, `node-${id}.log`), cluster.logs(id).join('\n') + '\n');
  await cluster.close();
  await filter?.close();
  await history.close();
}

const report = check(history.events);
await writeFile(join(outDir, 'report.json'), JSON.stringify({ seed, runError: runError?.message, ...report }, null, 2) + '\n');
const summary = `chaos run, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s\n${formatSummary(report)}${runError ? `\n\nrun error: ${runError.message}` : ''}\n`;
await writeFile(join(outDir, 'summary.txt'), summary);
console.log('\n' + summary);
console.log(`history: ${join(outDir, 'history.jsonl')}\nreport:  ${join(outDir, 'report.json')}`);
process.exit(!report.ok ? 1 : runError ? 2 : 0);
