import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchReport } from './bench-types.js';
import { renderCharts } from './report-chart.js';

/**
 * Write the report as `<startedAt>-<mode>.json` and `.svg` in `dir` (created when missing), and
 * copy both to `latest.json` and `latest.svg` so the newest run has a fixed name. Returns the
 * paths of the run's own files.
 */
export async function saveReport(dir: string, report: BenchReport): Promise<{ json: string; svg: string }> {
  // The ISO time's ':' and '.' are not allowed in file names everywhere.
  const base = `${report.startedAt.replace(/[^0-9A-Za-z-]/g, '-')}-${report.mode}`;
  const json = join(dir, `${base}.json`);
  const svg = join(dir, `${base}.svg`);
  const chart = await renderCharts(report);
  await mkdir(dir, { recursive: true });
  await writeFile(json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(svg, chart);
  await copyFile(json, join(dir, 'latest.json'));
  await copyFile(svg, join(dir, 'latest.svg'));
  return { json, svg };
}
