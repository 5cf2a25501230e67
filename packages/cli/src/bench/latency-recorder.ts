import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from './bench-types.js';

/**
 * An HDR histogram of latencies recorded in microseconds (1 µs to 5 minutes, three significant
 * digits), summarised in milliseconds.
 */
export class LatencyRecorder {
  private readonly histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 300_000_000, numberOfSignificantValueDigits: 3 });

  /** Record the time from `startMs` (performance.now() clock) to `endMs`. */
  record(startMs: number, endMs: number): void {
    const us = Math.round((endMs - startMs) * 1000);
    this.histogram.recordValue(Math.min(300_000_000, Math.max(1, us)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    const ms = (us: number): number => us / 1000;
    return { p50: ms(h.getValueAtPercentile(50)), p99: ms(h.getValueAtPercentile(99)), p999: ms(h.getValueAtPercentile(99.9)), max: ms(h.maxValue), count: h.totalCount };
  }
}
