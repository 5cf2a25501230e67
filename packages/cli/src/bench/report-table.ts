import { formatTable } from '../commands/table.js';
import type { BenchReport, LatencyWorkload, Workload, WorkloadResult } from './bench-types.js';

/** The system the tables are about; every other target is a peer it is compared with. */
const RUNNEL = 'runnel';

const NONE = '-';

const KINDS: readonly Workload['kind'][] = ['produce', 'consume', 'latency', 'failover'];

/** Fixed locale so the text does not depend on the machine it is printed on. */
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const count = (n: number | undefined): string => (n === undefined ? NONE : whole.format(n));
const mb = (n: number | undefined): string => (n === undefined ? NONE : oneDecimal.format(n));
/** Milliseconds and seconds: two decimals under 10, one above. */
const small = (n: number | undefined): string => (n === undefined ? NONE : (Math.abs(n) < 10 ? twoDecimals : oneDecimal).format(n));
const ratio = (ours: number | undefined, theirs: number | undefined): string =>
  ours === undefined || theirs === undefined || theirs === 0 ? NONE : `${twoDecimals.format(ours / theirs)}x`;

function size(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${whole.format(bytes / 1024)} KiB` : `${whole.format(bytes)} B`;
}

const plural = (n: number, one: string): string => `${whole.format(n)} ${one}${n === 1 ? '' : 's'}`;

/** The offered rate of a latency workload, e.g. "5,000 records/s (10% of max)". */
export function rateLabel(w: LatencyWorkload): string {
  return `${whole.format(w.ratePerSec)} records/s (${whole.format(w.fraction * 100)}% of max)`;
}

/**
 * A latency row's label: its share of the maximum and the rate each target ran at, since every
 * system is offered that share of its own maximum.
 */
export function latencyRowLabel(row: WorkloadRow): string {
  const w = row.workload as LatencyWorkload;
  if (row.byTarget.size <= 1) return rateLabel(w);
  const rates = [...row.byTarget.values()].map((r) => `${r.target} ${whole.format((r.workload as LatencyWorkload).ratePerSec)}/s`);
  return `${whole.format(w.fraction * 100)}% of max (${rates.join(', ')})`;
}

function latencySettings(w: LatencyWorkload): string {
  return `${size(w.recordSize)}, RF${w.replicationFactor}, ${plural(w.partitions, 'partition')}`;
}

/** A short readable description of a workload from its settings, e.g. "100 B, RF3, acks=all, 6 partitions, none". */
export function describeWorkload(w: Workload): string {
  const common = `${size(w.recordSize)}, RF${w.replicationFactor}`;
  switch (w.kind) {
    case 'produce':
      return `${common}, acks=${w.acks}, ${plural(w.partitions, 'partition')}, ${w.compression}`;
    case 'consume':
      return `${common}, ${plural(w.partitions, 'partition')}, ${plural(w.records, 'record')}, ${w.consumers === 1 ? '1 reader' : `group of ${whole.format(w.consumers)}`}`;
    case 'latency':
      return `${rateLabel(w)}, ${latencySettings(w)}`;
    case 'failover':
      return `${w.victim === 'controller' ? 'active controller + leader' : 'partition leader'} killed, ${common}, ${plural(w.partitions, 'partition')}`;
  }
}

const isKind = <K extends Workload['kind']>(w: Workload, kind: K): w is Extract<Workload, { kind: K }> => w.kind === kind;

/** One workload and each target's result for it. */
export interface WorkloadRow<W extends Workload = Workload> {
  workload: W;
  byTarget: Map<string, WorkloadResult>;
}

/**
 * Results grouped by workload id in order of first appearance. The workload shown is Runnel's
 * copy when it has one, since the runner fills some fields (a latency rate) per run.
 */
export function workloadRows<K extends Workload['kind']>(results: readonly WorkloadResult[], kind: K): WorkloadRow<Extract<Workload, { kind: K }>>[] {
  const rows = new Map<string, WorkloadRow<Extract<Workload, { kind: K }>>>();
  for (const r of results) {
    const w = r.workload;
    if (!isKind(w, kind)) continue;
    let row = rows.get(w.id);
    if (!row) rows.set(w.id, (row = { workload: w, byTarget: new Map() }));
    if (!row.byTarget.has(r.target)) row.byTarget.set(r.target, r);
    if (r.target === RUNNEL) row.workload = w;
  }
  return [...rows.values()];
}

/** Runnel first, then the peers by name, so colours and columns do not depend on result order. */
export function targetsOf(report: BenchReport): string[] {
  const peers = [...new Set(report.results.map((r) => r.target))].filter((t) => t !== RUNNEL).sort();
  return [RUNNEL, ...peers];
}

interface KindLayout {
  title: string;
  /** The figure a peer is compared on, with its unit, and how to read the ratio. */
  key: { label: string; value: (r: WorkloadResult) => number | undefined; format: (n: number | undefined) => string; reading: string };
  /** Runnel's columns after the workload description. */
  columns: (rows: WorkloadRow[]) => { header: string; cell: (r: WorkloadResult) => string }[];
}

const LATENCY_COLUMNS = [
  { header: 'p50 ms', cell: (r: WorkloadResult) => small(r.latency?.p50) },
  { header: 'p99 ms', cell: (r: WorkloadResult) => small(r.latency?.p99) },
  { header: 'p99.9 ms', cell: (r: WorkloadResult) => small(r.latency?.p999) },
  { header: 'max ms', cell: (r: WorkloadResult) => small(r.latency?.max) },
];
const RATE_COLUMNS = [
  { header: 'records/s', cell: (r: WorkloadResult) => count(r.recordsPerSec) },
  { header: 'MB/s', cell: (r: WorkloadResult) => mb(r.mbPerSec) },
];
const SERVER_COLUMNS = [
  { header: 'server CPU s', cell: (r: WorkloadResult) => small(r.serverCpuSeconds) },
  { header: 'peak RSS MiB', cell: (r: WorkloadResult) => count(r.serverPeakRssMiB) },
];

const throughput = (title: string): KindLayout => ({
  title,
  key: { label: 'records/s', value: (r) => r.recordsPerSec, format: count, reading: 'runnel / peer records/s, above 1x: Runnel faster' },
  // Latency columns only when a target reported latency for this kind: four columns of "-" say nothing.
  columns: (rows) => [
    ...RATE_COLUMNS,
    ...(rows.some((row) => [...row.byTarget.values()].some((r) => r.latency)) ? LATENCY_COLUMNS : []),
    ...SERVER_COLUMNS,
  ],
});

const LAYOUTS: Record<Workload['kind'], KindLayout> = {
  produce: throughput('Produce throughput'),
  consume: throughput('Consume throughput'),
  latency: {
    title: 'End-to-end latency at a fixed offered rate',
    key: { label: 'p99 ms', value: (r) => r.latency?.p99, format: small, reading: 'runnel / peer p99, below 1x: Runnel lower' },
    columns: () => [...RATE_COLUMNS, ...LATENCY_COLUMNS, ...SERVER_COLUMNS],
  },
  failover: {
    title: 'Failover: SIGKILL of a node to the next acknowledged acks=all write',
    key: { label: 'failover ms', value: (r) => r.failoverMs, format: small, reading: 'runnel / peer failover ms, below 1x: Runnel faster' },
    columns: () => [{ header: 'failover ms', cell: (r) => small(r.failoverMs) }, ...SERVER_COLUMNS],
  },
};

function kindTable(kind: Workload['kind'], rows: WorkloadRow[], peers: string[]): string {
  const layout = LAYOUTS[kind];
  const columns = layout.columns(rows);
  const header = ['workload', ...columns.map((c) => c.header), ...peers.flatMap((p) => [`${p} ${layout.key.label}`, `runnel/${p}`])];
  const body = rows.map(({ workload, byTarget }) => {
    const ours = byTarget.get(RUNNEL);
    const mine = columns.map((c) => (ours ? c.cell(ours) : NONE));
    const compared = peers.flatMap((p) => {
      const theirs = byTarget.get(p);
      if (!theirs) return [NONE, NONE];
      const value = layout.key.value(theirs);
      return [layout.key.format(value), ratio(ours && layout.key.value(ours), value)];
    });
    const label = isKind(workload, 'latency') ? `${latencyRowLabel({ workload, byTarget })}, ${latencySettings(workload)}` : describeWorkload(workload);
    return [label, ...mine, ...compared];
  });
  const lines = [layout.title];
  const rateOf = new Set(rows.flatMap((r) => (isKind(r.workload, 'latency') ? [r.workload.rateOf] : [])));
  if (rateOf.size > 0) lines.push(`(offered rate: a share of each system's own measured maximum of ${[...rateOf].join(', ')})`);
  if (peers.length > 0) lines.push(`(ratio: ${layout.key.reading})`);
  return [...lines, formatTable([header, ...body], '  ')].join('\n');
}

/** The report as text for a terminal: a table per workload kind with Runnel's figures and its ratio to each peer, then what was skipped. */
export function formatReport(report: BenchReport): string {
  const { host } = report;
  const peers = targetsOf(report).slice(1);
  const sections = [
    `runnel bench (${report.mode}) started ${report.startedAt} on ${plural(host.cpus, 'CPU')}, ${oneDecimal.format(host.memoryGiB)} GiB, node ${host.node}, ${host.platform}`,
  ];
  for (const kind of KINDS) {
    const rows = workloadRows(report.results, kind);
    if (rows.length > 0) sections.push(kindTable(kind, rows, peers));
  }
  if (report.results.length === 0) sections.push('no results');
  if (report.skipped.length > 0) {
    sections.push(report.skipped.map((s) => `skipped: ${s.target}${s.workload === undefined ? '' : ` [${s.workload}]`}: ${s.reason}`).join('\n'));
  }
  return sections.join('\n\n') + '\n';
}
