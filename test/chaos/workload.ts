import { Consumer, Producer, RunnelError } from '@runnel/client';
import type { History } from './history.js';
import type { Random } from './random.js';

/**
 * The load a chaos run keeps up through its faults: producers sending keyed records whose values
 * name the producer and its sequence number, and a consumer group reading everything and
 * committing. Everything they attempt and see goes into the history.
 */

export interface ProducerOptions {
  bootstrap: string;
  topic: string;
  name: string;
  history: History;
  random: Random;
  /** Keys this producer writes (its own, so per-key order is one producer's order). */
  keys: number;
  /** Sends not yet settled, at most. */
  window: number;
  /** Pause between sends, to keep the load within what two shared cores carry. */
  intervalMs: number;
  acks: 'all' | 1;
}

/** One producer's send loop; `stop()` ends it once every send has settled. */
export class ChaosProducer {
  private stopping = false;
  private readonly producer: Producer;
  private readonly done: Promise<void>;

  constructor(private readonly o: ProducerOptions) {
    this.producer = new Producer({
      bootstrap: o.bootstrap,
      clientId: o.name,
      acks: o.acks,
      enableIdempotence: o.acks === 'all',
      lingerMs: 2,
      requestTimeoutMs: 5_000,
      // Long enough to ride out any single fault; a send still pending at the end is an error.
      deliveryTimeoutMs: 60_000,
      retryBackoffMs: 100,
    });
    this.done = this.run();
  }

  private async run(): Promise<void> {
    const unsettled = new Set<Promise<void>>();
    for (let seq = 0; !this.stopping; seq++) {
      while (unsettled.size >= this.o.window) await Promise.race(unsettled);
      if (this.stopping) break;
      const key = `${this.o.name}-k${this.o.random.int(this.o.keys)}`;
      const value = `${this.o.name}:${seq}`;
      this.o.history.add({ type: 'send', producer: this.o.name, seq, key, value });
      const settled = this.producer.send({ topic: this.o.topic, key, value }).then(
        (m) => void this.o.history.add({ type: 'ack', producer: this.o.name, seq, partition: m.partition, offset: m.offset }),
        (err: unknown) => void this.o.history.add({ type: 'send-error', producer: this.o.name, seq, error: describe(err) }),
      ).finally(() => unsettled.delete(settled));
      unsettled.add(settled);
      await new Promise((r) => setTimeout(r, this.o.intervalMs));
    }
    await Promise.all(unsettled);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.done;
    await this.producer.close();
  }
}

export interface ConsumerOptions {
  bootstrap: string;
  topic: string;
  groupId: string;
  name: string;
  history: History;
}

/**
 * A group member that polls, records what it got, and commits the position after it for the
 * partitions it owns; on revocation it commits first, as Kafka users do. Positions are dropped
 * once committed or when partitions go, so it never commits for a partition it no longer owns.
 */
export class ChaosConsumer {
  private stopping = false;
  private readonly consumer: Consumer;
  private readonly pending = new Map<number, number>();
  private readonly done: Promise<void>;
  errors = 0;

  constructor(private readonly o: ConsumerOptions) {
    this.consumer = new Consumer({
      bootstrap: o.bootstrap,
      clientId: o.name,
      groupId: o.groupId,
      autoOffsetReset: 'earliest',
      enableAutoCommit: false,
      sessionTimeoutMs: 6_000,
      heartbeatIntervalMs: 500,
      fetchMaxWaitMs: 100,
      requestTimeoutMs: 5_000,
    });
    this.consumer.subscribe([o.topic], {
      onPartitionsRevoked: async (tps) => {
        await this.commit();
        for (const tp of tps) this.pending.delete(tp.partition);
      },
      onPartitionsLost: (tps) => {
        for (const tp of tps) this.pending.delete(tp.partition);
      },
    });
    this.done = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const records = await this.consumer.poll(200);
        if (records.length === 0) continue;
        this.o.history.add({
          type: 'poll', consumer: this.o.name,
          records: records.map((r) => [r.partition, r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null]),
        });
        for (const r of records) this.pending.set(r.partition, Math.max(this.pending.get(r.partition) ?? 0, r.offset + 1));
        await this.commit();
      } catch {
        // Faults make polls and commits fail for a while; the member carries on, as applications do.
        this.errors++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    const offsets = [...this.pending].map(([partition, offset]) => ({ topic: this.o.topic, partition, offset }));
    await this.consumer.commitSync(offsets);
    this.o.history.add({ type: 'commit', consumer: this.o.name, offsets: Object.fromEntries(offsets.map((x) => [x.partition, x.offset])) });
    for (const x of offsets) if (this.pending.get(x.partition) === x.offset) this.pending.delete(x.partition);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.done;
    await this.consumer.close().catch(() => undefined);
  }
}

function describe(err: unknown): string {
  if (err instanceof RunnelError) return `${err.errorName}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
