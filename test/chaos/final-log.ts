import { Admin, Consumer } from '@runnel/client';
import { waitFor } from '../harness/processes.js';
import type { SeenRecord } from './history.js';

/**
 * Read a partition from offset 0 up to its high watermark (the leader's, via listOffsets
 * 'latest'), keeping every record as it came, gaps and all, for the checker to judge.
 */
export async function readFinalLog(bootstrap: string, topic: string, partition: number, timeoutMs = 60_000): Promise<{ highWatermark: number; records: SeenRecord[] }> {
  const admin = new Admin({ bootstrap, requestTimeoutMs: 5_000 });
  let highWatermark: number;
  try {
    highWatermark = (await admin.listOffsets([{ topic, partition, spec: 'latest' }]))[0]!.offset;
  } finally {
    await admin.close();
  }
  const consumer = new Consumer({ bootstrap, autoOffsetReset: 'earliest', requestTimeoutMs: 5_000, fetchMaxWaitMs: 100 });
  const records: SeenRecord[] = [];
  try {
    const tp = { topic, partition };
    consumer.assign([tp]);
    consumer.seek(tp, 0);
    await waitFor(`${topic}-${partition} read up to its high watermark ${highWatermark}`, async () => {
      for (const r of await consumer.poll(500)) records.push([r.partition, r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null]);
      return records.length === 0 ? highWatermark === 0 : records[records.length - 1]![1] >= highWatermark - 1;
    }, { timeoutMs, intervalMs: 0 });
  } finally {
    await consumer.close();
  }
  return { highWatermark, records };
}
