import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { RunnelError, type Admin, type OngoingPartitionReassignment } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { intFlag } from './flags.js';
import { note, print } from './print.js';
import { withAdmin } from './with-admin.js';

interface ReassignFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  reassignmentJsonFile?: string;
  topicsToMoveJsonFile?: string;
  brokerList?: string;
  generate?: boolean;
  execute?: boolean;
  verify?: boolean;
  cancel?: boolean;
  throttle?: string;
  additional?: boolean;
  wait?: boolean;
  progressIntervalMs?: string;
}

/** One entry of kafka-reassign-partitions.sh's JSON: {"topic", "partition", "replicas", "log_dirs"}. */
export interface PartitionAssignment {
  topic: string;
  partition: number;
  replicas: number[];
}

const key = (p: { topic: string; partition: number }): string => `${p.topic}-${p.partition}`;

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : ((err as NodeJS.ErrnoException).code ?? String(err));
    throw new RunnelError('INVALID_CONFIG', `cannot read ${what} from ${path}: ${why}`);
  }
}

/** Parses {"version": 1, "partitions": [{"topic": "t", "partition": 0, "replicas": [1, 2]}]}. */
export function parseReassignmentJson(parsed: unknown, source: string): PartitionAssignment[] {
  const list = (parsed as { partitions?: unknown } | null)?.partitions;
  if (!Array.isArray(list) || list.length === 0) {
    throw new RunnelError('INVALID_CONFIG', `${source} must hold {"version": 1, "partitions": [{"topic": "t", "partition": 0, "replicas": [1, 2, 3]}, ...]} with at least one partition`);
  }
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    const { topic, partition, replicas, log_dirs: logDirs } = (entry ?? {}) as Record<string, unknown>;
    const where = `${source}: partitions[${i}]`;
    if (typeof topic !== 'string' || topic === '' || !Number.isSafeInteger(partition) || (partition as number) < 0) {
      throw new RunnelError('INVALID_CONFIG', `${where} needs a topic name and a partition number >= 0`);
    }
    if (!Array.isArray(replicas) || replicas.length === 0 || !replicas.every((r) => Number.isSafeInteger(r) && (r as number) >= 0)) {
      throw new RunnelError('INVALID_CONFIG', `${where} needs "replicas": a non-empty list of broker ids`);
    }
    if (new Set(replicas).size !== replicas.length) throw new RunnelError('INVALID_CONFIG', `${where} lists a broker twice in [${replicas.join(',')}]`);
    if (logDirs !== undefined && (!Array.isArray(logDirs) || logDirs.some((d) => d !== 'any'))) {
      throw new RunnelError('INVALID_CONFIG', `${where}: brokers have one log directory each, so "log_dirs" may only hold "any"`);
    }
    const p = { topic, partition: partition as number, replicas: replicas as number[] };
    if (seen.has(key(p))) throw new RunnelError('INVALID_CONFIG', `${where}: ${key(p)} appears more than once`);
    seen.add(key(p));
    return p;
  });
}

/** The JSON kafka-reassign-partitions.sh reads and writes. */
export function formatReassignmentJson(assignments: readonly PartitionAssignment[]): string {
  return JSON.stringify({
    version: 1,
    partitions: assignments.map((a) => ({ topic: a.topic, partition: a.partition, replicas: a.replicas, log_dirs: a.replicas.map(() => 'any') })),
  });
}

/** The brokers of --broker-list 1,2,3: distinct ids. */
export function parseBrokerList(value: string | undefined): number[] {
  if (value === undefined) throw new RunnelError('INVALID_CONFIG', '--generate needs --broker-list, e.g. --broker-list 1,2,3');
  const ids = value.split(',').map((s) => intFlag('--broker-list', s, 0));
  if (new Set(ids).size !== ids.length) throw new RunnelError('INVALID_CONFIG', `--broker-list names a broker twice: ${value}`);
  return ids;
}

/**
 * Kafka's rack-unaware replica assignment (AdminUtils.assignReplicasToBrokers) with a fixed start:
 * leaders go round the broker list, and each further replica is shifted so that followers of
 * consecutive partitions spread over different brokers.
 */
export function proposeAssignment(topic: string, partitions: number, replicationFactor: number, brokers: readonly number[]): PartitionAssignment[] {
  const n = brokers.length;
  if (replicationFactor > n) {
    throw new RunnelError('INVALID_REPLICATION_FACTOR', `topic ${topic} has replication factor ${replicationFactor}, more than the ${n} brokers in --broker-list`);
  }
  const out: PartitionAssignment[] = [];
  let shift = 0;
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = p % n;
    const replicas = [brokers[first]!];
    for (let j = 0; j < replicationFactor - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n]!);
    out.push({ topic, partition: p, replicas });
  }
  return out;
}

async function currentAssignment(admin: Admin, partitions: readonly { topic: string; partition: number }[]): Promise<PartitionAssignment[]> {
  const topics = [...new Set(partitions.map((p) => p.topic))];
  const described = await admin.describeTopics(topics);
  const byKey = new Map<string, number[]>();
  for (const t of described) for (const p of t.partitions) byKey.set(`${t.name}-${p.partition}`, p.replicas);
  return partitions.map((p) => {
    const replicas = byKey.get(key(p));
    if (!replicas) throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `${key(p)} does not exist`);
    return { topic: p.topic, partition: p.partition, replicas };
  });
}

async function generate(flags: ReassignFlags): Promise<void> {
  if (flags.topicsToMoveJsonFile === undefined) throw new RunnelError('INVALID_CONFIG', '--generate needs --topics-to-move-json-file');
  const brokers = parseBrokerList(flags.brokerList);
  const parsed = await readJson(flags.topicsToMoveJsonFile, 'topics to move');
  const list = (parsed as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(list) || list.length === 0) {
    throw new RunnelError('INVALID_CONFIG', `${flags.topicsToMoveJsonFile} must hold {"version": 1, "topics": [{"topic": "t"}, ...]} with at least one topic`);
  }
  const topics = list.map((t: unknown, i) => {
    const name = (t as { topic?: unknown } | null)?.topic;
    if (typeof name !== 'string' || name === '') throw new RunnelError('INVALID_CONFIG', `${flags.topicsToMoveJsonFile}: topics[${i}] needs a topic name`);
    return name;
  });
  const { current, proposed } = await withAdmin(flags, async (admin) => {
    const described = await admin.describeTopics([...new Set(topics)]);
    const current: PartitionAssignment[] = [];
    const proposed: PartitionAssignment[] = [];
    for (const t of described) {
      const partitions = [...t.partitions].sort((a, b) => a.partition - b.partition);
      for (const p of partitions) current.push({ topic: t.name, partition: p.partition, replicas: p.replicas });
      proposed.push(...proposeAssignment(t.name, partitions.length, partitions[0]?.replicas.length ?? 1, brokers));
    }
    return { current, proposed };
  });
  print('Current partition replica assignment');
  print(formatReassignmentJson(current));
  print('');
  print('Proposed partition reassignment configuration');
  print(formatReassignmentJson(proposed));
}

async function targetsFrom(flags: ReassignFlags): Promise<PartitionAssignment[]> {
  if (flags.reassignmentJsonFile === undefined) throw new RunnelError('INVALID_CONFIG', 'give the reassignment with --reassignment-json-file');
  return parseReassignmentJson(await readJson(flags.reassignmentJsonFile, 'the reassignment'), flags.reassignmentJsonFile);
}

/** Per adding replica: how far its log is behind the leader's, as the brokers report them now. */
async function progressLines(admin: Admin, ongoing: readonly OngoingPartitionReassignment[]): Promise<string[]> {
  const topics = [...new Set(ongoing.map((r) => r.topic))];
  const leaders = new Map<string, number>();
  for (const t of await admin.describeTopics(topics)) for (const p of t.partitions) leaders.set(`${t.name}-${p.partition}`, p.leader);
  const lines: string[] = [];
  for (const r of ongoing) {
    const tp = [{ topic: r.topic, partition: r.partition }];
    const leader = leaders.get(key(r)) ?? -1;
    const leaderLog = leader >= 0 ? (await admin.replicaLogs(leader, tp).catch(() => []))[0] : undefined;
    for (const id of r.addingReplicas) {
      const log = (await admin.replicaLogs(id, tp).catch(() => []))[0];
      if (!leaderLog || !log) {
        lines.push(`${key(r)}: replica ${id} ${log ? `at offset ${log.logEndOffset}` : 'not started yet'} (leader ${leader >= 0 ? leader : 'unknown'})`);
        continue;
      }
      const span = leaderLog.logEndOffset - leaderLog.logStartOffset;
      const done = Math.max(0, log.logEndOffset - leaderLog.logStartOffset);
      const percent = span <= 0 ? 100 : Math.min(100, Math.floor((done * 100) / span));
      lines.push(
        `${key(r)}: replica ${id} at offset ${log.logEndOffset} of ${leaderLog.logEndOffset} (${percent}%), ${log.sizeBytes} of ${leaderLog.sizeBytes} bytes copied from leader ${leader}`,
      );
    }
  }
  return lines;
}

async function execute(flags: ReassignFlags): Promise<void> {
  const targets = await targetsFrom(flags);
  const throttle = flags.throttle === undefined ? 0 : intFlag('--throttle', flags.throttle, 1);
  const intervalMs = flags.progressIntervalMs === undefined ? 1000 : intFlag('--progress-interval-ms', flags.progressIntervalMs, 10);
  await withAdmin(flags, async (admin) => {
    const current = await currentAssignment(admin, targets);
    const ongoing = await admin.listPartitionReassignments();
    if (ongoing.length > 0 && !flags.additional) {
      throw new RunnelError(
        'INVALID_CONFIG',
        `cannot execute: reassignments are in progress for ${ongoing.map(key).join(', ')}; use --additional to change or add to them, or --cancel`,
      );
    }
    print('Current partition replica assignment');
    print('');
    print(formatReassignmentJson(current));
    print('');
    print('Save this to use as the --reassignment-json-file option during rollback');
    const outcomes = await admin.alterPartitionReassignments(targets, { throttleBytesPerSec: throttle });
    const failed = outcomes.filter((o) => o.error !== null);
    const started = outcomes.filter((o) => o.error === null);
    if (started.length > 0) print(`Successfully started partition reassignment${started.length > 1 ? 's' : ''} for ${started.map(key).join(',')}`);
    if (throttle > 0) print(`The reassignment traffic of each broker is throttled to ${throttle} B/s until no reassignment is left.`);
    if (failed.length > 0) {
      const first = failed[0]!.error!;
      throw new RunnelError(first.errorName, `reassignment failed for ${failed.map((f) => `${key(f)} (${f.error!.errorName}: ${f.error!.message})`).join(', ')}`);
    }
    if (!flags.wait) return;
    const wanted = targets.map((t) => ({ topic: t.topic, partition: t.partition }));
    for (;;) {
      const left = await admin.listPartitionReassignments(wanted);
      if (left.length === 0) break;
      for (const line of await progressLines(admin, left)) note(line);
      await sleep(intervalMs);
    }
    await verifyWith(admin, targets);
  });
}

/** Prints each partition's state; true when every one is complete with the target replicas. */
async function verifyWith(admin: Admin, targets: readonly PartitionAssignment[]): Promise<boolean> {
  const ongoing = new Map((await admin.listPartitionReassignments(targets)).map((r) => [key(r), r]));
  const current = await currentAssignment(admin, targets);
  print('Status of partition reassignment:');
  let complete = true;
  targets.forEach((t, i) => {
    const now = current[i]!.replicas;
    if (ongoing.has(key(t))) {
      complete = false;
      print(`Reassignment of partition ${key(t)} is still in progress.`);
    } else if (now.length === t.replicas.length && now.every((r, j) => r === t.replicas[j])) {
      print(`Reassignment of partition ${key(t)} is completed.`);
    } else {
      complete = false;
      print(`There is no active reassignment of partition ${key(t)}, but replica set is ${now.join(',')} rather than ${t.replicas.join(',')}.`);
    }
  });
  return complete;
}

async function verify(flags: ReassignFlags): Promise<void> {
  const targets = await targetsFrom(flags);
  const complete = await withAdmin(flags, async (admin) => {
    const done = await verifyWith(admin, targets);
    if (done) {
      print('');
      print('No reassignment of these partitions is in progress; the controller removed the reassignment throttle when the last one completed.');
    } else {
      for (const line of await progressLines(admin, await admin.listPartitionReassignments(targets))) print(line);
    }
    return done;
  });
  // Scripts can poll on the exit status: 0 once every partition has its target replicas.
  if (!complete) process.exitCode = 3;
}

async function cancel(flags: ReassignFlags): Promise<void> {
  const targets = await targetsFrom(flags);
  await withAdmin(flags, async (admin) => {
    const outcomes = await admin.cancelPartitionReassignments(targets);
    const cancelled = outcomes.filter((o) => o.error === null);
    const failed = outcomes.filter((o) => o.error !== null);
    if (cancelled.length > 0) print(`Successfully cancelled partition reassignment${cancelled.length > 1 ? 's' : ''} for: ${cancelled.map(key).join(',')}`);
    if (failed.length > 0) {
      const first = failed[0]!.error!;
      throw new RunnelError(first.errorName, `cancel failed for ${failed.map((f) => `${key(f)} (${f.error!.errorName}: ${f.error!.message})`).join(', ')}`);
    }
  });
}

function run(flags: ReassignFlags): Promise<void> {
  const actions = [flags.generate, flags.execute, flags.verify, flags.cancel].filter(Boolean).length;
  if (actions !== 1) return Promise.reject(new RunnelError('INVALID_CONFIG', 'give exactly one of --generate, --execute, --verify or --cancel'));
  if (flags.wait && !flags.execute) return Promise.reject(new RunnelError('INVALID_CONFIG', '--wait goes with --execute'));
  if (flags.throttle !== undefined && !flags.execute) return Promise.reject(new RunnelError('INVALID_CONFIG', '--throttle goes with --execute'));
  if (flags.generate) return generate(flags);
  if (flags.execute) return execute(flags);
  if (flags.verify) return verify(flags);
  return cancel(flags);
}

/** Adds `reassign` (kafka-reassign-partitions.sh) to the `partitions` command group. */
export function reassignCommand(partitions: Command): void {
  bootstrapOption(partitions.command('reassign').showHelpAfterError(false))
    .description('move partition replicas between brokers (kafka-reassign-partitions.sh): new replicas copy the log, old ones are removed once the new ones are in sync')
    .option('--generate', 'propose an assignment of --topics-to-move-json-file over --broker-list (changes nothing)')
    .option('--execute', 'start the reassignment in --reassignment-json-file')
    .option('--verify', 'report whether the reassignment in --reassignment-json-file is complete (exit status 3 while it is not)')
    .option('--cancel', 'cancel the reassignment of the partitions in --reassignment-json-file, restoring their original replicas')
    .option('--reassignment-json-file <file>', '{"version": 1, "partitions": [{"topic": "t", "partition": 0, "replicas": [1, 2, 3]}]}')
    .option('--topics-to-move-json-file <file>', '{"version": 1, "topics": [{"topic": "t"}]} (with --generate)')
    .option('--broker-list <ids>', 'brokers to place replicas on, e.g. 1,2,3 (with --generate)')
    .option('--throttle <bytes/s>', "limit each broker's reassignment traffic (with --execute); lifted when no reassignment is left")
    .option('--additional', 'execute even though reassignments are in progress (replacing their targets)')
    .option('--wait', 'with --execute: show progress until the reassignment completes')
    .option('--progress-interval-ms <ms>', 'how often --wait reports progress (default 1000)')
    .action((flags: ReassignFlags) => run(flags).catch((err: unknown) => fail(err)));
}
