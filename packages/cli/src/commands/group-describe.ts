import { RunnelError, type Admin, type GroupDescription, type GroupMemberDescription } from '@runnel/client';

/** One row of `groups describe --offsets`: a partition the group committed or is assigned. */
export interface GroupOffsetRow {
  group: string;
  topic: string;
  partition: number;
  /** null where the group has no committed offset. */
  currentOffset: number | null;
  /** The high watermark; null when the topic no longer exists. */
  logEndOffset: number | null;
  /** logEndOffset - currentOffset; null when either is unknown. */
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface GroupOffsetsView {
  description: GroupDescription;
  partitions: GroupOffsetRow[];
  /** Members with no partition assigned (shown with '-' for topic and partition). */
  idleMembers: GroupMemberDescription[];
}

/** The group's description; a group the coordinator does not know is a one-line GROUP_ID_NOT_FOUND. */
export async function describeExisting(admin: Admin, groupId: string): Promise<GroupDescription> {
  const [d] = await admin.describeGroups([groupId]).catch((err: unknown) => {
    if (err instanceof RunnelError && err.errorName === 'GROUP_ID_NOT_FOUND') throw notFound(groupId);
    throw err;
  });
  if (d!.state === 'Dead') throw notFound(groupId);
  return d!;
}

function notFound(groupId: string): RunnelError {
  return new RunnelError('GROUP_ID_NOT_FOUND', `consumer group '${groupId}' does not exist (runnel groups list shows the groups)`);
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Committed offset, log end offset and lag of every partition the group has committed or has
 * assigned to a member, as kafka-consumer-groups.sh --describe --offsets shows them.
 */
export async function groupOffsets(admin: Admin, groupId: string): Promise<GroupOffsetsView> {
  const description = await describeExisting(admin, groupId);
  const committed = (await admin.listGroupOffsets(groupId)).filter((o) => o.offset >= 0);
  const owner = new Map<string, GroupMemberDescription>();
  for (const m of description.members) for (const tp of m.assignment) owner.set(key(tp.topic, tp.partition), m);

  const partitions = new Map<string, { topic: string; partition: number }>();
  for (const o of committed) partitions.set(key(o.topic, o.partition), { topic: o.topic, partition: o.partition });
  for (const m of description.members) for (const tp of m.assignment) partitions.set(key(tp.topic, tp.partition), tp);

  // Offsets of a deleted topic (or a partition beyond its count) stay listed, with no log end offset.
  const topicNames = [...new Set([...partitions.values()].map((p) => p.topic))];
  const existing = new Set(await admin.listTopics({ includeInternal: true }));
  const described = topicNames.some((t) => existing.has(t)) ? await admin.describeTopics(topicNames.filter((t) => existing.has(t))) : [];
  const counts = new Map(described.map((t) => [t.name, t.partitions.length]));
  const live = [...partitions.values()].filter((p) => p.partition < (counts.get(p.topic) ?? 0));
  const ends = live.length > 0 ? await admin.listOffsets(live.map((p) => ({ ...p, spec: 'latest' as const }))) : [];
  const endOf = new Map(ends.map((e) => [key(e.topic, e.partition), e.offset]));
  const commitOf = new Map(committed.map((o) => [key(o.topic, o.partition), o.offset]));

  const rows = [...partitions.values()]
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
    .map((p): GroupOffsetRow => {
      const k = key(p.topic, p.partition);
      const currentOffset = commitOf.get(k) ?? null;
      const logEndOffset = endOf.get(k) ?? null;
      const m = owner.get(k);
      return {
        group: groupId,
        topic: p.topic,
        partition: p.partition,
        currentOffset,
        logEndOffset,
        lag: currentOffset !== null && logEndOffset !== null ? logEndOffset - currentOffset : null,
        consumerId: m?.memberId ?? null,
        host: m?.host ?? null,
        clientId: m?.clientId ?? null,
      };
    });
  return { description, partitions: rows, idleMembers: description.members.filter((m) => m.assignment.length === 0) };
}
