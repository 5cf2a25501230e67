import type { RecordInput, RunnelError } from '@runnel/protocol';
import { ProducerBatch, type RecordMetadata } from './producer-batch.js';

/** The batches of one partition, oldest first, and its idempotence state. */
export class PartitionQueue {
  /** Waiting to be sent: retries (by sequence) first, then new batches; the last may be open. */
  readonly batches: ProducerBatch[] = [];
  /** Sent and not yet answered, in send order. */
  readonly inFlight: ProducerBatch[] = [];
  /** The sequence the next new batch of this partition gets. */
  nextSequence = 0;
  /**
   * Whether a batch of the current producer epoch has been acknowledged here. Until then one
   * batch goes at a time: a broker with no state for this producer takes any first sequence, so
   * a pipelined second batch could land ahead of a refused first one.
   */
  acknowledged = false;
  /** Highest sequence acknowledged in the current producer epoch (-1 = none). */
  lastAckedSequence = -1;
  /** Batches of this partition sent so far (each batch's first send takes the next number). */
  sent = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Whether a batch with a lower sequence than `batch` is still unresolved (sent or waiting). */
  hasEarlierUnresolved(batch: ProducerBatch): boolean {
    const seq = batch.baseSequence;
    const earlier = (b: ProducerBatch): boolean => b !== batch && b.baseSequence >= 0 && b.baseSequence < seq && !b.done;
    return this.inFlight.some(earlier) || this.batches.some(earlier);
  }
}

/**
 * Per-partition batching (Kafka's RecordAccumulator): records join the open batch of their
 * partition until it reaches batch.size; the sender drains closed or lingered batches. Retried
 * batches go back to the front of their queue in sequence order, so a partition's batches
 * always leave in the order they were created.
 */
export class Accumulator {
  readonly queues = new Map<string, PartitionQueue>();
  /** The same queues by topic and partition number: the per-record lookup builds no key string. */
  private readonly byTopic = new Map<string, PartitionQueue[]>();
  readonly incomplete = new Set<ProducerBatch>();
  private created = 0;

  constructor(private readonly batchSize: number) {}

  queue(topic: string, partition: number): PartitionQueue {
    let partitions = this.byTopic.get(topic);
    if (!partitions) {
      partitions = [];
      this.byTopic.set(topic, partitions);
    }
    let q = partitions[partition];
    if (!q) {
      q = new PartitionQueue(topic, partition);
      partitions[partition] = q;
      this.queues.set(`${topic}-${partition}`, q);
    }
    return q;
  }

  /** Whether a record of `size` would have to start a new batch in this partition. */
  needsNewBatch(topic: string, partition: number, size: number): boolean {
    const batches = this.byTopic.get(topic)?.[partition]?.batches;
    const last = batches?.[batches.length - 1];
    return !last || last.closed || !last.fits(size, this.batchSize);
  }

  /**
   * Add a record. Returns 'full' when a batch was closed by it (the sender has work), 'new' when it
   * started its partition's only waiting batch (the sender must time its linger), else 'added'.
   */
  append(
    topic: string,
    partition: number,
    record: RecordInput,
    size: number,
    reserved: number,
    pending: { resolve: (m: RecordMetadata) => void; reject: (e: RunnelError) => void },
    nowMs: number,
  ): 'full' | 'new' | 'added' {
    const q = this.queue(topic, partition);
    let batch = q.batches[q.batches.length - 1];
    let started = false;
    let closedOne = false;
    if (!batch || batch.closed || batch.baseSequence >= 0 || !batch.fits(size, this.batchSize)) {
      if (batch && !batch.closed) batch.closed = closedOne = true;
      batch = new ProducerBatch(topic, partition, nowMs, this.created++);
      q.batches.push(batch);
      this.incomplete.add(batch);
      started = q.batches.length === 1;
    }
    batch.add(record, size, reserved, pending);
    if (batch.estimatedSize >= this.batchSize) batch.closed = true;
    return batch.closed || closedOne ? 'full' : started ? 'new' : 'added';
  }

  /**
   * Put a batch back for another attempt, before every batch created after it (for an idempotent
   * producer creation order is sequence order).
   */
  requeue(q: PartitionQueue, batch: ProducerBatch): void {
    let i = 0;
    while (i < q.batches.length && q.batches[i]!.order < batch.order) i++;
    q.batches.splice(i, 0, batch);
  }

  /** Close every open batch (flush and close send them without waiting for linger.ms). */
  closeAll(): void {
    for (const q of this.queues.values()) {
      const last = q.batches.at(-1);
      if (last) last.closed = true;
    }
  }

  /** Remove and return queued (not in-flight) batches older than the delivery timeout. */
  expire(nowMs: number, deliveryTimeoutMs: number): { queue: PartitionQueue; batch: ProducerBatch }[] {
    const out: { queue: PartitionQueue; batch: ProducerBatch }[] = [];
    for (const q of this.queues.values()) {
      // Creation times grow along a queue (retries are the oldest, at the front).
      while (q.batches.length > 0 && nowMs - q.batches[0]!.createdMs >= deliveryTimeoutMs) {
        out.push({ queue: q, batch: q.batches.shift()! });
      }
    }
    return out;
  }
}
