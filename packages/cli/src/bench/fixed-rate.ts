import type { ProgressFn } from './bench-types.js';

export interface FixedRateOptions {
  /** performance.now() at which record 0 is due. */
  start: number;
  ratePerSec: number;
  /** Records to send: record i is due at start + i * 1000 / ratePerSec. */
  total: number;
  /** Sends record i, due at `intendedAt` (the time its latency counts from). */
  send: (i: number, intendedAt: number) => void;
  /** Reports elapsed of planned milliseconds. */
  progress: ProgressFn;
  /** Checked between ticks: true ends sending early (a send failed). */
  stopped: () => boolean;
}

/**
 * The open-loop sender of the latency workloads (as OpenMessaging Benchmark does it): each tick
 * sends every record already due, so a late tick neither lowers the offered rate nor hides its
 * delay, since latency counts from the intended time. Resolves with the number sent.
 */
export async function sendAtFixedRate(o: FixedRateOptions): Promise<number> {
  const intervalMs = 1000 / o.ratePerSec;
  const plannedMs = o.total * intervalMs;
  let i = 0;
  while (i < o.total && !o.stopped()) {
    const now = performance.now();
    for (; i < o.total && o.start + i * intervalMs <= now; i++) o.send(i, o.start + i * intervalMs);
    o.progress(Math.min(plannedMs, now - o.start), plannedMs);
    if (i < o.total) await new Promise((r) => setTimeout(r, Math.max(0, o.start + i * intervalMs - performance.now())));
  }
  return i;
}
