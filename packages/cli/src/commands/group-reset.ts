import { RunnelError, type Admin, type GroupDescription, type TopicPartition } from '@runnel/client';
import { intFlag } from './flags.js';
import { parseTopicSpec, type TopicSpec } from './topic-spec.js';
import { describeOne } from './topic-lookup.js';
import { parseDatetime, parseDuration } from './time-spec.js';

export interface ResetFlags {
  group?: string;
  topic?: string[];
  allTopics?: boolean;
  toEarliest?: boolean;
  toLatest?: boolean;
  toDatetime?: string;
  toOffset?: string;
  shiftBy?: string;
  byDuration?: string;
  dryRun?: boolean;
  execute?: boolean;
}

/** Where the offsets go, as kafka-consumer-groups.sh --reset-offsets names it. */
export type ResetStrategy =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number }
  | { kind: 'timestamp'; timestamp: number };

/** Which partitions: named topics (all or some partitions), or every partition the group committed. */
export type ResetScope = { kind: 'topics'; topics: TopicSpec[] } | { kind: 'all-topics' };

export interface ResetRequest {
  groupId: string;
  scope: ResetScope;
  strategy: ResetStrategy;
  execute: boolean;
}

export interface PlannedOffset {
  group: string;
  topic: string;
  partition: number;
  newOffset: number;
}

/** The reset the flags ask for, or a one-line INVALID_CONFIG saying which flag to fix. */
export function parseReset(flags: ResetFlags, now: number): ResetRequest {
  const groupId = flags.group;
  if (groupId === undefined || groupId.length === 0) throw new RunnelError('INVALID_CONFIG', 'reset-offsets needs --group <id>');
  const topics = flags.topic ?? [];
  if ((topics.length > 0) === Boolean(flags.allTopics)) throw new RunnelError('INVALID_CONFIG', 'reset-offsets needs either --topic <topic[:partitions]> (repeatable) or --all-topics');

  const given = [
    flags.toEarliest && '--to-earliest', flags.toLatest && '--to-latest', flags.toDatetime !== undefined && '--to-datetime',
    flags.toOffset !== undefined && '--to-offset', flags.shiftBy !== undefined && '--shift-by', flags.byDuration !== undefined && '--by-duration',
  ].filter((f): f is string => typeof f === 'string');
  if (given.length !== 1) {
    throw new RunnelError('INVALID_CONFIG', `reset-offsets needs exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by, --by-duration${given.length > 1 ? ` (got ${given.join(', ')})` : ''}`);
  }
  if (flags.dryRun && flags.execute) throw new RunnelError('INVALID_CONFIG', '--dry-run and --execute cannot be used together');

  let strategy: ResetStrategy;
  if (flags.toEarliest) strategy = { kind: 'earliest' };
  else if (flags.toLatest) strategy = { kind: 'latest' };
  else if (flags.toOffset !== undefined) strategy = { kind: 'offset', offset: intFlag('--to-offset', flags.toOffset, 0) };
  else if (flags.shiftBy !== undefined) strategy = { kind: 'shift', by: intFlag('--shift-by', flags.shiftBy, Number.MIN_SAFE_INTEGER) };
  else if (flags.toDatetime !== undefined) strategy = { kind: 'timestamp', timestamp: parseDatetime('--to-datetime', flags.toDatetime) };
  else strategy = { kind: 'timestamp', timestamp: now - parseDuration('--by-duration', flags.byDuration!) };

  const scope: ResetScope = flags.allTopics ? { kind: 'all-topics' } : { kind: 'topics', topics: topics.map(parseTopicSpec) };
  return { groupId, scope, strategy, execute: Boolean(flags.execute) };
}

/**
 * Refuse a group with live members, as Kafka's tool does: their own commits would overwrite the
 * reset, and the coordinator refuses a simple commit for them anyway.
 */
export function requireInactive(d: GroupDescription): void {
  if (d.state === 'Empty' || d.state === 'Dead') return;
  const n = d.members.length;
  throw new RunnelError(
    'NON_EMPTY_GROUP',
    `offsets of group '${d.groupId}' can only be reset while it is inactive, but it has ${n} live ${n === 1 ? 'member' : 'members'} (state ${d.state}); stop its consumers and try again`,
  );
}

async function partitionsOf(admin: Admin, request: ResetRequest): Promise<TopicPartition[]> {
  if (request.scope.kind === 'all-topics') {
    const committed = (await admin.listGroupOffsets(request.groupId)).filter((o) => o.offset >= 0);
    if (committed.length === 0) {
      throw new RunnelError('INVALID_CONFIG', `--all-topics: group '${request.groupId}' has no committed offsets to reset; name the topics with --topic`);
    }
    return committed.map((o) => ({ topic: o.topic, partition: o.partition }));
  }
  // A partition named twice (--topic t --topic t:0) is reset once.
  const out = new Map<string, TopicPartition>();
  for (const { topic, partitions } of request.scope.topics) {
    const count = (await describeOne(admin, topic)).partitions.length;
    const missing = (partitions ?? []).filter((p) => p >= count);
    if (missing.length > 0) {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${topic}' has ${count} partitions (0-${count - 1}); there is no partition ${missing.join(', ')}`);
    }
    for (const partition of partitions ?? Array.from({ length: count }, (_, i) => i)) out.set(`${topic}-${partition}`, { topic, partition });
  }
  return [...out.values()];
}

/**
 * The new offset of every partition in scope. Offsets asked for outside a partition's
 * [earliest, latest] range are moved to the nearest end (`warn` says so), as Kafka's tool does;
 * a time after the last record resets to the log end offset.
 */
export async function planReset(admin: Admin, request: ResetRequest, warn: (text: string) => void): Promise<PlannedOffset[]> {
  const partitions = await partitionsOf(admin, request);
  const { strategy } = request;
  const earliest = await admin.listOffsets(partitions.map((tp) => ({ ...tp, spec: 'earliest' as const })));
  const latest = await admin.listOffsets(partitions.map((tp) => ({ ...tp, spec: 'latest' as const })));

  let wanted: number[];
  if (strategy.kind === 'earliest') wanted = earliest.map((o) => o.offset);
  else if (strategy.kind === 'latest') wanted = latest.map((o) => o.offset);
  else if (strategy.kind === 'offset') wanted = partitions.map(() => strategy.offset);
  else if (strategy.kind === 'timestamp') {
    const byTime = await admin.listOffsets(partitions.map((tp) => ({ ...tp, spec: { timestamp: strategy.timestamp } })));
    wanted = byTime.map((o, i) => (o.offset < 0 ? latest[i]!.offset : o.offset));
  } else {
    const committed = await admin.listGroupOffsets(request.groupId, partitions);
    const current = new Map(committed.map((o) => [`${o.topic}-${o.partition}`, o.offset]));
    wanted = partitions.map((tp) => {
      const offset = current.get(`${tp.topic}-${tp.partition}`) ?? -1;
      if (offset < 0) {
        throw new RunnelError('INVALID_CONFIG', `cannot shift the offset of ${tp.topic}-${tp.partition}: group '${request.groupId}' has no committed offset there (reset it with --to-earliest, --to-latest or --to-offset first)`);
      }
      return offset + strategy.by;
    });
  }

  return partitions.map((tp, i) => {
    const low = earliest[i]!.offset;
    const high = latest[i]!.offset;
    let newOffset = wanted[i]!;
    if (newOffset < low) {
      warn(`New offset (${newOffset}) is lower than the earliest offset of ${tp.topic}-${tp.partition}; it is set to ${low}.`);
      newOffset = low;
    } else if (newOffset > high) {
      warn(`New offset (${newOffset}) is higher than the latest offset of ${tp.topic}-${tp.partition}; it is set to ${high}.`);
      newOffset = high;
    }
    return { group: request.groupId, topic: tp.topic, partition: tp.partition, newOffset };
  });
}
