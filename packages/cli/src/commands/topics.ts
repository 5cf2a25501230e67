import type { Command } from 'commander';
import { RunnelError, type TopicDescription } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { collect, intFlag, keyValues, outputFormat } from './flags.js';
import { json, print } from './print.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface CommonFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  output?: string;
}

interface CreateFlags extends CommonFlags {
  partitions?: string;
  replicationFactor?: string;
  config?: string[];
  ifNotExists?: boolean;
}

interface ListFlags extends CommonFlags {
  excludeInternal?: boolean;
}

interface DeleteFlags extends CommonFlags {
  ifExists?: boolean;
}

interface AlterFlags extends CommonFlags {
  partitions?: string;
  config?: string[];
  deleteConfig?: string[];
}

async function create(topic: string, flags: CreateFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const numPartitions = flags.partitions === undefined ? undefined : intFlag('--partitions', flags.partitions, 1);
  const replicationFactor = flags.replicationFactor === undefined ? undefined : intFlag('--replication-factor', flags.replicationFactor, 1, 32767);
  const configs = Object.fromEntries(keyValues('--config', flags.config ?? []));
  await withAdmin(flags, async (admin) => {
    let created;
    try {
      [created] = await admin.createTopics([{ name: topic, numPartitions, replicationFactor, configs }]);
    } catch (err) {
      if (flags.ifNotExists && err instanceof RunnelError && err.errorName === 'TOPIC_ALREADY_EXISTS') {
        if (format === 'json') json({ name: topic, created: false });
        else print(`Topic ${topic} already exists.`);
        return;
      }
      throw err;
    }
    if (format === 'json') json({ ...created, created: true });
    else print(`Created topic ${created!.name} (${created!.numPartitions} ${created!.numPartitions === 1 ? 'partition' : 'partitions'}, replication factor ${created!.replicationFactor}).`);
  });
}

async function list(flags: ListFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const names = await withAdmin(flags, (admin) => admin.listTopics({ includeInternal: !flags.excludeInternal }));
  if (format === 'json') json(names);
  else if (names.length > 0) print(names.join('\n'));
}

interface Described extends TopicDescription {
  /** Topic configs set on the topic itself (not broker or built-in defaults). */
  configs: Record<string, string>;
}

function replicaList(ids: number[]): string {
  return ids.length === 0 ? '-' : ids.join(',');
}

function describeText(topics: Described[]): string {
  return topics
    .map((t) => {
      const rf = Math.max(0, ...t.partitions.map((p) => p.replicas.length));
      const configs = Object.entries(t.configs).map(([k, v]) => `${k}=${v}`).join(',');
      const head = [`Topic: ${t.name}`, `Partitions: ${t.partitions.length}`, `ReplicationFactor: ${rf}`, ...(t.internal ? ['Internal: true'] : []), `Configs: ${configs || '-'}`].join('  ');
      const rows = [['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'OFFLINE']];
      for (const p of t.partitions) {
        rows.push([String(p.partition), p.leader >= 0 ? String(p.leader) : 'none', replicaList(p.replicas), replicaList(p.isr), replicaList(p.offlineReplicas)]);
      }
      return `${head}\n${formatTable(rows, '  ')}`;
    })
    .join('\n\n');
}

async function describe(names: string[], flags: ListFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const topics = await withAdmin(flags, async (admin) => {
    const wanted = names.length > 0 ? names : await admin.listTopics({ includeInternal: !flags.excludeInternal });
    if (wanted.length === 0) return [];
    const described = await admin.describeTopics(wanted).catch((err: unknown) => {
      if (err instanceof RunnelError && err.errorName === 'UNKNOWN_TOPIC_OR_PARTITION') {
        const missing = (err.details['failed'] ?? '').split(',').filter((n) => n.length > 0);
        throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `no such topic: ${missing.join(', ') || wanted.join(', ')}`);
      }
      throw err;
    });
    const configs = await admin.describeConfigs(wanted.map((name) => ({ type: 'topic' as const, name })));
    const setByName = new Map(configs.map((c) => [c.name, Object.fromEntries(c.configs.filter((e) => e.source === 'DYNAMIC_TOPIC_CONFIG').map((e) => [e.name, e.sensitive ? '(sensitive)' : e.value]))]));
    return described.map((t): Described => ({ ...t, configs: setByName.get(t.name) ?? {} }));
  });
  if (format === 'json') json(topics);
  else if (topics.length > 0) print(describeText(topics));
}

async function remove(names: string[], flags: DeleteFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const deleted = await withAdmin(flags, async (admin) => {
    // Checked up front so a typo in one name deletes nothing rather than the others alone.
    const existing = new Set(await admin.listTopics({ includeInternal: true }));
    const missing = names.filter((n) => !existing.has(n));
    if (missing.length > 0 && !flags.ifExists) {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `no such topic: ${missing.join(', ')}; nothing was deleted (--if-exists skips missing topics)`);
    }
    const targets = [...new Set(names.filter((n) => existing.has(n)))];
    if (targets.length > 0) await admin.deleteTopics(targets);
    return targets;
  });
  if (format === 'json') json(deleted);
  else for (const name of deleted) print(`Deleted topic ${name}.`);
}

async function alter(topic: string, flags: AlterFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const count = flags.partitions === undefined ? undefined : intFlag('--partitions', flags.partitions, 1);
  const set = keyValues('--config', flags.config ?? []);
  const deletes = (flags.deleteConfig ?? []).map((k) => k.trim());
  for (const k of deletes) {
    if (k.length === 0) throw new RunnelError('INVALID_CONFIG', '--delete-config takes a config name');
    if (set.has(k)) throw new RunnelError('INVALID_CONFIG', `config ${k} is both set and deleted`);
  }
  if (count === undefined && set.size === 0 && deletes.length === 0) {
    throw new RunnelError('INVALID_CONFIG', 'nothing to alter: give --partitions, --config or --delete-config');
  }
  const done: string[] = [];
  await withAdmin(flags, async (admin) => {
    // Configs first: they can be refused without side effects, while new partitions cannot be taken back.
    if (set.size > 0 || deletes.length > 0) {
      await admin.incrementalAlterConfigs([{
        type: 'topic',
        name: topic,
        configs: [...[...set].map(([name, value]) => ({ name, op: 'set' as const, value })), ...deletes.map((name) => ({ name, op: 'delete' as const }))],
      }]);
      done.push(...[...set].map(([k, v]) => `set ${k}=${v}`), ...deletes.map((k) => `deleted ${k}`));
    }
    if (count !== undefined) {
      await admin.createPartitions([{ topic, count }]);
      done.push(`partitions raised to ${count}`);
    }
  });
  if (format === 'json') json({ name: topic, changes: done });
  else print(`Altered topic ${topic}: ${done.join(', ')}.`);
}

function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return (...args: A) => fn(...args).catch((err: unknown) => fail(err));
}

export function topicsCommand(program: Command): void {
  const topics = program.command('topics').description('create, list, describe, alter and delete topics');
  // Bad flags get one line, not the help text (scripts read stderr).
  topics.showHelpAfterError(false);
  const output = '--output <format>';

  bootstrapOption(topics.command('create <topic>').showHelpAfterError(false))
    .description('create a topic')
    .option('--partitions <n>', 'number of partitions (default: the broker\'s num.partitions)')
    .option('--replication-factor <n>', 'replicas per partition (default: the broker\'s default.replication.factor)')
    .option('--config <key=value>', 'a topic config, e.g. cleanup.policy=compact (repeatable)', collect)
    .option('--if-not-exists', 'succeed if the topic already exists')
    .option(output, 'text or json')
    .action(action((topic: string, flags: CreateFlags) => create(topic, flags)));

  bootstrapOption(topics.command('list').showHelpAfterError(false))
    .description('list topic names')
    .option('--exclude-internal', 'leave out internal topics')
    .option(output, 'text or json')
    .action(action((flags: ListFlags) => list(flags)));

  bootstrapOption(topics.command('describe [topic...]').showHelpAfterError(false))
    .description('partitions (leader, replicas, ISR, offline replicas) and set configs of topics (default: all)')
    .option('--exclude-internal', 'leave out internal topics when describing all')
    .option(output, 'table or json')
    .action(action((names: string[], flags: ListFlags) => describe(names, flags)));

  bootstrapOption(topics.command('delete <topic...>').showHelpAfterError(false))
    .description('delete topics and their data')
    .option('--if-exists', 'skip topics that do not exist')
    .option(output, 'text or json')
    .action(action((names: string[], flags: DeleteFlags) => remove(names, flags)));

  bootstrapOption(topics.command('alter <topic>').showHelpAfterError(false))
    .description('raise the partition count or change topic configs')
    .option('--partitions <n>', 'new (higher) number of partitions')
    .option('--config <key=value>', 'set a topic config (repeatable)', collect)
    .option('--delete-config <key>', 'remove a topic config, back to the default (repeatable)', collect)
    .option(output, 'text or json')
    .action(action((topic: string, flags: AlterFlags) => alter(topic, flags)));
}
