import type { Acks, Compression, ConsumeWorkload, FailoverWorkload, LatencyWorkload, ProduceWorkload, Workload } from './bench-types.js';

export type BenchMode = 'quick' | 'full';

const sizeName = (bytes: number): string => (bytes >= 1024 ? `${bytes / 1024}k` : `${bytes}b`);

function produce(recordSize: number, replicationFactor: number, acks: Acks, partitions: number, compression: Compression, mode: BenchMode): ProduceWorkload {
  return {
    kind: 'produce',
    id: `produce-${sizeName(recordSize)}-rf${replicationFactor}-acks${acks}-p${partitions}-${compression}`,
    recordSize,
    replicationFactor,
    acks,
    partitions,
    compression,
    warmupMs: mode === 'quick' ? 500 : 3_000,
    durationMs: mode === 'quick' ? 1_500 : 15_000,
  };
}

/** The headline produce workload, whose maximum the latency rates are fractions of. */
export const HEADLINE = 'produce-100b-rf3-acksall-p6-none';

/**
 * The workloads of a run. Produce varies one setting at a time from the headline (100-byte
 * records, three replicas, acks=all, six partitions, no compression) rather than the whole
 * cross product, which would take an hour of a full run for little more insight.
 */
export function workloads(mode: BenchMode): Workload[] {
  const quick = mode === 'quick';
  const list: Workload[] = [produce(100, 3, 'all', 6, 'none', mode)];
  if (!quick) {
    list.push(
      produce(100, 3, 'all', 1, 'none', mode),
      produce(100, 3, '1', 6, 'none', mode),
      produce(100, 1, '1', 6, 'none', mode),
      produce(100, 3, 'all', 6, 'lz4', mode),
    );
  }
  list.push(produce(1024, 3, 'all', 6, 'none', mode));
  if (!quick) list.push(produce(1024, 3, '1', 6, 'none', mode), produce(1024, 1, '1', 6, 'none', mode), produce(1024, 3, 'all', 6, 'zstd', mode));

  const backlog = quick ? 50_000 : 1_000_000;
  for (const consumers of [1, 3]) {
    const w: ConsumeWorkload = { kind: 'consume', id: `consume-100b-x${consumers}`, recordSize: 100, records: backlog, partitions: 6, replicationFactor: 3, consumers };
    list.push(w);
  }
  for (const fraction of [0.1, 0.5, 0.8]) {
    const w: LatencyWorkload = {
      kind: 'latency',
      id: `latency-100b-${Math.round(fraction * 100)}pct`,
      recordSize: 100,
      partitions: 6,
      replicationFactor: 3,
      fraction,
      rateOf: HEADLINE,
      ratePerSec: 0,
      durationMs: quick ? 2_000 : 15_000,
    };
    list.push(w);
  }
  for (const victim of ['leader', 'controller'] as const) {
    const failover: FailoverWorkload = { kind: 'failover', id: `failover-${victim}-sigkill`, victim, recordSize: 100, partitions: 6, replicationFactor: 3 };
    list.push(failover);
  }
  return list;
}
