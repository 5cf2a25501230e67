import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchReport, ConsumeWorkload, FailoverWorkload, LatencyWorkload, ProduceWorkload, Workload, WorkloadResult } from '../src/bench/bench-types.js';
import { renderCharts } from '../src/bench/report-chart.js';
import { saveReport } from '../src/bench/report-files.js';
import { formatReport } from '../src/bench/report-table.js';

const produce100: ProduceWorkload = { kind: 'produce', id: 'produce-100b', recordSize: 100, acks: 'all', replicationFactor: 3, partitions: 6, compression: 'none', warmupMs: 500, durationMs: 1500 };
const produce1k: ProduceWorkload = { ...produce100, id: 'produce-1k', recordSize: 1024, acks: '1', compression: 'lz4' };
const consume: ConsumeWorkload = { kind: 'consume', id: 'consume-x3', recordSize: 100, records: 50_000, partitions: 6, replicationFactor: 3, consumers: 3 };
const latency = (fraction: number, ratePerSec: number): LatencyWorkload => ({
  kind: 'latency',
  id: `latency-${fraction}`,
  recordSize: 100,
  partitions: 6,
  replicationFactor: 3,
  fraction,
  rateOf: 'produce-100b',
  ratePerSec,
  durationMs: 2000,
});
const latency10 = latency(0.1, 20_000);
const latency50 = latency(0.5, 100_000);
const failover: FailoverWorkload = { kind: 'failover', id: 'failover', victim: 'leader', recordSize: 100, partitions: 6, replicationFactor: 3 };

function result(target: string, workload: Workload, recordsPerSec: number, extra: Partial<WorkloadResult> = {}): WorkloadResult {
  return { target, workload, records: recordsPerSec * 2, bytes: recordsPerSec * 2 * workload.recordSize, elapsedMs: 2000, recordsPerSec, mbPerSec: (recordsPerSec * workload.recordSize) / 1e6, ...extra };
}

const REPORT: BenchReport = {
  startedAt: '2025-03-04T05:06:07.089Z',
  mode: 'quick',
  host: { cpus: 8, memoryGiB: 31.2, node: 'v20.20.2', platform: 'linux' },
  results: [
    // The peer's result first: columns and rows must not depend on which target ran first.
    result('nats-jetstream', produce100, 16_000, { serverCpuSeconds: 2.5, serverPeakRssMiB: 80 }),
    result('runnel', produce100, 200_000, { serverCpuSeconds: 3.456, serverPeakRssMiB: 412.4 }),
    result('runnel', produce1k, 45_678.9),
    result('runnel', consume, 1_234_567, { serverCpuSeconds: 12.34 }),
    result('nats-jetstream', consume, 400_000),
    result('runnel', latency10, 20_000, { latency: { p50: 1.234, p99: 3.2, p999: 7.5, max: 15.25, count: 40_000 } }),
    // Each system is offered the share of its own maximum.
    result('nats-jetstream', latency(0.1, 4_000), 4_000, { latency: { p50: 2.5, p99: 12.8, p999: 40, max: 80, count: 40_000 } }),
    result('runnel', latency50, 100_000, { latency: { p50: 2, p99: 9.99, p999: 25, max: 60, count: 200_000 } }),
    result('runnel', failover, 0, { failoverMs: 1234.5 }),
  ],
  skipped: [
    { target: 'nats-jetstream', workload: 'produce-1k', reason: 'no lz4 compression' },
    { target: 'nats-jetstream', workload: 'failover', reason: 'not started by the bench' },
    { target: 'kafka', reason: 'docker is not available' },
  ],
};

/** The table under `title` as rows keyed by their workload description, each cell keyed by its column header. */
function table(text: string, title: string): Map<string, Record<string, string>> {
  const section = text.split('\n\n').find((s) => s.startsWith(`${title}\n`));
  expect(section, title).toBeDefined();
  const [header, ...rows] = section!
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().split(/ {2,}/));
  return new Map(rows.map((cells) => [cells[0]!, Object.fromEntries(header!.map((h, i) => [h, cells[i]!]))]));
}

describe('formatReport', () => {
  const text = formatReport(REPORT);

  it('shows Runnel figures and its ratio to each peer per produce workload', () => {
    const rows = table(text, 'Produce throughput');
    expect([...rows.keys()]).toEqual(['100 B, RF3, acks=all, 6 partitions, none', '1 KiB, RF3, acks=1, 6 partitions, lz4']);
    expect(rows.get('100 B, RF3, acks=all, 6 partitions, none')).toEqual({
      workload: '100 B, RF3, acks=all, 6 partitions, none',
      'records/s': '200,000',
      'MB/s': '20.0',
      'server CPU s': '3.46',
      'peak RSS MiB': '412',
      'nats-jetstream records/s': '16,000',
      'runnel/nats-jetstream': '12.50x',
    });
    const noPeer = rows.get('1 KiB, RF3, acks=1, 6 partitions, lz4')!;
    expect([noPeer['records/s'], noPeer['MB/s'], noPeer['server CPU s'], noPeer['nats-jetstream records/s'], noPeer['runnel/nats-jetstream']]).toEqual(['45,679', '46.8', '-', '-', '-']);
  });

  it('compares consumers on records/s', () => {
    const row = table(text, 'Consume throughput').get('100 B, RF3, 6 partitions, 50,000 records, group of 3')!;
    expect([row['records/s'], row['server CPU s'], row['nats-jetstream records/s'], row['runnel/nats-jetstream']]).toEqual(['1,234,567', '12.3', '400,000', '3.09x']);
  });

  it('compares latency on p99 and shows each percentile', () => {
    const rows = table(text, 'End-to-end latency at a fixed offered rate');
    const low = rows.get('10% of max (runnel 20,000/s, nats-jetstream 4,000/s), 100 B, RF3, 6 partitions')!;
    expect([low['p50 ms'], low['p99 ms'], low['p99.9 ms'], low['max ms'], low['nats-jetstream p99 ms'], low['runnel/nats-jetstream']]).toEqual(['1.23', '3.20', '7.50', '15.3', '12.8', '0.25x']);
    const high = rows.get('100,000 records/s (50% of max), 100 B, RF3, 6 partitions')!;
    expect([high['p99 ms'], high['nats-jetstream p99 ms'], high['runnel/nats-jetstream']]).toEqual(['9.99', '-', '-']);
  });

  it('shows failover time', () => {
    const row = table(text, 'Failover: SIGKILL of a node to the next acknowledged acks=all write').get('partition leader killed, 100 B, RF3, 6 partitions')!;
    expect([row['failover ms'], row['nats-jetstream failover ms'], row['runnel/nats-jetstream']]).toEqual(['1,234.5', '-', '-']);
  });

  it('lists what was skipped', () => {
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      'skipped: nats-jetstream [produce-1k]: no lz4 compression',
      'skipped: nats-jetstream [failover]: not started by the bench',
      'skipped: kafka: docker is not available',
    ]);
  });

  it('leaves out latency columns from throughput tables when no target measured latency there', () => {
    expect(Object.keys(table(text, 'Produce throughput').values().next().value!)).not.toContain('p99 ms');
  });
});

describe('renderCharts', () => {
  it('renders one SVG document naming every workload and target', async () => {
    const svg = await renderCharts(REPORT);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(Object.keys(new XMLParser().parse(svg))).toEqual(['svg']);
    for (const label of [
      'produce: 100 B, RF3, acks=all, 6 partitions, none',
      'produce: 1 KiB, RF3, acks=1, 6 partitions, lz4',
      'consume: 100 B, RF3, 6 partitions, 50,000 records, group of 3',
      '10% of max (runnel 20,000/s, nats-jetstream 4,000/s)',
      '100,000 records/s (50% of max)',
    ]) {
      expect(svg).toContain(label);
    }
    for (const target of ['runnel', 'nats-jetstream']) expect(svg).toContain(`>${target}<`);
  });

  it('renders a report without results', async () => {
    const svg = await renderCharts({ ...REPORT, results: [] });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('no throughput or latency results');
  });
});

describe('saveReport', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the JSON and SVG under the run time and mode, and as latest', async () => {
    dir = await mkdtemp(join(tmpdir(), 'runnel-bench-report-'));
    const out = join(dir, 'results', 'bench');
    const paths = await saveReport(out, REPORT);
    expect(paths).toEqual({ json: join(out, '2025-03-04T05-06-07-089Z-quick.json'), svg: join(out, '2025-03-04T05-06-07-089Z-quick.svg') });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(REPORT);
    expect(await readFile(join(out, 'latest.json'), 'utf8')).toBe(await readFile(paths.json, 'utf8'));
    const svg = await readFile(paths.svg, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(await readFile(join(out, 'latest.svg'), 'utf8')).toBe(svg);
  });
});
