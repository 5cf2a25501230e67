import type { Command } from 'commander';
import { RunnelError, type Admin, type GroupDescription, type GroupState } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption } from './bootstrap.js';
import { collect, outputFormat } from './flags.js';
import { describeExisting, groupOffsets, type GroupOffsetsView } from './group-describe.js';
import { parseReset, planReset, requireInactive, type ResetFlags } from './group-reset.js';
import { json, note, print } from './print.js';
import { parseTopicSpec } from './topic-spec.js';
import { formatTable } from './table.js';
import { withAdmin } from './with-admin.js';

interface CommonFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  output?: string;
}

interface ListFlags extends CommonFlags {
  state?: string;
}

interface DescribeFlags extends CommonFlags {
  group?: string[];
  allGroups?: boolean;
  members?: boolean;
  offsets?: boolean;
  state?: boolean;
  verbose?: boolean;
}

interface DeleteFlags extends CommonFlags {
  group?: string[];
}

const STATES: GroupState[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];

/** --state a,b: Kafka's state names, any case. */
function parseStates(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => {
    const state = STATES.find((known) => known.toLowerCase() === s.toLowerCase());
    if (!state) throw new RunnelError('INVALID_CONFIG', `--state: unknown group state '${s}' (known: ${STATES.join(', ')})`);
    return state;
  });
}

const dash = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '-' : String(v));

async function list(flags: ListFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const states = flags.state === undefined ? undefined : parseStates(flags.state);
  const groups = await withAdmin(flags, (admin) => admin.listGroups({ states }));
  if (format === 'json') json(groups);
  else if (groups.length > 0) print(formatTable([['GROUP', 'STATE', 'PROTOCOL-TYPE'], ...groups.map((g) => [g.groupId, g.state, dash(g.protocolType)])]));
}

function offsetsTable(view: GroupOffsetsView): string {
  const rows = [['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']];
  for (const r of view.partitions) {
    rows.push([r.group, r.topic, String(r.partition), dash(r.currentOffset), dash(r.logEndOffset), dash(r.lag), dash(r.consumerId), dash(r.host), dash(r.clientId)]);
  }
  for (const m of view.idleMembers) rows.push([view.description.groupId, '-', '-', '-', '-', '-', m.memberId, dash(m.host), dash(m.clientId)]);
  return formatTable(rows);
}

function membersTable(d: GroupDescription, verbose: boolean): string {
  const head = ['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', ...(verbose ? ['ASSIGNMENT'] : [])];
  const rows = d.members.map((m) => {
    const byTopic = new Map<string, number[]>();
    for (const tp of m.assignment) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
    const assignment = [...byTopic].map(([t, ps]) => `${t}(${ps.sort((a, b) => a - b).join(',')})`).join(',');
    return [d.groupId, m.memberId, dash(m.host), dash(m.clientId), String(m.assignment.length), ...(verbose ? [dash(assignment)] : [])];
  });
  return formatTable([head, ...rows]);
}

function stateTable(d: GroupDescription): string {
  const c = d.coordinator;
  return formatTable([
    ['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'],
    [d.groupId, `${c.host}:${c.port} (${c.nodeId})`, dash(d.assignor), d.state, String(d.members.length)],
  ]);
}

/** What Kafka's tool says before a group's table when the group is not simply running. */
function stateRemark(d: GroupDescription): string | null {
  if (d.state === 'Empty') return `Consumer group '${d.groupId}' has no active members.`;
  if (d.state === 'PreparingRebalance' || d.state === 'CompletingRebalance') return `Warning: consumer group '${d.groupId}' is rebalancing.`;
  return null;
}

type DescribeMode = 'offsets' | 'members' | 'state';

/** One group as --output json gives it, and as its table. */
async function describeGroup(admin: Admin, groupId: string, mode: DescribeMode, verbose: boolean): Promise<{ data: unknown; text: string }> {
  if (mode === 'offsets') {
    const view = await groupOffsets(admin, groupId);
    return {
      data: { group: groupId, state: view.description.state, partitions: view.partitions, idleMembers: view.idleMembers },
      text: withRemark(view.description, offsetsTable(view)),
    };
  }
  const d = await describeExisting(admin, groupId);
  return { data: d, text: mode === 'members' ? withRemark(d, membersTable(d, verbose)) : stateTable(d) };
}

async function describe(flags: DescribeFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const modes = [flags.members && '--members', flags.offsets && '--offsets', flags.state && '--state'].filter((m): m is string => typeof m === 'string');
  if (modes.length > 1) throw new RunnelError('INVALID_CONFIG', `describe shows one of --members, --offsets or --state, got ${modes.join(' and ')}`);
  if (flags.verbose && !flags.members) throw new RunnelError('INVALID_CONFIG', '--verbose goes with --members (it adds each member\'s assignment)');
  const mode: DescribeMode = flags.members ? 'members' : flags.state ? 'state' : 'offsets';
  const named = flags.group ?? [];
  if ((named.length > 0) === Boolean(flags.allGroups)) throw new RunnelError('INVALID_CONFIG', 'describe needs --group <id> (repeatable) or --all-groups');

  const described = await withAdmin(flags, async (admin) => {
    const ids = flags.allGroups ? (await admin.listGroups()).map((g) => g.groupId) : [...new Set(named)];
    const out: { data: unknown; text: string }[] = [];
    for (const groupId of ids) {
      try {
        out.push(await describeGroup(admin, groupId, mode, Boolean(flags.verbose)));
      } catch (err) {
        // A listed group deleted meanwhile is no longer there to describe.
        if (flags.allGroups && err instanceof RunnelError && err.errorName === 'GROUP_ID_NOT_FOUND') continue;
        throw err;
      }
    }
    return out;
  });
  if (format === 'json') json(described.map((d) => d.data));
  else if (described.length > 0) print(described.map((d) => d.text).join('\n\n'));
}

function withRemark(d: GroupDescription, table: string): string {
  const remark = stateRemark(d);
  if (remark) note(remark);
  return table;
}

async function resetOffsets(flags: ResetFlags & CommonFlags): Promise<void> {
  const format = outputFormat(flags.output, 'table');
  const request = parseReset(flags, Date.now());
  await withAdmin(flags, async (admin) => {
    requireInactive(await admin.describeGroups([request.groupId]).then(([d]) => d!));
    const plan = await planReset(admin, request, note);
    if (request.execute) {
      // A consumer joining after the check above is caught by the coordinator, which refuses a simple commit to a group with members.
      await admin.alterGroupOffsets(request.groupId, plan.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.newOffset })));
    }
    if (format === 'json') json(plan);
    else if (plan.length > 0) print(formatTable([['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], ...plan.map((p) => [p.group, p.topic, String(p.partition), String(p.newOffset)])]));
    if (!request.execute) note('Dry run: no offsets were changed (add --execute to apply this plan).');
  });
}

async function remove(flags: DeleteFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const groups = [...new Set(flags.group ?? [])];
  if (groups.length === 0) throw new RunnelError('INVALID_CONFIG', 'delete needs --group <id> (repeatable)');
  await withAdmin(flags, async (admin: Admin) => {
    let failed: string[] = [];
    let error: RunnelError | null = null;
    try {
      await admin.deleteGroups(groups);
    } catch (err) {
      if (!(err instanceof RunnelError) || !err.details['failed']) throw err;
      failed = err.details['failed'].split(',');
      error = err;
    }
    const deleted = groups.filter((g) => !failed.includes(g));
    if (format === 'json') json({ deleted, failed });
    else for (const g of deleted) print(`Deleted consumer group '${g}'.`);
    if (error) throw error;
  });
}

interface DeleteOffsetsFlags extends CommonFlags {
  group?: string;
  topic?: string[];
}

/** Delete a group's committed offsets of some topics (whole topics: every partition it committed). */
async function deleteOffsets(flags: DeleteOffsetsFlags): Promise<void> {
  const format = outputFormat(flags.output, 'text');
  const groupId = flags.group;
  if (groupId === undefined || groupId.length === 0) throw new RunnelError('INVALID_CONFIG', 'delete-offsets needs --group <id>');
  const specs = (flags.topic ?? []).map(parseTopicSpec);
  if (specs.length === 0) throw new RunnelError('INVALID_CONFIG', 'delete-offsets needs --topic <topic[:partitions]> (repeatable)');
  await withAdmin(flags, async (admin) => {
    await describeExisting(admin, groupId);
    // Whole topics are the partitions the group committed, so offsets of a deleted topic can go too.
    const committed = (await admin.listGroupOffsets(groupId)).filter((o) => o.offset >= 0);
    const partitions = specs.flatMap((s) => s.partitions?.map((partition) => ({ topic: s.topic, partition })) ?? committed.filter((o) => o.topic === s.topic).map((o) => ({ topic: o.topic, partition: o.partition })));
    const unknown = specs.filter((s) => s.partitions === null && !committed.some((o) => o.topic === s.topic)).map((s) => s.topic);
    if (unknown.length > 0) throw new RunnelError('INVALID_CONFIG', `group '${groupId}' has no committed offsets for ${unknown.join(', ')}; nothing was deleted`);
    let failed: string[] = [];
    let error: RunnelError | null = null;
    try {
      await admin.deleteGroupOffsets(groupId, partitions);
    } catch (err) {
      if (!(err instanceof RunnelError) || !err.details['failed']) throw err;
      failed = err.details['failed'].split(',');
      error = err;
    }
    const deleted = partitions.filter((p) => !failed.includes(`${p.topic}-${p.partition}`));
    if (format === 'json') json({ group: groupId, deleted, failed });
    else if (deleted.length > 0) print(formatTable([['GROUP', 'TOPIC', 'PARTITION', 'STATUS'], ...deleted.map((p) => [groupId, p.topic, String(p.partition), 'Deleted'])]));
    if (error) throw error;
  });
}

function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return (...args: A) => fn(...args).catch((err: unknown) => fail(err));
}

export function groupsCommand(program: Command): void {
  const groups = program.command('groups').description('list, describe, reset offsets of and delete consumer groups and their offsets (kafka-consumer-groups.sh)');
  groups.showHelpAfterError(false);

  bootstrapOption(groups.command('list').showHelpAfterError(false))
    .description('groups of every broker, with state and protocol type')
    .option('--state <states>', `only groups in these states, comma-separated (${STATES.join(', ')})`)
    .option('--output <format>', 'table or json')
    .action(action((flags: ListFlags) => list(flags)));

  bootstrapOption(groups.command('describe').showHelpAfterError(false))
    .description('committed offsets and lag (default), members, or state of groups')
    .option('--group <id>', 'the group to describe (repeatable)', collect)
    .option('--all-groups', 'describe every group')
    .option('--offsets', 'per partition: committed offset, log end offset, lag and owning member (default)')
    .option('--members', 'per member: id, host, client id and number of partitions')
    .option('--verbose', 'with --members: also each member\'s assigned partitions')
    .option('--state', 'coordinator, assignment strategy, state and member count')
    .option('--output <format>', 'table or json')
    .action(action((flags: DescribeFlags) => describe(flags)));

  bootstrapOption(groups.command('reset-offsets').showHelpAfterError(false))
    .description('plan (default, --dry-run) or apply (--execute) new committed offsets for an inactive group')
    .option('--group <id>', 'the group whose offsets to reset')
    .option('--topic <topic[:partitions]>', 'a topic, or some of its partitions (orders:0,2) (repeatable)', collect)
    .option('--all-topics', 'every partition the group has committed offsets for')
    .option('--to-earliest', 'to the earliest offset of each partition')
    .option('--to-latest', 'to the log end offset (high watermark) of each partition')
    .option('--to-datetime <YYYY-MM-DDTHH:mm:SS.sss>', 'to the first offset with a timestamp at or after this time (local time unless a zone is given)')
    .option('--to-offset <n>', 'to this offset (moved into each partition\'s earliest..latest range)')
    .option('--shift-by <n>', 'move the committed offset by n (negative goes back)')
    .option('--by-duration <PnDTnHnMnS>', 'to the first offset with a timestamp at or after now minus this duration')
    .option('--dry-run', 'only print the plan (the default)')
    .option('--execute', 'apply the plan')
    .option('--output <format>', 'table or json')
    .action(action((flags: ResetFlags & CommonFlags) => resetOffsets(flags)));

  bootstrapOption(groups.command('delete-offsets').showHelpAfterError(false))
    .description('delete committed offsets of a group for some topics (not of topics its live members subscribe to)')
    .option('--group <id>', 'the group')
    .option('--topic <topic[:partitions]>', 'a topic, or some of its partitions (orders:0,2) (repeatable)', collect)
    .option('--output <format>', 'text or json')
    .action(action((flags: DeleteOffsetsFlags) => deleteOffsets(flags)));

  bootstrapOption(groups.command('delete').showHelpAfterError(false))
    .description('delete groups with no live members, and their committed offsets')
    .option('--group <id>', 'a group to delete (repeatable)', collect)
    .option('--output <format>', 'text or json')
    .action(action((flags: DeleteFlags) => remove(flags)));
}
