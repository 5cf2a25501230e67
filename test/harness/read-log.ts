import { Admin, Consumer, type ConsumerRecord } from '@runnel/client';
import { waitFor } from './processes.js';

/**
 * Hand every record of a partition, from offset 0 up to its high watermark as the leader gives
 * it now, to `onRecord` in log order (gaps and all: callers judge them). Resolves with that high
 * watermark. Records are not kept here, so long logs can be read in bounded memory.
 */
export async function readToHighWatermark(
  bootstrap: string,
  topic: string,
  partition: number,
  onRecord: (r: ConsumerRecord) => void,
  timeoutMs = 30_000,
): Promise<number> {
  const admin = new Admin({ bootstrap, requestTimeoutMs: 5_000 });
  let highWatermark: number;
  try {
    highWatermark = (await admin.listOffsets([{ topic, partition, spec: 'latest' }]))[0]!.offset;
  } finally {
    await admin.close();
  }
  const consumer = new Consumer({ bootstrap, autoOffsetReset: 'earliest', requestTimeoutMs: 5_000, fetchMaxWaitMs: 100 });
  try {
    const tp = { topic, partition };
    consumer.assign([tp]);
    consumer.seek(tp, 0);
    let next = 0;
    await waitFor(`${topic}-${partition} read up to its high watermark ${highWatermark}`, async () => {
      for (const r of await consumer.poll(500)) {
        onRecord(r);
        next = r.offset + 1;
      }
      return next >= highWatermark;
    }, { timeoutMs, intervalMs: 0 });
  } finally {
    await consumer.close();
  }
  return highWatermark;
}
