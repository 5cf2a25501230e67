import { join } from 'node:path';

/** File names of a segment: the 20-digit zero-padded base offset plus a suffix, as Kafka names them. */
export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
/** Files a compaction wrote but has not yet swapped in. */
export const CLEANED_SUFFIX = '.cleaned';
/** Files a compaction is swapping in; complete on recovery. */
export const SWAP_SUFFIX = '.swap';
/** Files being deleted; removed on start-up if a crash left them. */
export const DELETED_SUFFIX = '.deleted';

export function offsetFileName(offset: number): string {
  return String(offset).padStart(20, '0');
}

export function segmentFile(dir: string, baseOffset: number, suffix: string): string {
  return join(dir, offsetFileName(baseOffset) + suffix);
}

/** The base offset a file of this name belongs to, or null for other files. */
export function parseSegmentFileName(name: string): { baseOffset: number; suffix: string } | null {
  const m = /^(\d{20})(\.log|\.index|\.timeindex)((?:\.cleaned|\.swap|\.deleted)?)$/.exec(name);
  if (!m) return null;
  const baseOffset = Number(m[1]);
  if (!Number.isSafeInteger(baseOffset)) return null;
  return { baseOffset, suffix: (m[2] ?? '') + (m[3] ?? '') };
}
