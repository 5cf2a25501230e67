import { RunnelError } from '@runnel/protocol';
import type { Partition } from './partition.js';

/** The partitions hosted on this broker, by topic and index. */
export class PartitionRegistry {
  private readonly byKey = new Map<string, Partition>();

  get(topic: string, partition: number): Partition | undefined {
    return this.byKey.get(`${topic}-${partition}`);
  }

  /** The partition, or UNKNOWN_TOPIC_OR_PARTITION naming what was asked for. */
  require(topic: string, partition: number): Partition {
    const p = this.get(topic, partition);
    if (!p) throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${partition} of topic '${topic}' is not hosted on this broker`);
    return p;
  }

  add(p: Partition): void {
    this.byKey.set(p.key, p);
  }

  remove(p: Partition): void {
    if (this.byKey.get(p.key) === p) this.byKey.delete(p.key);
  }

  all(): IterableIterator<Partition> {
    return this.byKey.values();
  }

  get size(): number {
    return this.byKey.size;
  }
}
