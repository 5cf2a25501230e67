import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { RunnelError, type Admin, type ElectionOutcome, type ElectionType } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { reassignCommand } from './partitions-reassign.js';
import { intFlag, outputFormat } from './flags.js';
import { json, print } from './print.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface ElectFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  output?: string;
  electionType?: string;
  topic?: string;
  partition?: string;
  allTopicPartitions?: boolean;
  pathToJsonFile?: string;
}

interface Partition {
  topic: string;
  partition: number;
}

function electionType(value: string | undefined): ElectionType {
  if (value === undefined) throw new RunnelError('INVALID_CONFIG', '--election-type is required: preferred or unclean');
  const v = value.toLowerCase();
  if (v !== 'preferred' && v !== 'unclean') throw new RunnelError('INVALID_CONFIG', `--election-type must be preferred or unclean, got '${value}'`);
  return v;
}

/** kafka-leader-election.sh's JSON file: {"partitions": [{"topic": "t", "partition": 0}, ...]}. */
async function partitionsFromFile(path: string): Promise<Partition[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? err.message : (err as NodeJS.ErrnoException).code ?? String(err);
    throw new RunnelError('INVALID_CONFIG', `cannot read partitions from ${path}: ${why}`);
  }
  const list = (parsed as { partitions?: unknown })?.partitions;
  if (!Array.isArray(list) || list.length === 0) throw new RunnelError('INVALID_CONFIG', `${path} must hold {"partitions": [{"topic": "...", "partition": 0}, ...]} with at least one partition`);
  return list.map((p: unknown, i) => {
    const { topic, partition } = (p ?? {}) as { topic?: unknown; partition?: unknown };
    if (typeof topic !== 'string' || topic === '' || !Number.isSafeInteger(partition) || (partition as number) < 0) {
      throw new RunnelError('INVALID_CONFIG', `${path}: partitions[${i}] needs a topic name and a partition number >= 0`);
    }
    return { topic, partition: partition as number };
  });
}

/** Every partition of `topics` (every topic, internal ones included, when not given). */
async function partitionsOf(admin: Admin, topics?: string[]): Promise<Partition[]> {
  const names = topics ?? (await admin.listTopics({ includeInternal: true }));
  if (names.length === 0) return [];
  const described = await admin.describeTopics(names);
  return described.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition })));
}

/** What to elect for, from exactly one of --topic [--partition], --all-topic-partitions, --path-to-json-file. */
async function targets(admin: Admin, flags: ElectFlags): Promise<Partition[]> {
  const given = [flags.topic !== undefined, flags.allTopicPartitions === true, flags.pathToJsonFile !== undefined].filter(Boolean).length;
  if (given !== 1) throw new RunnelError('INVALID_CONFIG', 'give exactly one of --topic (with --partition), --all-topic-partitions or --path-to-json-file');
  if (flags.partition !== undefined && flags.topic === undefined) throw new RunnelError('INVALID_CONFIG', '--partition needs --topic');
  if (flags.pathToJsonFile !== undefined) return partitionsFromFile(flags.pathToJsonFile);
  if (flags.allTopicPartitions) return partitionsOf(admin);
  const topic = flags.topic!;
  if (flags.partition !== undefined) return [{ topic, partition: intFlag('--partition', flags.partition, 0) }];
  return partitionsOf(admin, [topic]);
}

function resultOf(o: ElectionOutcome): string {
  return o.error === null ? 'ELECTED' : o.error.errorName;
}

async function electLeaders(flags: ElectFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const type = electionType(flags.electionType);
  if (flags.partition !== undefined) intFlag('--partition', flags.partition, 0);
  const outcomes = await withAdmin(flags, async (admin) => {
    const wanted = await targets(admin, flags);
    if (wanted.length === 0) return [];
    return admin.electLeaders(type, wanted);
  });
  const failed = outcomes.filter((o) => o.error !== null && o.error.errorName !== 'ELECTION_NOT_NEEDED');
  if (format === 'json') {
    json(outcomes.map((o) => ({ topic: o.topic, partition: o.partition, result: resultOf(o), leader: o.leader, ...(o.error ? { message: o.error.message } : {}) })));
  } else if (outcomes.length > 0) {
    print(formatTable([
      ['TOPIC', 'PARTITION', 'RESULT', 'LEADER', 'DETAIL'],
      ...outcomes.map((o) => [o.topic, String(o.partition), resultOf(o), o.leader >= 0 ? String(o.leader) : 'none', o.error?.message || '-']),
    ]));
  }
  if (failed.length > 0) {
    const first = failed[0]!.error!;
    throw new RunnelError(first.errorName, `${type} leader election failed for ${failed.length} of ${outcomes.length} partitions (${failed.map((f) => `${f.topic}-${f.partition}`).join(', ')})${first.message ? `: ${first.message}` : ''}`);
  }
}

/**
 * Registers the `partitions` command group with its `elect-leaders` subcommand and returns the
 * group, so further partition subcommands can be added to it.
 */
export function partitionsCommand(program: Command): Command {
  const partitions = program.command('partitions').description('partition leadership and placement');
  partitions.showHelpAfterError(false);

  bootstrapOption(partitions.command('elect-leaders').showHelpAfterError(false))
    .description('elect partition leaders (kafka-leader-election.sh): preferred moves leadership to the first replica, unclean picks any live replica for leaderless partitions')
    .option('--election-type <type>', 'preferred or unclean')
    .option('--topic <name>', 'the topic (all its partitions unless --partition is given)')
    .option('--partition <n>', 'the partition of --topic')
    .option('--all-topic-partitions', 'every partition of every topic')
    .option('--path-to-json-file <file>', 'partitions from a file: {"partitions": [{"topic": "t", "partition": 0}]}')
    .option('--output <format>', 'table or json')
    .action((flags: ElectFlags) => electLeaders(flags).catch((err: unknown) => fail(err)));
  reassignCommand(partitions);
  return partitions;
}
