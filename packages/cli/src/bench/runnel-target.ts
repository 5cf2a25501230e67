import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Admin, Consumer, Producer, type ConsumerRecord, type ProducerConfig, type TopicPartition } from '@runnel/client';
import type { LocalCluster } from '../node/local-cluster.js';
import type { BenchTarget, ConsumeWorkload, FailoverWorkload, LatencyWorkload, Measured, ProduceWorkload, ProgressFn, Workload } from './bench-types.js';
import { sendAtFixedRate } from './fixed-rate.js';
import { LatencyRecorder } from './latency-recorder.js';
import { payloadPool } from './payloads.js';

/** The most records sent and not yet acknowledged; buffer.memory bounds the bytes, this the promises. */
const MAX_OUTSTANDING = 200_000;

export type RunnelTargetOptions = ({ bootstrap: string; cluster?: undefined } | { cluster: LocalCluster; bootstrap?: undefined }) & {
  /** How long to wait for the cluster to come up, for a killed node's partitions to move and for it to come back. */
  timeoutMs?: number;
};

const yieldToIo = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runnel through its own SDK: the producer, the consumer (alone and in a group) and the admin client. */
export class RunnelTarget implements BenchTarget {
  readonly name = 'runnel';
  private admin: Admin | null = null;
  private topicSeq = 0;
  private readonly runId = Date.now().toString(36);

  private readonly bootstrap: string;

  /** Against an existing cluster, or a local cluster this target starts and stops. */
  constructor(private readonly options: RunnelTargetOptions) {
    this.bootstrap = options.cluster ? options.cluster.bootstrap : options.bootstrap;
  }

  unsupported(w: Workload): string | null {
    if (w.kind === 'failover' && !this.options.cluster) return 'needs a cluster the bench started itself (not --bootstrap)';
    return null;
  }

  async start(): Promise<void> {
    const { cluster } = this.options;
    if (cluster) {
      await cluster.start();
      const timeoutMs = this.options.timeoutMs ?? 60_000;
      if (!(await cluster.waitReady(timeoutMs))) throw new Error(`the local cluster did not come up within ${timeoutMs} ms; see its server.log files`);
    }
    this.admin = new Admin({ bootstrap: this.bootstrap });
    await this.admin.describeCluster();
  }

  serverPids(): number[] {
    return this.options.cluster?.pids() ?? [];
  }

  async stop(): Promise<void> {
    await this.admin?.close();
    this.admin = null;
    await this.options.cluster?.stop();
  }

  async run(w: Workload, progress: ProgressFn): Promise<Measured> {
    const topic = await this.createTopic(w);
    try {
      switch (w.kind) {
        case 'produce':
          return await this.produce(w, topic, progress);
        case 'consume':
          return await this.consume(w, topic, progress);
        case 'latency':
          return await this.latency(w, topic, progress);
        case 'failover':
          return await this.failover(w, topic, progress);
      }
    } finally {
      await this.requireAdmin().deleteTopics([topic]);
    }
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('the runnel target is not started');
    return this.admin;
  }

  private async createTopic(w: Workload): Promise<string> {
    const name = `bench-${this.runId}-${++this.topicSeq}-${w.id}`;
    const configs = { 'min.insync.replicas': String(Math.min(2, w.replicationFactor)) };
    await this.requireAdmin().createTopics([{ name, numPartitions: w.partitions, replicationFactor: w.replicationFactor, configs }]);
    return name;
  }

  /**
   * Producers use OpenMessaging Benchmark's Kafka driver settings (batch.size 1 MiB, linger.ms
   * 1), the client's defaults otherwise; `extra` sets what the workload varies.
   */
  private producer(extra: Partial<ProducerConfig>): Producer {
    return new Producer({ bootstrap: this.bootstrap, batchSize: 1_048_576, lingerMs: 1, ...extra });
  }

  /**
   * Send `values` in turn (keyless, so the sticky partitioner batches) as fast as the producer takes it,
   * until `until()` says stop or `limit` records are sent; `onAck` hears each acknowledgement
   * with its send time.
   */
  private async sendFlat(producer: Producer, topic: string, values: Buffer[], stop: { until?: () => boolean; limit?: number }, onAck: (sentAt: number) => void): Promise<number> {
    const limit = stop.limit ?? Infinity;
    let outstanding = 0;
    let sent = 0;
    let failure: unknown = null;
    let drained: (() => void) | null = null;
    while (sent < limit && !stop.until?.() && failure === null) {
      for (let i = 0; i < 1_000 && sent < limit && outstanding < MAX_OUTSTANDING; i++) {
        const sentAt = performance.now();
        outstanding++;
        sent++;
        producer.send({ topic, value: values[sent % values.length]! }).then(
          () => {
            outstanding--;
            onAck(sentAt);
            if (drained && outstanding < MAX_OUTSTANDING / 2) drained();
          },
          (err: unknown) => {
            outstanding--;
            failure ??= err;
            drained?.();
          },
        );
      }
      if (outstanding >= MAX_OUTSTANDING) {
        await new Promise<void>((r) => (drained = r));
        drained = null;
      } else {
        await yieldToIo();
      }
    }
    await producer.flush();
    if (failure !== null) throw failure;
    return sent;
  }

  private async produce(w: ProduceWorkload, topic: string, progress: ProgressFn): Promise<Measured> {
    const producer = this.producer({ acks: w.acks === 'all' ? 'all' : 1, compressionType: w.compression });
    const values = payloadPool(w.recordSize);
    const latency = new LatencyRecorder();
    const begin = performance.now();
    const measureFrom = begin + w.warmupMs;
    const end = measureFrom + w.durationMs;
    let records = 0;
    let lastAck = measureFrom;
    const ticker = setInterval(() => progress(Math.max(0, Math.min(w.durationMs, performance.now() - measureFrom)), w.durationMs), 250);
    try {
      await this.sendFlat(producer, topic, values, { until: () => performance.now() >= end }, (sentAt) => {
        // Counted: records sent inside the window; the acknowledgement may land just after it.
        if (sentAt < measureFrom || sentAt >= end) return;
        records++;
        const now = performance.now();
        lastAck = Math.max(lastAck, now);
        latency.record(sentAt, now);
      });
    } finally {
      clearInterval(ticker);
      await producer.close();
    }
    progress(w.durationMs, w.durationMs);
    const elapsedMs = Math.max(w.durationMs, lastAck - measureFrom);
    return { records, bytes: records * w.recordSize, elapsedMs, latency: latency.summary() };
  }

  /** The topic's partitions once every one has a leader (a new topic's metadata takes a moment to reach every broker). */
  private async leaders(topic: string, timeoutMs: number): Promise<{ partition: number; leader: number }[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      try {
        const [description] = await this.requireAdmin().describeTopics([topic]);
        if (description!.partitions.every((p) => p.leader >= 0)) return description!.partitions;
      } catch (err) {
        if (performance.now() > deadline) throw err;
      }
      if (performance.now() > deadline) throw new Error(`${topic} has partitions without a leader after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private partitions(topic: string, count: number): TopicPartition[] {
    return Array.from({ length: count }, (_, partition) => ({ topic, partition }));
  }

  private async fillBacklog(topic: string, w: ConsumeWorkload, progress: ProgressFn): Promise<void> {
    const producer = this.producer({ acks: 'all' });
    const values = payloadPool(w.recordSize);
    let acked = 0;
    try {
      await this.sendFlat(producer, topic, values, { limit: w.records }, () => {
        if (++acked % 10_000 === 0) progress(acked, w.records);
      });
    } finally {
      await producer.close();
    }
  }

  private async consume(w: ConsumeWorkload, topic: string, progress: ProgressFn): Promise<Measured> {
    await this.fillBacklog(topic, w, progress);
    const groupId = w.consumers > 1 ? `${topic}-group` : undefined;
    const consumers = Array.from({ length: w.consumers }, () => new Consumer({ bootstrap: this.bootstrap, groupId, autoOffsetReset: 'earliest', enableAutoCommit: false }));
    // Offsets read per partition: a partition handed over in a rebalance is read again from the
    // start by its new owner (nothing is committed), and only the first reading counts.
    const next = new Array<number>(w.partitions).fill(0);
    let read = 0;
    let bytes = 0;
    let first = 0;
    let last = 0;
    try {
      if (groupId) for (const c of consumers) c.subscribe([topic]);
      else consumers[0]!.assign(this.partitions(topic, w.partitions));
      progress(0, w.records);
      const start = performance.now();
      await Promise.all(
        consumers.map(async (c) => {
          while (read < w.records) {
            const batch = await c.poll(500);
            if (batch.length === 0) continue;
            // A group's clock starts at its first record, so the join is not counted as reading.
            if (first === 0) first = groupId ? performance.now() : start;
            for (const r of batch) {
              if (r.offset < next[r.partition]!) continue;
              next[r.partition] = r.offset + 1;
              read++;
              bytes += r.value?.length ?? 0;
            }
            last = performance.now();
            progress(Math.min(read, w.records), w.records);
          }
        }),
      );
    } finally {
      await Promise.all(consumers.map((c) => c.close()));
    }
    return { records: read, bytes, elapsedMs: last - first };
  }

  private async latency(w: LatencyWorkload, topic: string, progress: ProgressFn): Promise<Measured> {
    const consumer = new Consumer({ bootstrap: this.bootstrap, autoOffsetReset: 'latest', fetchMaxWaitMs: 100 });
    const producer = this.producer({ acks: 'all' });
    const latency = new LatencyRecorder();
    const tps = this.partitions(topic, w.partitions);
    consumer.assign(tps);
    await Promise.all(tps.map((tp) => consumer.position(tp)));
    let sent = 0;
    let received = 0;
    let failure: unknown = null;
    let done = false;
    const reader = (async () => {
      while (!done) {
        const batch: ConsumerRecord[] = await consumer.poll(100);
        const now = performance.now();
        for (const r of batch) {
          // The value starts with the record's intended send time on this process's clock.
          latency.record(r.value!.readDoubleLE(0), now);
          received++;
        }
      }
    })();
    const template = randomBytes(w.recordSize);
    try {
      sent = await sendAtFixedRate({
        start: performance.now(),
        ratePerSec: w.ratePerSec,
        total: Math.ceil((w.durationMs * w.ratePerSec) / 1000),
        send: (_i, intendedAt) => {
          const value = Buffer.from(template);
          value.writeDoubleLE(intendedAt, 0);
          producer.send({ topic, value }).catch((err: unknown) => (failure ??= err));
        },
        progress,
        stopped: () => failure !== null,
      });
      await producer.flush();
      const deadline = performance.now() + (this.options.timeoutMs ?? 30_000);
      while (received < sent && failure === null && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (received < sent && failure === null) failure = new Error(`only ${received} of ${sent} records reached the consumer`);
    } finally {
      done = true;
      await reader;
      await producer.close();
      await consumer.close();
    }
    if (failure !== null) throw failure;
    return { records: received, bytes: received * w.recordSize, elapsedMs: w.durationMs, latency: latency.summary() };
  }

  private async failover(w: FailoverWorkload, topic: string, progress: ProgressFn): Promise<Measured> {
    const cluster = this.options.cluster!;
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const producer = this.producer({ acks: 'all', lingerMs: 0, deliveryTimeoutMs: timeoutMs, requestTimeoutMs: Math.min(30_000, timeoutMs) });
    const value = randomBytes(w.recordSize);
    let killedAt = Infinity;
    let recoveredAt = Infinity;
    let acked = 0;
    let failure: unknown = null;
    let stop = false;
    const admin = this.requireAdmin();
    const { controllerId } = await admin.describeCluster();
    const led = (await this.leaders(topic, timeoutMs)).filter((p) => p.leader >= 0 && (w.victim === 'controller') === (p.leader === controllerId));
    if (led.length === 0) throw new Error(`no partition of ${topic} is led by ${w.victim === 'controller' ? 'the active controller' : 'a node other than the active controller'} (${controllerId})`);
    const { partition, leader } = led[0]!;
    const writer = (async () => {
      while (!stop && failure === null) {
        const sentAt = performance.now();
        producer.send({ topic, value, partition }).then(
          () => {
            acked++;
            const now = performance.now();
            if (sentAt > killedAt && now < recoveredAt) recoveredAt = now;
          },
          (err: unknown) => (failure ??= err),
        );
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    let killed: number | undefined;
    try {
      await producer.send({ topic, value, partition });
      killed = leader;
      progress(0, 2);
      killedAt = performance.now();
      cluster.signal(killed, 'SIGKILL');
      while (recoveredAt === Infinity && failure === null && performance.now() - killedAt < timeoutMs) await new Promise((r) => setTimeout(r, 10));
      progress(1, 2);
    } finally {
      stop = true;
      await writer;
      await producer.close();
      if (killed !== undefined) {
        await cluster.waitExit(killed);
        await cluster.startNode(killed);
        if (!(await cluster.waitReady(timeoutMs))) throw new Error(`node ${killed} did not come back within ${timeoutMs} ms`);
      }
      progress(2, 2);
    }
    if (failure !== null) throw failure;
    if (recoveredAt === Infinity) throw new Error(`no write was acknowledged within ${timeoutMs} ms of killing node ${killed}`);
    return { records: acked, bytes: acked * w.recordSize, elapsedMs: recoveredAt - killedAt, failoverMs: recoveredAt - killedAt };
  }
}
