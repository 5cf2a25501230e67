import type { Command } from 'commander';
import { RunnelError, type ConfigDescription, type ConfigResourceKind } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { collect, outputFormat } from './flags.js';
import { json, print } from './print.js';
import { withAdmin } from './with-admin.js';

interface EntityFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  output?: string;
  entityType?: string;
  entityName?: string;
  entityDefault?: boolean;
  topic?: string;
  broker?: string;
  brokerDefaults?: boolean;
}

interface DescribeFlags extends EntityFlags {
  all?: boolean;
}

interface AlterFlags extends EntityFlags {
  addConfig?: string[];
  deleteConfig?: string[];
}

/** kafka-configs.sh entity types served here, by the name given on the command line. */
const ENTITY_TYPES: Record<string, ConfigResourceKind> = { topics: 'topic', brokers: 'broker' };

/** Where a config lives; `name` is '' for the cluster-wide broker default. */
interface Entity {
  type: ConfigResourceKind;
  name: string | null;
}

/** --entity-type/--entity-name/--entity-default, or the shortcuts --topic, --broker, --broker-defaults. */
function entity(flags: EntityFlags): Entity {
  const shortcuts = [flags.topic !== undefined, flags.broker !== undefined, flags.brokerDefaults === true].filter(Boolean).length;
  if (shortcuts > 1 || (shortcuts === 1 && flags.entityType !== undefined)) {
    throw new RunnelError('INVALID_CONFIG', 'name one entity: --entity-type with --entity-name, or one of --topic, --broker, --broker-defaults');
  }
  if (flags.topic !== undefined) return { type: 'topic', name: flags.topic };
  if (flags.broker !== undefined) return { type: 'broker', name: flags.broker };
  if (flags.brokerDefaults) return { type: 'broker', name: '' };
  if (flags.entityType === undefined) throw new RunnelError('INVALID_CONFIG', '--entity-type is required (topics or brokers)');
  const type = ENTITY_TYPES[flags.entityType];
  if (!type) throw new RunnelError('INVALID_CONFIG', `--entity-type must be topics or brokers, got '${flags.entityType}'`);
  if (flags.entityDefault) {
    if (type !== 'broker') throw new RunnelError('INVALID_CONFIG', '--entity-default applies to --entity-type brokers only');
    if (flags.entityName !== undefined) throw new RunnelError('INVALID_CONFIG', 'give --entity-name or --entity-default, not both');
    return { type, name: '' };
  }
  if (flags.entityName !== undefined && flags.entityName.trim() === '') throw new RunnelError('INVALID_CONFIG', '--entity-name must not be empty');
  if (type === 'broker' && flags.entityName !== undefined && !/^\d+$/.test(flags.entityName)) {
    throw new RunnelError('INVALID_CONFIG', `--entity-name for brokers is a broker id, got '${flags.entityName}'`);
  }
  return { type, name: flags.entityName ?? null };
}

/** Whether an entity is the cluster-wide broker default rather than one topic or broker. */
function isBrokerDefault(type: ConfigResourceKind, name: string): boolean {
  return type === 'broker' && name === '';
}

/** Kafka's --describe text: dynamic configs only, or every config with --all. */
function describeText(described: ConfigDescription[], all: boolean): string {
  return described
    .map((d) => {
      const configs = all ? d.configs : d.configs.filter((c) => c.source.startsWith('DYNAMIC_'));
      const lines = configs.map((c) => `  ${c.name}=${c.sensitive ? 'null' : c.value} sensitive=${c.sensitive} source=${c.source}${c.readOnly ? ' read-only' : ''}`);
      const header = isBrokerDefault(d.type, d.name) ? 'Default configs for brokers in the cluster are:' : `${all ? 'All' : 'Dynamic'} configs for ${d.type} ${d.name} are:`;
      return [header, ...lines].join('\n');
    })
    .join('\n');
}

async function describe(flags: DescribeFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const target = entity(flags);
  const described = await withAdmin(flags, async (admin) => {
    let names: string[];
    if (target.name !== null) names = [target.name];
    else if (target.type === 'topic') names = await admin.listTopics({ includeInternal: true });
    else names = (await admin.describeCluster()).brokers.filter((b) => b.state !== 'FENCED').map((b) => String(b.nodeId));
    if (names.length === 0) return [];
    return admin.describeConfigs(names.map((name) => ({ type: target.type, name })));
  });
  const shown = flags.all ? described : described.map((d) => ({ ...d, configs: d.configs.filter((c) => c.source.startsWith('DYNAMIC_')) }));
  if (format === 'json') json(shown);
  else if (shown.length > 0) print(describeText(shown, flags.all ?? false));
}

/**
 * kafka-configs.sh's --add-config: k1=v1,k2=[v1,v2] (square brackets around a value that holds
 * commas); repeated flags add up.
 */
function parseAddConfig(values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of values) {
    let i = 0;
    while (i < text.length) {
      const eq = text.indexOf('=', i);
      const comma = text.indexOf(',', i);
      if (eq < 0 || (comma >= 0 && comma < eq)) {
        throw new RunnelError('INVALID_CONFIG', `--add-config takes k1=v1,k2=[v1,v2], got '${text}'`);
      }
      const key = text.slice(i, eq).trim();
      if (key === '') throw new RunnelError('INVALID_CONFIG', `--add-config has an entry without a name in '${text}'`);
      let value: string;
      if (text[eq + 1] === '[') {
        const close = text.indexOf(']', eq + 2);
        if (close < 0) throw new RunnelError('INVALID_CONFIG', `--add-config: the value of ${key} opens '[' without a closing ']'`);
        value = text.slice(eq + 2, close);
        i = close + 1;
        if (i < text.length && text[i] !== ',') throw new RunnelError('INVALID_CONFIG', `--add-config: expected ',' after ${key}=[...]`);
        i++;
      } else {
        const end = text.indexOf(',', eq + 1);
        value = text.slice(eq + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      }
      if (out.has(key)) throw new RunnelError('INVALID_CONFIG', `--add-config sets ${key} twice`);
      out.set(key, value);
    }
  }
  return out;
}

async function alter(flags: AlterFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const target = entity(flags);
  if (target.name === null) throw new RunnelError('INVALID_CONFIG', `altering configs needs one entity: give --entity-name${target.type === 'broker' ? ' or --entity-default' : ''}`);
  const name = target.name;
  const set = parseAddConfig(flags.addConfig ?? []);
  const deletes = (flags.deleteConfig ?? []).flatMap((v) => v.split(',')).map((k) => k.trim()).filter((k) => k !== '');
  for (const k of deletes) if (set.has(k)) throw new RunnelError('INVALID_CONFIG', `config ${k} is both added and deleted`);
  if (set.size === 0 && deletes.length === 0) throw new RunnelError('INVALID_CONFIG', 'nothing to alter: give --add-config or --delete-config');
  await withAdmin(flags, (admin) =>
    admin.incrementalAlterConfigs([{
      type: target.type,
      name,
      configs: [...[...set].map(([key, value]) => ({ name: key, op: 'set' as const, value })), ...[...new Set(deletes)].map((key) => ({ name: key, op: 'delete' as const }))],
    }]),
  );
  if (format === 'json') json({ type: target.type, name, set: Object.fromEntries(set), deleted: [...new Set(deletes)] });
  else print(isBrokerDefault(target.type, name) ? 'Completed updating default config for brokers in the cluster.' : `Completed updating config for ${target.type} ${name}.`);
}

function entityOptions(command: Command): Command {
  return bootstrapOption(command.showHelpAfterError(false))
    .option('--entity-type <type>', 'topics or brokers')
    .option('--entity-name <name>', 'topic name or broker id')
    .option('--entity-default', 'with --entity-type brokers: the cluster-wide broker default')
    .option('--topic <name>', 'the same as --entity-type topics --entity-name <name>')
    .option('--broker <id>', 'the same as --entity-type brokers --entity-name <id>')
    .option('--broker-defaults', 'the same as --entity-type brokers --entity-default');
}

export function configCommand(program: Command): void {
  const config = program.command('config').description('describe and alter topic and broker configs (kafka-configs.sh)');
  config.showHelpAfterError(false);

  entityOptions(config.command('describe'))
    .description('configs set on a topic, a broker or the broker default (all topics or brokers without --entity-name); --all adds defaults and static configs')
    .option('--all', 'every config with its value and source, not only the ones set dynamically')
    .option('--output <format>', 'text or json')
    .action((flags: DescribeFlags) => describe(flags).catch((err: unknown) => fail(err)));

  entityOptions(config.command('alter'))
    .description('set and delete configs of a topic, a broker or the cluster-wide broker default; takes effect without a restart')
    .option('--add-config <k=v,...>', 'configs to set: k1=v1,k2=[v1,v2] (repeatable)', collect)
    .option('--delete-config <k,...>', 'configs to remove, back to their defaults (repeatable)', collect)
    .option('--output <format>', 'text or json')
    .action((flags: AlterFlags) => alter(flags).catch((err: unknown) => fail(err)));
}
