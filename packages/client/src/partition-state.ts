import type { RecordHeader, RunnelError } from '@runnel/protocol';

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** A record as poll() returns it. key, value and header values share the fetched bytes. */
export interface ConsumerRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  /** The partition leader epoch of the record's batch; -1 when unknown. */
  leaderEpoch: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** Approximate memory a buffered record holds. */
export function recordBytes(r: ConsumerRecord): number {
  let n = 32 + (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const h of r.headers) n += h.key.length + (h.value?.length ?? 0);
  return n;
}

/**
 * One assigned partition: the consumer's position (the next offset poll returns), where the
 * fetcher reads next, and the records fetched but not yet returned. `generation` changes on every
 * seek, so an answer to a fetch made before the seek is recognised and dropped.
 */
export class PartitionState {
  position: number | null = null;
  /** Leader epoch of the record before the position (committed with it); -1 when unknown. */
  positionEpoch = -1;
  /** Newly assigned to a group member: the position waits for the group's committed offset. */
  awaitingCommitted = false;
  /** A seekToBeginning/End or auto.offset.reset waiting to be resolved with ListOffsets. */
  reset: 'earliest' | 'latest' | null = null;
  resetting = false;
  fetchOffset = 0;
  readonly buffer: ConsumerRecord[] = [];
  bufferStart = 0;
  bufferedBytes = 0;
  paused = false;
  /** Correlation id of the fetch carrying this partition, or 0. */
  inFlight = 0;
  generation = 0;
  retryAtMs = 0;
  highWatermark = -1;
  /** Raised by the next poll(). */
  error: RunnelError | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get buffered(): number {
    return this.buffer.length - this.bufferStart;
  }

  /** Move to `offset`, dropping buffered records and invalidating fetches in flight. */
  seek(offset: number, leaderEpoch = -1): void {
    this.position = offset;
    this.positionEpoch = leaderEpoch;
    this.awaitingCommitted = false;
    this.fetchOffset = offset;
    this.reset = null;
    this.clear();
  }

  clear(): void {
    this.buffer.length = 0;
    this.bufferStart = 0;
    this.bufferedBytes = 0;
    this.generation++;
    this.inFlight = 0;
  }

  /** Take up to `max` buffered records, advancing the position past them. */
  take(max: number, out: ConsumerRecord[]): void {
    while (out.length < max && this.bufferStart < this.buffer.length) {
      const r = this.buffer[this.bufferStart++]!;
      this.bufferedBytes -= recordBytes(r);
      if (this.position !== null && r.offset < this.position) continue;
      out.push(r);
      this.position = r.offset + 1;
      this.positionEpoch = r.leaderEpoch;
    }
    if (this.bufferStart === this.buffer.length) {
      this.buffer.length = 0;
      this.bufferStart = 0;
      this.bufferedBytes = 0;
    }
  }
}
