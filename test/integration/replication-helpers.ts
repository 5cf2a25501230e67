import { Admin, RunnelError, type ConsumerRecord, type Producer, type ProducerRecord } from '@runnel/client';
import type { TestCluster } from '../harness/cluster.js';
import { readToHighWatermark } from '../harness/read-log.js';

/**
 * Shared steps of the replication and failover tests: topics with a fixed replica order (so the
 * tests know who leads and who takes over), producing a stream through a fault, and reading a
 * partition back in full.
 */

/**
 * Create a topic whose partitions all have replicas `replicas` in that order (the first leads, and
 * a failover picks the next in-sync one), with min.insync.replicas=2 unless told otherwise, and wait until every live
 * node sees each partition led by the first replica with the full ISR.
 */
export async function createReplicatedTopic(cluster: TestCluster, topic: string, opts: { partitions?: number; replicas?: number[]; minInsyncReplicas?: number } = {}): Promise<void> {
  const replicas = opts.replicas ?? [1, 2, 3];
  const admin = new Admin({ bootstrap: cluster.bootstrap, requestTimeoutMs: 15_000 });
  try {
    await admin.createTopics([{
      name: topic,
      replicaAssignment: Array.from({ length: opts.partitions ?? 1 }, () => replicas),
      configs: { 'min.insync.replicas': String(opts.minInsyncReplicas ?? 2) },
    }]);
  } finally {
    await admin.close();
  }
  const full = [...replicas].sort((a, b) => a - b);
  for (let p = 0; p < (opts.partitions ?? 1); p++) {
    await cluster.waitForPartition(topic, p, `led by ${replicas[0]} with ISR ${full}`, (v) => v.leader === replicas[0] && sameIds(v.isr, full));
  }
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && [...a].sort((x, y) => x - y).every((x, i) => x === [...b].sort((p, q) => p - q)[i]);
}

export interface SendOutcome {
  index: number;
  record: ProducerRecord;
  /** The acknowledged offset (-1 when the broker recognised a resend but no longer knew where it went). */
  offset?: number;
  error?: RunnelError;
}

/**
 * Send `count` records built by `make`, keeping at most `window` unsettled at a time (so a fault
 * stalls the stream instead of queueing everything up front), and call `at(i)` before record i is
 * sent, for injecting faults mid-stream. Resolves once every send has settled.
 */
export async function sendStream(
  producer: Producer,
  count: number,
  make: (i: number) => ProducerRecord,
  opts: { window?: number; at?: (i: number, acked: number) => Promise<void> | void } = {},
): Promise<SendOutcome[]> {
  const window = opts.window ?? 40;
  const outcomes: SendOutcome[] = [];
  const unsettled = new Set<Promise<void>>();
  let acked = 0;
  for (let i = 0; i < count; i++) {
    await opts.at?.(i, acked);
    while (unsettled.size >= window) await Promise.race(unsettled);
    const record = make(i);
    const outcome: SendOutcome = { index: i, record };
    outcomes.push(outcome);
    const settled = producer.send(record).then(
      (m) => {
        outcome.offset = m.offset;
        acked++;
      },
      (err: unknown) => {
        outcome.error = err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err));
      },
    ).finally(() => unsettled.delete(settled));
    unsettled.add(settled);
  }
  await Promise.all(unsettled);
  return outcomes;
}

/**
 * Every record of a partition from offset 0 up to its high watermark, read through the client
 * from whichever broker leads it. Fails if the offsets read are not dense.
 */
export async function readPartition(bootstrap: string, topic: string, partition: number, timeoutMs = 20_000): Promise<ConsumerRecord[]> {
  const out: ConsumerRecord[] = [];
  await readToHighWatermark(bootstrap, topic, partition, (r) => {
    if (r.offset !== out.length) throw new Error(`${topic}-${partition}: read offset ${r.offset} where ${out.length} was next`);
    out.push(r);
  }, timeoutMs);
  return out;
}

/** Offsets at which each value occurs in `records`. */
export function offsetsByValue(records: ConsumerRecord[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of records) {
    const v = r.value!.toString();
    out.set(v, [...(out.get(v) ?? []), r.offset]);
  }
  return out;
}

/** Values that occur more than once. */
export function duplicates(records: ConsumerRecord[]): string[] {
  return [...offsetsByValue(records)].filter(([, offsets]) => offsets.length > 1).map(([v]) => v);
}

/**
 * Acknowledged records that are not in the log exactly once at the offset they were
 * acknowledged with (any offset, for a resend the broker answered without one).
 */
export function misplacedAcks(outcomes: SendOutcome[], records: ConsumerRecord[]): string[] {
  const at = offsetsByValue(records);
  const bad: string[] = [];
  for (const o of outcomes) {
    if (o.offset === undefined) continue;
    const v = String(o.record.value);
    const found = at.get(v) ?? [];
    if (found.length !== 1 || (o.offset >= 0 && found[0] !== o.offset)) bad.push(`${v} acknowledged at ${o.offset}, found at [${found.join(',')}]`);
  }
  return bad;
}

export function describeErrors(outcomes: SendOutcome[]): string[] {
  return outcomes.filter((o) => o.error).map((o) => `#${o.index}: ${o.error!.errorName}: ${o.error!.message}`);
}
