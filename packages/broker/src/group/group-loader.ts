import type { Logger } from 'pino';
import { RunnelError, decodeRecordBatches, isControl } from '@runnel/protocol';
import { newLoadState, type GroupStateMachine, type LoadState } from './group-state-machine.js';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsKey } from './offsets-records.js';

/** The part of a partition log the loader reads. */
export interface LoadableLog {
  readonly logStartOffset: number;
  read(offset: number, maxBytes: number): Promise<{ records: Buffer }>;
}

const READ_BYTES = 1 << 20;

/**
 * Rebuild a coordinator's groups from its __consumer_offsets partition: read the log from its
 * start to `endOffset`, replay every record in order (the latest of a key wins, a tombstone
 * deletes it), then build the groups in `machine`. Resolves false, leaving the machine untouched,
 * when `stillCurrent` turns false part way (leadership moved while loading).
 */
export async function loadGroups(log: LoadableLog, endOffset: number, machine: GroupStateMachine, stillCurrent: () => boolean, logger: Logger): Promise<boolean> {
  const state: LoadState = newLoadState();
  let offset = log.logStartOffset;
  let skipped = 0;
  while (offset < endOffset) {
    if (!stillCurrent()) return false;
    const { records } = await log.read(offset, READ_BYTES);
    if (records.length === 0) break;
    const batches = await decodeRecordBatches(records);
    for (const batch of batches) {
      if (isControl(batch.header.attributes)) continue;
      for (const r of batch.records) {
        if (r.offset < offset || r.offset >= endOffset || r.key === null) continue;
        try {
          const key = decodeOffsetsKey(r.key);
          const value = r.value === null ? null : key.kind === 'offset' ? decodeOffsetCommitValue(r.value) : decodeGroupMetadataValue(r.value);
          machine.replay(key, value, state);
        } catch (err) {
          // One unreadable record must not keep every other group of the partition offline.
          if (!(err instanceof RunnelError)) throw err;
          skipped++;
        }
      }
    }
    const last = batches.at(-1);
    if (!last) break;
    offset = last.header.baseOffset + last.header.lastOffsetDelta + 1;
  }
  if (!stillCurrent()) return false;
  if (skipped > 0) logger.warn({ partition: machine.partition, skipped }, 'skipped unreadable __consumer_offsets records while loading');
  machine.finishLoad(state);
  return true;
}
