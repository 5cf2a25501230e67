import { SchemaReader, SchemaWriter } from './schema-buffer.js';

/**
 * Kafka's consumer protocol: the bytes a consumer puts in JoinGroup metadata (its subscription)
 * and the group leader puts in SyncGroup (each member's assignment), ConsumerProtocolSubscription
 * and ConsumerProtocolAssignment in Kafka's schemas. The coordinator stores them unread; admin
 * tools and the coordinator's describe and offset-delete paths read them.
 */

/** protocol_type a consumer group declares in JoinGroup. */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** Newest versions written: v3 subscriptions carry owned partitions, generation and rack. */
export const CONSUMER_SUBSCRIPTION_VERSION = 3;
export const CONSUMER_ASSIGNMENT_VERSION = 3;

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface ConsumerSubscription {
  topics: string[];
  userData: Buffer | null;
  /** Partitions the member owns now (v1+): what cooperative assignors keep in place. */
  ownedPartitions: TopicPartitions[];
  /** Generation the owned partitions belong to (v2+); -1 when unknown. */
  generationId: number;
  /** client.rack (v3+); null when unset. */
  rackId: string | null;
}

export interface ConsumerAssignment {
  partitions: TopicPartitions[];
  userData: Buffer | null;
}

function writeTopicPartitions(w: SchemaWriter, list: readonly TopicPartitions[]): void {
  w.array(list, (tp) => {
    w.string(tp.topic);
    w.array(tp.partitions, (p) => w.int32(p));
  });
}

function readTopicPartitions(r: SchemaReader): TopicPartitions[] {
  return r.array(() => ({ topic: r.string(), partitions: r.array(() => r.int32()) }));
}

export function encodeSubscription(s: Partial<ConsumerSubscription> & { topics: string[] }, version = CONSUMER_SUBSCRIPTION_VERSION): Buffer {
  const w = new SchemaWriter().int16(version);
  w.array(s.topics, (t) => w.string(t));
  w.bytes(s.userData ?? null);
  if (version >= 1) writeTopicPartitions(w, s.ownedPartitions ?? []);
  if (version >= 2) w.int32(s.generationId ?? -1);
  if (version >= 3) w.nullableString(s.rackId ?? null);
  return w.finish();
}

/**
 * Reads any version; fields a newer version adds at the end are ignored, as Kafka does, and
 * fields missing at the end take their defaults (KafkaJS labels v0 bytes as version 1).
 */
export function decodeSubscription(bytes: Buffer): ConsumerSubscription {
  const r = new SchemaReader(bytes, 'consumer protocol subscription');
  const version = r.int16();
  const topics = r.array(() => r.string());
  const userData = r.bytes();
  const ownedPartitions = version >= 1 && r.remaining > 0 ? readTopicPartitions(r) : [];
  const generationId = version >= 2 && r.remaining > 0 ? r.int32() : -1;
  const rackId = version >= 3 && r.remaining > 0 ? r.nullableString() : null;
  return { topics, userData, ownedPartitions, generationId, rackId };
}

export function encodeAssignment(a: ConsumerAssignment, version = CONSUMER_ASSIGNMENT_VERSION): Buffer {
  const w = new SchemaWriter().int16(version);
  writeTopicPartitions(w, a.partitions);
  w.bytes(a.userData);
  return w.finish();
}

/** An empty buffer is an empty assignment (what a member gets when it was given nothing). */
export function decodeAssignment(bytes: Buffer): ConsumerAssignment {
  if (bytes.length === 0) return { partitions: [], userData: null };
  const r = new SchemaReader(bytes, 'consumer protocol assignment');
  r.int16();
  return { partitions: readTopicPartitions(r), userData: r.bytes() };
}
