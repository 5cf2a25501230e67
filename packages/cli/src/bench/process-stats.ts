import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU times in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** user+system CPU seconds of `pid` so far, or null when it is gone or /proc is not there. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces, start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function rssMiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ProcessUsage {
  cpuSeconds: number;
  peakRssMiB: number;
}

/**
 * CPU time used by a set of server processes between start and stop, and the largest resident
 * set any one of them reached, sampled every `intervalMs`.
 */
export class ProcessSampler {
  private readonly startCpu = new Map<number, number>();
  private readonly lastCpu = new Map<number, number>();
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: number[], private readonly intervalMs = 200) {}

  start(): void {
    for (const pid of this.pids) {
      const cpu = cpuSeconds(pid);
      if (cpu !== null) this.startCpu.set(pid, cpu);
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    for (const pid of this.startCpu.keys()) {
      const cpu = cpuSeconds(pid);
      if (cpu !== null) this.lastCpu.set(pid, cpu);
      const rss = rssMiB(pid);
      if (rss !== null) this.peak = Math.max(this.peak, rss);
    }
  }

  /** Usage since start(), or null when no process could be read. A process that died counts up to its last sample. */
  stop(): ProcessUsage | null {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    if (this.startCpu.size === 0) return null;
    let cpu = 0;
    for (const [pid, start] of this.startCpu) cpu += (this.lastCpu.get(pid) ?? start) - start;
    return { cpuSeconds: cpu, peakRssMiB: this.peak };
  }
}
