import { RunnelError, SchemaReader, SchemaWriter } from '@runnel/protocol';

/**
 * Keys and values of `__consumer_offsets` records in Kafka's own schemas, so Kafka tooling (the
 * console consumer's offsets formatter, kafka-dump-log) reads what Runnel writes and Runnel reads
 * what Kafka wrote. A key starts with its version: 0 and 1 are an offset commit, 2 is group
 * metadata. A null value is a tombstone: the key's latest state is "deleted" and compaction drops it.
 */

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const OFFSET_COMMIT_VALUE_VERSION = 3;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetCommitKey {
  kind: 'offset';
  group: string;
  topic: string;
  partition: number;
}

export interface GroupMetadataKey {
  kind: 'group';
  group: string;
}

export type OffsetsKey = OffsetCommitKey | GroupMetadataKey;

export interface OffsetCommitValue {
  offset: number;
  /** -1 when unknown (values before v3 carry none). */
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Only v1 values carry one; -1 otherwise. */
  expireTimestamp: number;
}

export interface GroupMemberValue {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  /** -1 when unknown (values before v2 carry none). */
  currentStateTimestamp: number;
  members: GroupMemberValue[];
}

export function encodeOffsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return new SchemaWriter().int16(OFFSET_COMMIT_KEY_VERSION).string(group).string(topic).int32(partition).finish();
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return new SchemaWriter().int16(GROUP_METADATA_KEY_VERSION).string(group).finish();
}

export function decodeOffsetsKey(bytes: Buffer): OffsetsKey {
  const r = new SchemaReader(bytes, '__consumer_offsets key');
  const version = r.int16();
  if (version === 0 || version === 1) return { kind: 'offset', group: r.string(), topic: r.string(), partition: r.int32() };
  if (version === 2) return { kind: 'group', group: r.string() };
  throw new RunnelError('CORRUPT_MESSAGE', `__consumer_offsets key has unknown version ${version}`);
}

export function encodeOffsetCommitValue(v: Omit<OffsetCommitValue, 'expireTimestamp'>): Buffer {
  return new SchemaWriter()
    .int16(OFFSET_COMMIT_VALUE_VERSION)
    .int64(v.offset)
    .int32(v.leaderEpoch)
    .string(v.metadata)
    .int64(v.commitTimestamp)
    .finish();
}

/** Reads v0-v3 (v4+ flexible values are Kafka 3.x transactional additions Runnel does not write). */
export function decodeOffsetCommitValue(bytes: Buffer): OffsetCommitValue {
  const r = new SchemaReader(bytes, 'offset commit value');
  const version = r.int16();
  if (version < 0 || version > 3) throw new RunnelError('CORRUPT_MESSAGE', `offset commit value has unknown version ${version}`);
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = r.string();
  const commitTimestamp = r.int64();
  const expireTimestamp = version === 1 ? r.int64() : -1;
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp };
}

export function encodeGroupMetadataValue(v: GroupMetadataValue): Buffer {
  const w = new SchemaWriter()
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(v.protocolType)
    .int32(v.generation)
    .nullableString(v.protocol)
    .nullableString(v.leader)
    .int64(v.currentStateTimestamp);
  w.array(v.members, (m) => {
    w.string(m.memberId)
      .nullableString(m.groupInstanceId)
      .string(m.clientId)
      .string(m.clientHost)
      .int32(m.rebalanceTimeoutMs)
      .int32(m.sessionTimeoutMs)
      .bytes(m.subscription)
      .bytes(m.assignment);
  });
  return w.finish();
}

/** Reads v0-v3; members of v0 values take their session timeout as rebalance timeout, as Kafka does. */
export function decodeGroupMetadataValue(bytes: Buffer): GroupMetadataValue {
  const r = new SchemaReader(bytes, 'group metadata value');
  const version = r.int16();
  if (version < 0 || version > 3) throw new RunnelError('CORRUPT_MESSAGE', `group metadata value has unknown version ${version}`);
  const protocolType = r.string();
  const generation = r.int32();
  const protocol = r.nullableString();
  const leader = r.nullableString();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1;
  const members = r.array((): GroupMemberValue => {
    const memberId = r.string();
    const groupInstanceId = version >= 3 ? r.nullableString() : null;
    const clientId = r.string();
    const clientHost = r.string();
    const rebalance = version >= 1 ? r.int32() : null;
    const sessionTimeoutMs = r.int32();
    const subscription = r.bytes() ?? Buffer.alloc(0);
    const assignment = r.bytes() ?? Buffer.alloc(0);
    return { memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs: rebalance ?? sessionTimeoutMs, sessionTimeoutMs, subscription, assignment };
  });
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}

/** One record of the offsets topic as the coordinator writes it. A null value is a tombstone. */
export interface OffsetsRecord {
  key: Buffer;
  value: Buffer | null;
}

export function offsetCommitRecord(group: string, topic: string, partition: number, v: Omit<OffsetCommitValue, 'expireTimestamp'>): OffsetsRecord {
  return { key: encodeOffsetCommitKey(group, topic, partition), value: encodeOffsetCommitValue(v) };
}

export function offsetTombstone(group: string, topic: string, partition: number): OffsetsRecord {
  return { key: encodeOffsetCommitKey(group, topic, partition), value: null };
}

export function groupMetadataRecord(group: string, v: GroupMetadataValue): OffsetsRecord {
  return { key: encodeGroupMetadataKey(group), value: encodeGroupMetadataValue(v) };
}

export function groupTombstone(group: string): OffsetsRecord {
  return { key: encodeGroupMetadataKey(group), value: null };
}
