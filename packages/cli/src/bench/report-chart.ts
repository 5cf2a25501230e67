import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { BenchReport, LatencySummary } from './bench-types.js';
import { describeWorkload, latencyRowLabel, targetsOf, workloadRows } from './report-table.js';

type Chart = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

const WIDTH = 560;
/** Height of one target's bar; a workload's band is this times the number of targets. */
const BAR = 14;
const PERCENTILES = [
  { name: 'p50', of: (l: LatencySummary) => l.p50 },
  { name: 'p99', of: (l: LatencySummary) => l.p99 },
  { name: 'p99.9', of: (l: LatencySummary) => l.p999 },
];

/** Records/s of every produce and consume workload, one bar per target. */
function throughputChart(report: BenchReport, targets: string[]): Chart | null {
  const rows = [...workloadRows(report.results, 'produce'), ...workloadRows(report.results, 'consume')];
  if (rows.length === 0) return null;
  const labels = rows.map((row) => `${row.workload.kind}: ${describeWorkload(row.workload)}`);
  const values = rows.flatMap((row, i) => [...row.byTarget.values()].map((r) => ({ workload: labels[i], target: r.target, recordsPerSec: r.recordsPerSec })));
  return {
    title: { text: 'Throughput', subtitle: 'records/s, higher is better', anchor: 'start' },
    data: { values },
    width: WIDTH,
    height: { step: BAR, for: 'offset' },
    encoding: {
      y: { field: 'workload', type: 'nominal', sort: labels, title: null },
      yOffset: { field: 'target', sort: targets },
      x: { field: 'recordsPerSec', type: 'quantitative', title: 'records/s', axis: { format: '~s' }, stack: null },
      color: { field: 'target', type: 'nominal', sort: targets, scale: { domain: targets }, title: 'target' },
    },
    layer: [
      { mark: 'bar' },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 9 }, encoding: { text: { field: 'recordsPerSec', format: ',.0f' }, color: { value: 'black' } } },
    ],
  };
}

/** p50/p99/p99.9 of every latency workload, one panel per offered rate, one bar per target. */
function latencyChart(report: BenchReport, targets: string[]): Chart | null {
  const rows = workloadRows(report.results, 'latency');
  if (rows.length === 0) return null;
  const labels = rows.map((row) => latencyRowLabel(row));
  const values = rows.flatMap((row, i) =>
    [...row.byTarget.values()].flatMap(({ target, latency }) =>
      // A log scale has no place for zero.
      latency ? PERCENTILES.filter((p) => p.of(latency) > 0).map((p) => ({ rate: labels[i], target, percentile: p.name, ms: p.of(latency) })) : [],
    ),
  );
  return {
    title: { text: 'End-to-end latency at a fixed offered rate', subtitle: 'ms, log scale, lower is better', anchor: 'start' },
    data: { values },
    facet: { row: { field: 'rate', type: 'nominal', sort: labels, title: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } } },
    spec: {
      width: WIDTH,
      height: { step: BAR, for: 'offset' },
      encoding: {
        y: { field: 'percentile', type: 'nominal', sort: PERCENTILES.map((p) => p.name), title: null },
        yOffset: { field: 'target', sort: targets },
        x: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, stack: null, title: 'latency (ms)' },
        color: { field: 'target', type: 'nominal', sort: targets, scale: { domain: targets }, title: 'target' },
      },
      layer: [
        { mark: 'bar' },
        { mark: { type: 'text', align: 'left', dx: 3, fontSize: 9 }, encoding: { text: { field: 'ms', format: '.3~r' }, color: { value: 'black' } } },
      ],
    },
  };
}

/**
 * The report's throughput and latency as one SVG document. Vega-Lite compiles the charts to
 * Vega, whose headless view renders SVG in Node without a canvas or a DOM.
 */
export async function renderCharts(report: BenchReport): Promise<string> {
  const targets = targetsOf(report);
  const charts = [throughputChart(report, targets), latencyChart(report, targets)].filter((c): c is Chart => c !== null);
  const empty: Chart = { data: { values: [{ text: 'no throughput or latency results' }] }, mark: 'text', encoding: { text: { field: 'text' } } };
  const spec: TopLevelSpec = {
    title: { text: `runnel bench (${report.mode})`, subtitle: `${report.startedAt}, ${report.host.cpus} CPUs, node ${report.host.node}, ${report.host.platform}` },
    background: 'white',
    padding: 16,
    config: { axis: { labelLimit: 0 }, legend: { orient: 'top' } },
    spacing: 32,
    vconcat: charts.length > 0 ? charts : [empty],
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
