import { RunnelError } from '@runnel/protocol';
import { murmur2, toPositive } from './murmur2.js';

export interface PartitionerArgs {
  topic: string;
  /** Serialized key bytes, or null for a keyless record. */
  key: Buffer | null;
  value: Buffer | null;
  partitionCount: number;
  /** Partitions that currently have a leader. */
  availablePartitions: readonly number[];
}

/** A custom partitioner returns the partition for one record. */
export type Partitioner = (args: PartitionerArgs) => number;

/** Kafka's default for keyed records: murmur2 of the key bytes over every partition. */
export function keyPartition(key: Uint8Array, partitionCount: number): number {
  return toPositive(murmur2(key)) % partitionCount;
}

/**
 * Kafka's sticky partitioning for keyless records: every keyless record of a topic goes to one
 * partition until a batch for it is complete, then another partition is picked at random among
 * those with a leader. Batches fill faster and requests carry fewer, fuller batches than
 * round-robin would give.
 */
export class StickyPartitions {
  private readonly current = new Map<string, number>();

  constructor(private readonly random: () => number) {}

  partition(topic: string, partitionCount: number, available: readonly number[]): number {
    const sticky = this.current.get(topic);
    if (sticky !== undefined && sticky < partitionCount) return sticky;
    return this.pick(topic, partitionCount, available, -1);
  }

  /** The sticky partition's batch is complete: move on to another one. */
  onNewBatch(topic: string, partitionCount: number, available: readonly number[], previous: number): number {
    if (this.current.get(topic) !== previous) return this.partition(topic, partitionCount, available);
    return this.pick(topic, partitionCount, available, previous);
  }

  private pick(topic: string, partitionCount: number, available: readonly number[], avoid: number): number {
    const candidates = available.length > 0 ? available : Array.from({ length: partitionCount }, (_, i) => i);
    const others = candidates.length > 1 ? candidates.filter((p) => p !== avoid) : candidates;
    const chosen = others[Math.floor(this.random() * others.length)] ?? 0;
    this.current.set(topic, chosen);
    return chosen;
  }
}

/** Checks a partition number from a custom partitioner or the record itself. */
export function checkPartition(topic: string, partition: number, partitionCount: number, from: string): number {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitionCount) {
    throw new RunnelError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      `${from} gave partition ${partition} for topic '${topic}', which has partitions 0..${partitionCount - 1}`,
      { details: { topic, partition: String(partition) } },
    );
  }
  return partition;
}
