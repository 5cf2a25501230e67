import type * as grpc from '@grpc/grpc-js';
import {
  RunnelError,
  callUnary,
  encodeRecordBatch,
  errorName,
  fromServiceError,
  type ErrorName,
  type pb,
} from '@runnel/protocol';
import type { Accumulator, PartitionQueue } from './accumulator.js';
import type { BufferPool } from './buffer-pool.js';
import type { Cluster } from './cluster.js';
import type { ProducerBatch } from './producer-batch.js';
import { Wakeup } from './wakeup.js';
import type { ResolvedProducerConfig } from './producer-config.js';

/** Errors after which the partition's leader may have moved: refresh metadata before retrying. */
const REFRESH_ON: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NETWORK_EXCEPTION',
  'REQUEST_TIMED_OUT',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
]);

/** Errors that leave open whether the batch was written (so it may only be resent as is). */
const OUTCOME_UNKNOWN: ReadonlySet<ErrorName> = new Set<ErrorName>([
  'NETWORK_EXCEPTION',
  'REQUEST_TIMED_OUT',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'KAFKA_STORAGE_ERROR',
  'UNKNOWN_SERVER_ERROR',
]);

interface InFlightRequest {
  batches: ProducerBatch[];
  timer: NodeJS.Timeout;
}

/** One broker's Produce stream and the requests awaiting answers on it. */
class Connection {
  stream: grpc.ClientDuplexStream<pb.ProduceRequest, pb.ProduceResponse__Output> | null = null;
  readonly inFlight = new Map<number, InFlightRequest>();
  /** Requests given a slot whose bytes are still being encoded. */
  preparing = 0;
  /** Writes leave in slot order even when encodings finish out of order. */
  writes: Promise<void> = Promise.resolve();

  constructor(readonly nodeId: number) {}

  get used(): number {
    return this.inFlight.size + this.preparing;
  }
}

/**
 * The producer's I/O side (Kafka's Sender): drains ready batches, one per partition per request,
 * into one Produce request per leader broker over a long-lived stream, with at most
 * max.in.flight requests unanswered per broker; matches answers by correlation id; retries,
 * re-routes and expires batches; and keeps the idempotent producer's id, epoch and sequences.
 *
 * Ordering and exactly-once: a batch keeps its sequence and bytes across retries, so the broker
 * answers a resend of something already written with its original offsets. A batch coming back
 * for a retry goes to the front of its partition queue in sequence order and is resent alone
 * (nothing else of the partition in flight), so every later batch of the partition — which the
 * broker refuses as out of order meanwhile — follows it in order. When a sequenced batch fails for
 * good, its partition's sequence has a gap: sending stops until nothing is in flight, the epoch
 * is bumped, and sequences restart at 0; batches known not to be written are restamped, and
 * batches whose last attempt may have been written fail rather than risk a duplicate.
 */
export class Sender {
  private readonly connections = new Map<number, Connection>();
  private producerId = -1;
  private producerEpoch = -1;
  private initializing = false;
  private bumpPending = false;
  private correlationId = 1;
  private readonly wake = new Wakeup(() => this.run());
  /** Flushes in progress: batches are sent without waiting for linger.ms. */
  flushing = 0;
  private stopped = false;

  constructor(
    private readonly config: ResolvedProducerConfig,
    private readonly cluster: Cluster,
    private readonly accumulator: Accumulator,
    private readonly pool: BufferPool,
  ) {}

  /** Run the send loop soon (coalesced). */
  wakeup(): void {
    this.wake.soon();
  }

  private inFlightTotal(): number {
    let n = 0;
    for (const c of this.connections.values()) n += c.used;
    return n;
  }

  private run(): void {
    const now = Date.now();
    const cfg = this.config;
    for (const { queue, batch } of this.accumulator.expire(now, cfg.deliveryTimeoutMs)) {
      const reason = batch.lastError ? `; last error: ${batch.lastError.errorName}: ${batch.lastError.message}` : '';
      this.failBatch(queue, batch, new RunnelError('REQUEST_TIMED_OUT', `expiring ${batch.recordCount} record(s) for ${batch.key}: ${now - batch.createdMs} ms has passed since batch creation (deliveryTimeoutMs ${cfg.deliveryTimeoutMs})${reason}`, { details: { reason: 'delivery-timeout' } }));
    }
    let nextWake = Infinity;
    for (const q of this.accumulator.queues.values()) {
      const head = q.batches[0];
      if (head) nextWake = Math.min(nextWake, head.createdMs + cfg.deliveryTimeoutMs);
    }
    // While an epoch bump waits, only batches whose last attempt may have been written are
    // (re)sent, under the old epoch, until the broker says which way each went.
    let onlyUnknown = false;
    if (cfg.idempotence) {
      if (this.producerId < 0) {
        if (!this.initializing) void this.initProducerId();
        this.wake.at(nextWake);
        return;
      }
      if (this.bumpPending) {
        onlyUnknown = this.settleKnownGaps();
        if (!onlyUnknown) {
          if (!this.initializing && this.inFlightTotal() === 0) void this.initProducerId();
          this.wake.at(nextWake);
          return;
        }
      }
    }
    let needMetadata = false;
    // With send() waiting for memory, lingering would only hold the memory it waits for.
    const hurry = this.flushing > 0 || this.pool.exhausted;
    // Rounds: each sends at most one batch per partition per broker, until nothing is ready or
    // every broker with ready batches is at max.in.flight. As in Kafka, once one batch for a
    // broker is ready, the other partitions' batches for it go along in the same request even if
    // they have not lingered their full time.
    for (;;) {
      const byNode = new Map<number, { q: PartitionQueue; b: ProducerBatch }[]>();
      const readyNodes = new Set<number>();
      for (const q of this.accumulator.queues.values()) {
        const b = q.batches[0];
        if (!b) continue;
        const lingerEnd = b.createdMs + cfg.lingerMs;
        const ready = b.closed || q.batches.length > 1 || hurry || now >= lingerEnd;
        if (!ready) nextWake = Math.min(nextWake, lingerEnd);
        if (onlyUnknown && !(b.baseSequence >= 0 && b.outcomeUnknown)) continue;
        if (b.retryAtMs > now) {
          nextWake = Math.min(nextWake, b.retryAtMs);
          continue;
        }
        // A retried batch goes alone, and nothing follows it until it is answered: the partition's
        // later batches come after it in order, and the broker's window of the last five batches
        // per producer (what it recognises a resend by) still holds it when it arrives.
        if (b.attempts > 0 && q.inFlight.length > 0) continue;
        // Answers come back in any order, so max.in.flight is kept as a window: nothing is sent
        // more than max.in.flight batches past the oldest unanswered one. A resend of that one
        // then still falls within the five batches the broker remembers per producer.
        if (q.inFlight.length > 0) {
          let oldest = Infinity;
          for (const x of q.inFlight) oldest = Math.min(oldest, x.sendIndex);
          if ((b.sendIndex >= 0 ? b.sendIndex : q.sent) - oldest >= cfg.maxInFlight) continue;
          if (q.inFlight.some((x) => x.attempts > 1)) continue;
        }
        if (cfg.idempotence && !q.acknowledged && q.inFlight.length > 0) continue;
        const leader = this.cluster.leaderOf(q.topic, q.partition);
        if (leader < 0) {
          needMetadata = true;
          continue;
        }
        const c = this.connection(leader);
        if (c.used >= cfg.maxInFlight) continue;
        let list = byNode.get(leader);
        if (!list) byNode.set(leader, (list = []));
        list.push({ q, b });
        if (ready) readyNodes.add(leader);
      }
      for (const nodeId of byNode.keys()) if (!readyNodes.has(nodeId)) byNode.delete(nodeId);
      if (byNode.size === 0) break;
      for (const [nodeId, entries] of byNode) {
        const batches: ProducerBatch[] = [];
        let size = 0;
        for (const { q, b } of entries) {
          const estimate = b.bytes?.length ?? b.estimatedSize;
          if (batches.length > 0 && size + estimate > cfg.maxRequestSize) break;
          size += estimate;
          q.batches.shift();
          this.stamp(q, b);
          q.inFlight.push(b);
          batches.push(b);
        }
        this.dispatch(this.connection(nodeId), batches);
      }
    }
    if (needMetadata) this.refreshThenWake();
    this.wake.at(nextWake);
  }

  /**
   * Before a bump: in each partition, a batch the broker refused means no later batch of it can
   * have been written either (sequences are accepted only in order), so only unknown outcomes
   * ahead of the first refused batch remain open. Returns whether any remain.
   */
  private settleKnownGaps(): boolean {
    let open = false;
    for (const q of this.accumulator.queues.values()) {
      let refused = false;
      for (const b of q.batches) {
        if (b.baseSequence < 0) continue;
        if (!b.outcomeUnknown) refused = true;
        else if (refused) b.outcomeUnknown = false;
        else open = true;
      }
    }
    return open;
  }

  /** Close the batch and give it its producer id, epoch and sequence on its first send. */
  private stamp(q: PartitionQueue, b: ProducerBatch): void {
    b.closed = true;
    b.attempts++;
    if (b.sendIndex < 0) b.sendIndex = q.sent++;
    if (this.config.idempotence && b.baseSequence < 0) {
      b.producerId = this.producerId;
      b.producerEpoch = this.producerEpoch;
      b.baseSequence = q.nextSequence;
      q.nextSequence = (q.nextSequence + b.recordCount) % 0x80000000;
      b.bytes = null;
    }
  }

  private encode(b: ProducerBatch): Promise<Buffer> {
    if (b.bytes) return Promise.resolve(b.bytes);
    return encodeRecordBatch(b.records, {
      compression: this.config.compression,
      producerId: b.producerId,
      producerEpoch: b.producerEpoch,
      baseSequence: b.baseSequence,
      baseTimestamp: b.records[0]!.timestamp!,
    }).then((bytes) => (b.bytes = bytes));
  }

  private dispatch(c: Connection, batches: ProducerBatch[]): void {
    c.preparing++;
    const encoded = Promise.allSettled(batches.map((b) => this.encode(b)));
    c.writes = c.writes.then(async () => {
      const results = await encoded;
      c.preparing--;
      const ready: ProducerBatch[] = [];
      results.forEach((r, i) => {
        const b = batches[i]!;
        if (r.status === 'fulfilled') ready.push(b);
        else this.onAnswer(b, 'UNKNOWN_SERVER_ERROR', `could not encode the batch: ${String(r.reason)}`, -1, -1, false);
      });
      if (ready.length === 0 || this.stopped) {
        for (const b of ready) this.onAnswer(b, 'NETWORK_EXCEPTION', 'the producer closed before the batch was sent', -1, -1, false);
        this.wakeup();
        return;
      }
      try {
        this.write(c, ready);
      } catch (err) {
        // The leader left the metadata between drain and write: retry after a refresh.
        for (const b of ready) this.onAnswer(b, 'NETWORK_EXCEPTION', `could not reach broker ${c.nodeId}: ${String(err)}`, -1, -1, false);
      }
    });
  }

  private write(c: Connection, batches: ProducerBatch[]): void {
    const id = this.correlationId++;
    const topics = new Map<string, pb.PartitionProduceData[]>();
    for (const b of batches) {
      let list = topics.get(b.topic);
      if (!list) topics.set(b.topic, (list = []));
      list.push({ partition: b.partition, records: b.bytes! });
    }
    const request: pb.ProduceRequest = {
      correlationId: id,
      acks: this.config.acks,
      timeoutMs: this.config.requestTimeoutMs,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    };
    const stream = this.streamOf(c);
    if (this.config.acks === 0) {
      stream.write(request);
      // Nothing comes back with acks=0: written to the stream is as far as anyone will know.
      for (const b of batches) this.onAnswer(b, 'NONE', '', -1, -1, false);
      this.wakeup();
      return;
    }
    // The broker answers REQUEST_TIMED_OUT itself at timeoutMs; the slack lets that answer arrive
    // instead of tearing down the stream (and everything else in flight on it).
    const waitMs = this.config.requestTimeoutMs + Math.min(1_000, Math.ceil(this.config.requestTimeoutMs / 10));
    const timer = setTimeout(() => {
      if (!c.inFlight.has(id)) return;
      this.resetConnection(c, 'REQUEST_TIMED_OUT', `no answer to produce request ${id} from broker ${c.nodeId} within ${waitMs} ms (requestTimeoutMs)`);
    }, waitMs);
    c.inFlight.set(id, { batches, timer });
    stream.write(request);
  }

  private streamOf(c: Connection): grpc.ClientDuplexStream<pb.ProduceRequest, pb.ProduceResponse__Output> {
    if (c.stream) return c.stream;
    const stream = this.cluster.brokerClient(c.nodeId).produce();
    c.stream = stream;
    stream.on('data', (response: pb.ProduceResponse__Output) => {
      if (c.stream === stream) this.onResponse(c, response);
    });
    stream.on('error', (err: unknown) => {
      if (c.stream !== stream) return;
      const e = fromServiceError(err);
      this.resetConnection(c, 'NETWORK_EXCEPTION', `produce stream to broker ${c.nodeId} failed: ${e.errorName}: ${e.message}`);
    });
    stream.on('end', () => {
      if (c.stream === stream) this.resetConnection(c, 'NETWORK_EXCEPTION', `broker ${c.nodeId} closed the produce stream`);
    });
    return stream;
  }

  /** The stream is gone (or hung): every unanswered request fails with an unknown outcome. */
  private resetConnection(c: Connection, error: ErrorName, message: string): void {
    const stream = c.stream;
    c.stream = null;
    if (stream) stream.cancel();
    const requests = [...c.inFlight.entries()].sort((a, b) => a[0] - b[0]);
    c.inFlight.clear();
    if (requests.length > 0) this.config.logger.warn({ broker: c.nodeId, requests: requests.length, error }, message);
    for (const [, r] of requests) {
      clearTimeout(r.timer);
      for (const b of r.batches) this.onAnswer(b, error, message, -1, -1, true);
    }
    this.wakeup();
  }

  private onResponse(c: Connection, response: pb.ProduceResponse__Output): void {
    const request = c.inFlight.get(response.correlationId);
    if (!request) return;
    c.inFlight.delete(response.correlationId);
    clearTimeout(request.timer);
    const answers = new Map<string, pb.PartitionProduceResponse__Output>();
    for (const t of response.topics) for (const p of t.partitions) answers.set(`${t.name}-${p.partition}`, p);
    for (const b of request.batches) {
      const a = answers.get(b.key);
      if (!a) this.onAnswer(b, 'UNKNOWN_SERVER_ERROR', `broker ${c.nodeId} did not answer for ${b.key}`, -1, -1, true);
      else this.onAnswer(b, errorName(a.errorCode), a.errorMessage, a.baseOffset, a.logAppendTimeMs, false);
    }
    this.wakeup();
  }

  private onAnswer(b: ProducerBatch, error: ErrorName, message: string, baseOffset: number, logAppendTimeMs: number, transport: boolean): void {
    const q = this.accumulator.queue(b.topic, b.partition);
    const i = q.inFlight.indexOf(b);
    if (i >= 0) q.inFlight.splice(i, 1);
    if (b.done) return;
    if (error === 'NONE') {
      if (b.producerEpoch === this.producerEpoch && b.producerId === this.producerId) {
        q.acknowledged = true;
        q.lastAckedSequence = Math.max(q.lastAckedSequence, b.baseSequence + b.recordCount - 1);
      }
      return this.complete(b, () => b.succeed(baseOffset, logAppendTimeMs));
    }
    // The broker already has this batch and no longer knows where: it is written, once.
    if (error === 'DUPLICATE_SEQUENCE_NUMBER') return this.complete(b, () => b.succeed(-1, -1));
    const err = new RunnelError(error, message || `${error} from the broker for ${b.key}`, { details: { topic: b.topic, partition: String(b.partition) } });
    const now = Date.now();
    let retriable = err.retriable;
    if (
      error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
      b.producerEpoch === this.producerEpoch &&
      b.producerId === this.producerId &&
      b.baseSequence >= 0 &&
      b.baseSequence < q.lastAckedSequence
    ) {
      // A later sequence of this epoch was acknowledged, which the broker only allows after this
      // one: it is written, but has left the broker's memory of recent batches, so its offset is
      // unknown. Resending it under a new epoch would write it twice.
      this.config.logger.warn({ topic: b.topic, partition: b.partition, sequence: b.baseSequence }, 'batch written but its offset is no longer known');
      return this.complete(b, () => b.succeed(-1, -1));
    }
    if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && this.config.idempotence) {
      // Refused, so not written: an earlier batch is being retried, or the gap is about to be
      // closed by an epoch bump; either way this one follows in order.
      retriable = this.bumpPending || q.hasEarlierUnresolved(b);
      b.outcomeUnknown = false;
    } else if (OUTCOME_UNKNOWN.has(error) || transport) {
      if (!b.outcomeUnknown) b.unknownBecause = err;
      b.outcomeUnknown = true;
    }
    const expired = now - b.createdMs >= this.config.deliveryTimeoutMs;
    if (retriable && b.attempts <= this.config.retries && !expired && !this.stopped) {
      b.lastError = err;
      b.retryAtMs = now + this.config.retryBackoffMs;
      this.accumulator.requeue(q, b);
      this.config.logger.debug({ topic: b.topic, partition: b.partition, attempt: b.attempts, error, sequence: b.baseSequence }, 'retrying batch');
      if (REFRESH_ON.has(error)) this.refreshThenWake();
      this.wake.at(b.retryAtMs);
      return;
    }
    const final = retriable && expired
      ? new RunnelError('REQUEST_TIMED_OUT', `expiring ${b.recordCount} record(s) for ${b.key}: ${now - b.createdMs} ms has passed since batch creation (deliveryTimeoutMs); last error ${error}: ${message}`, { details: { reason: 'delivery-timeout' } })
      : retriable && b.attempts > this.config.retries
        ? new RunnelError(error, `${message} (gave up after ${b.attempts} attempts, retries = ${this.config.retries})`)
        : err;
    this.failBatch(q, b, final);
  }

  private failBatch(q: PartitionQueue, b: ProducerBatch, err: RunnelError): void {
    if (this.config.idempotence && b.baseSequence >= 0) {
      // The sequence this batch held is now a hole the broker will never see filled.
      this.bumpPending = true;
      this.config.logger.warn({ topic: q.topic, partition: q.partition, sequence: b.baseSequence, error: err.errorName }, 'sequenced batch failed; bumping the producer epoch');
    }
    this.complete(b, () => b.fail(err));
  }

  private complete(b: ProducerBatch, settle: () => void): void {
    settle();
    this.accumulator.incomplete.delete(b);
    this.pool.release(b.reserved);
  }

  private refreshThenWake(): void {
    this.cluster.refresh().then(
      () => this.wakeup(),
      (err: unknown) => {
        this.config.logger.warn({ err: String(err) }, 'metadata refresh failed');
        this.wake.at(Date.now() + this.config.retryBackoffMs);
      },
    );
  }

  /** Get a producer id, or a new epoch after a sequence gap (KIP-360's epoch bump). */
  private async initProducerId(): Promise<void> {
    this.initializing = true;
    try {
      const request: pb.InitProducerIdRequest = { transactionalId: '', transactionTimeoutMs: 0, producerId: this.producerId, producerEpoch: this.producerEpoch };
      const r = await this.cluster.anyBroker((client) =>
        callUnary(client.initProducerId.bind(client), request, { timeoutMs: this.config.requestTimeoutMs }),
      );
      const error = errorName(r.errorCode);
      if (error !== 'NONE') throw new RunnelError(error, r.errorMessage);
      const bump = this.bumpPending;
      this.producerId = r.producerId;
      this.producerEpoch = r.producerEpoch;
      if (bump) this.resetSequences();
      this.bumpPending = false;
      this.config.logger.info({ producerId: r.producerId, producerEpoch: r.producerEpoch, bump }, 'producer id initialised');
      this.wakeup();
    } catch (err) {
      const e = fromServiceError(err);
      if (e.errorName === 'SASL_AUTHENTICATION_FAILED' || e.errorName === 'CLUSTER_AUTHORIZATION_FAILED') {
        // Not something a retry fixes: the records waiting for a producer id fail now, not at delivery.timeout.ms.
        this.config.logger.error({ err: e.toString() }, 'InitProducerId refused');
        this.failUnsent(e);
      } else {
        this.config.logger.warn({ err: String(err) }, 'InitProducerId failed; retrying');
      }
      this.wake.at(Date.now() + this.config.retryBackoffMs);
    } finally {
      this.initializing = false;
    }
  }

  /** New epoch: every partition restarts at sequence 0. Nothing is in flight now. */
  private resetSequences(): void {
    for (const q of this.accumulator.queues.values()) {
      q.nextSequence = 0;
      q.acknowledged = false;
      q.lastAckedSequence = -1;
      for (const b of [...q.batches]) {
        if (b.baseSequence < 0) continue;
        if (b.outcomeUnknown) {
          // Only reachable when this batch expired or ran out of retries mid-resolution.
          q.batches.splice(q.batches.indexOf(b), 1);
          const why = b.unknownBecause;
          this.complete(b, () => b.fail(new RunnelError(why?.errorName ?? 'NETWORK_EXCEPTION', `${b.recordCount} record(s) for ${b.key} may or may not have been written (${why?.message ?? 'no answer'}); not resent under a new producer epoch, which could duplicate them`)));
        } else {
          b.baseSequence = -1;
          b.bytes = null;
        }
      }
    }
  }

  /** Batches not yet sent (and so holding no sequence) fail with `err`. */
  private failUnsent(err: RunnelError): void {
    for (const q of this.accumulator.queues.values()) {
      for (const b of q.batches.splice(0)) this.complete(b, () => b.fail(err));
    }
  }

  /** Stop for good: unsent and unanswered batches fail. */
  stop(err: RunnelError): void {
    this.stopped = true;
    this.wake.stop();
    for (const c of this.connections.values()) {
      for (const r of c.inFlight.values()) clearTimeout(r.timer);
      c.inFlight.clear();
      c.stream?.end();
      c.stream = null;
    }
    for (const q of this.accumulator.queues.values()) {
      for (const b of [...q.inFlight, ...q.batches.splice(0)]) this.complete(b, () => b.fail(err));
      q.inFlight.length = 0;
    }
  }

  private connection(nodeId: number): Connection {
    let c = this.connections.get(nodeId);
    if (!c) {
      c = new Connection(nodeId);
      this.connections.set(nodeId, c);
    }
    return c;
  }
}
