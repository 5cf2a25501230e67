import { readToHighWatermark } from '../harness/read-log.js';
import type { SeenRecord } from './history.js';

/**
 * Read a partition from offset 0 up to its high watermark, keeping every record as it came, gaps
 * and all, for the checker to judge.
 */
export async function readFinalLog(bootstrap: string, topic: string, partition: number, timeoutMs = 60_000): Promise<{ highWatermark: number; records: SeenRecord[] }> {
  const records: SeenRecord[] = [];
  const highWatermark = await readToHighWatermark(bootstrap, topic, partition, (r) => {
    records.push([r.partition, r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null]);
  }, timeoutMs);
  return { highWatermark, records };
}
