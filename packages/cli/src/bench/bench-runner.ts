import { cpus, totalmem } from 'node:os';
import type { BenchReport, BenchTarget, Workload, WorkloadResult } from './bench-types.js';
import type { BenchProgress } from './bench-progress.js';
import { ProcessSampler } from './process-stats.js';
import type { BenchMode } from './workloads.js';

export interface RunBenchOptions {
  mode: BenchMode;
  /** Runnel first: peers are compared with its figures. */
  targets: BenchTarget[];
  workloads: Workload[];
  progress: BenchProgress;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

function summarise(r: WorkloadResult): string {
  if (r.failoverMs !== undefined) return `${Math.round(r.failoverMs)} ms to the next acknowledged write`;
  const base = `${Math.round(r.recordsPerSec).toLocaleString('en-US')} records/s, ${r.mbPerSec.toFixed(1)} MB/s`;
  return r.latency ? `${base}, p99 ${r.latency.p99.toFixed(2)} ms` : base;
}

/**
 * Run every workload on every target in turn. A target that cannot start, or cannot run a
 * workload, is recorded as skipped with its reason; a failure of Runnel's own workload is
 * recorded in `failures` (the command exits non-zero), a peer's only skips it.
 */
export async function runBench(options: RunBenchOptions): Promise<{ report: BenchReport; failures: string[] }> {
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    mode: options.mode,
    host: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    results: [],
    skipped: [],
  };
  const failures: string[] = [];
  const ui = options.progress;
  for (const target of options.targets) {
    ui.begin(`${target.name}: starting`, 1);
    try {
      await target.start();
      ui.end('ready');
    } catch (err) {
      ui.end(`skipped (${errorText(err)})`);
      report.skipped.push({ target: target.name, reason: errorText(err) });
      if (target.name === 'runnel') failures.push(`runnel did not start: ${errorText(err)}`);
      continue;
    }
    try {
      for (const template of options.workloads) {
        const w: Workload = { ...template };
        let reason = target.unsupported(w);
        if (!reason && w.kind === 'latency') {
          const max = report.results.find((r) => r.target === target.name && r.workload.id === w.rateOf);
          if (max) w.ratePerSec = Math.max(1, Math.round(max.recordsPerSec * w.fraction));
          else reason = `no maximum rate measured for ${w.rateOf}`;
        }
        if (reason) {
          report.skipped.push({ target: target.name, workload: w.id, reason });
          continue;
        }
        const label = w.kind === 'latency' ? `${target.name} ${w.id} (${w.ratePerSec.toLocaleString('en-US')}/s)` : `${target.name} ${w.id}`;
        ui.begin(label, 100);
        const sampler = new ProcessSampler(target.serverPids());
        sampler.start();
        try {
          const measured = await target.run(w, (done, total) => ui.update(done, total));
          const usage = sampler.stop();
          const seconds = measured.elapsedMs / 1000;
          const result: WorkloadResult = {
            target: target.name,
            workload: w,
            ...measured,
            recordsPerSec: seconds > 0 ? measured.records / seconds : 0,
            mbPerSec: seconds > 0 ? measured.bytes / seconds / 1e6 : 0,
            ...(usage ? { serverCpuSeconds: usage.cpuSeconds, serverPeakRssMiB: usage.peakRssMiB } : {}),
          };
          report.results.push(result);
          ui.end(summarise(result));
        } catch (err) {
          sampler.stop();
          ui.end(`failed: ${errorText(err)}`);
          report.skipped.push({ target: target.name, workload: w.id, reason: `failed: ${errorText(err)}` });
          if (target.name === 'runnel') failures.push(`${w.id}: ${errorText(err)}`);
        }
      }
    } finally {
      await target.stop();
    }
  }
  return { report, failures };
}
