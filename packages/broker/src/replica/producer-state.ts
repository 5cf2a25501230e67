import {
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  RunnelError,
  lastSequence,
  type BatchHeader,
} from '@runnel/protocol';

/**
 * Idempotent-producer state of one partition, as Kafka's ProducerStateManager keeps it: for each
 * producer id, its epoch and the sequence ranges of its last five batches with the offsets they
 * were written at. A retried batch is recognised and answered with its original offsets; a gap
 * or a stale epoch is refused. Leaders and followers both apply every appended batch, so a
 * follower that becomes leader already has the state; a restarted broker rebuilds it from the
 * batch headers of its log.
 */
export const MAX_CACHED_BATCHES = 5;

export interface CachedBatch {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
  timestamp: number;
}

interface ProducerEntry {
  epoch: number;
  /** Oldest first, at most MAX_CACHED_BATCHES. */
  batches: CachedBatch[];
  lastTimestamp: number;
}

export type SequenceCheck =
  | { kind: 'append' }
  /** The same batch was written before: answer with where it went, write nothing. */
  | { kind: 'duplicate'; batch: CachedBatch };

export function isIdempotent(header: BatchHeader): boolean {
  return header.producerId !== NO_PRODUCER_ID;
}

function nextSequence(seq: number): number {
  return seq === 0x7fffffff ? 0 : seq + 1;
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerEntry>();

  /** Decide what to do with a batch before it is appended (leader side). Throws when refused. */
  check(header: BatchHeader): SequenceCheck {
    if (!isIdempotent(header)) return { kind: 'append' };
    if (header.producerEpoch === NO_PRODUCER_EPOCH || header.baseSequence < 0) {
      throw new RunnelError('INVALID_RECORD', `batch from producer ${header.producerId} has no producer epoch or sequence`);
    }
    const entry = this.producers.get(header.producerId);
    if (!entry) return { kind: 'append' };
    if (header.producerEpoch < entry.epoch) {
      throw new RunnelError(
        'INVALID_PRODUCER_EPOCH',
        `producer ${header.producerId} wrote with epoch ${header.producerEpoch}, but epoch ${entry.epoch} is current: a newer instance of this producer exists`,
      );
    }
    if (header.producerEpoch > entry.epoch) {
      if (header.baseSequence !== 0) {
        throw new RunnelError(
          'OUT_OF_ORDER_SEQUENCE_NUMBER',
          `producer ${header.producerId} started epoch ${header.producerEpoch} at sequence ${header.baseSequence}; a new epoch starts at 0`,
        );
      }
      return { kind: 'append' };
    }
    const last = lastSequence(header);
    const duplicate = entry.batches.find((b) => b.firstSeq === header.baseSequence && b.lastSeq === last);
    if (duplicate) return { kind: 'duplicate', batch: duplicate };
    const latest = entry.batches[entry.batches.length - 1];
    if (latest && header.baseSequence !== nextSequence(latest.lastSeq)) {
      throw new RunnelError(
        'OUT_OF_ORDER_SEQUENCE_NUMBER',
        `producer ${header.producerId} epoch ${header.producerEpoch} sent sequence ${header.baseSequence}, expected ${nextSequence(latest.lastSeq)}`,
      );
    }
    return { kind: 'append' };
  }

  /** Record a batch that was appended at `baseOffset` (leaders, followers and log recovery). */
  update(header: BatchHeader, baseOffset: number): void {
    if (!isIdempotent(header)) return;
    let entry = this.producers.get(header.producerId);
    if (!entry || header.producerEpoch > entry.epoch) {
      entry = { epoch: header.producerEpoch, batches: [], lastTimestamp: header.maxTimestamp };
      this.producers.set(header.producerId, entry);
    } else if (header.producerEpoch < entry.epoch) {
      return;
    }
    entry.batches.push({
      firstSeq: header.baseSequence,
      lastSeq: lastSequence(header),
      firstOffset: baseOffset,
      lastOffset: baseOffset + header.lastOffsetDelta,
      timestamp: header.maxTimestamp,
    });
    if (entry.batches.length > MAX_CACHED_BATCHES) entry.batches.shift();
    entry.lastTimestamp = Math.max(entry.lastTimestamp, header.maxTimestamp);
  }

  /**
   * Forget what a truncation removed: batches at or above `offset`. A producer whose every cached
   * batch went is forgotten, so its next batch is accepted as it would be on a fresh log.
   */
  truncateTo(offset: number): void {
    for (const [id, entry] of this.producers) {
      entry.batches = entry.batches.filter((b) => b.lastOffset < offset);
      if (entry.batches.length === 0) this.producers.delete(id);
    }
  }

  /** Drop producers idle since before `now - expirationMs` (producer.id.expiration.ms). */
  removeExpired(now: number, expirationMs: number): void {
    for (const [id, entry] of this.producers) {
      if (now - entry.lastTimestamp > expirationMs) this.producers.delete(id);
    }
  }

  clear(): void {
    this.producers.clear();
  }

  get size(): number {
    return this.producers.size;
  }
}
