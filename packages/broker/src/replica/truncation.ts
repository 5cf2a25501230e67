import type { Log } from '@runnel/storage';

/**
 * Where a follower truncates, given the leader's answer for an epoch: the leader's epoch
 * `leaderEpoch` ends at `leaderEndOffset`. Kafka's rules (AbstractFetcherThread):
 * - the follower also has `leaderEpoch`: keep up to the smaller of the two ends; done.
 * - the follower's nearest epoch below is different: cut to where that epoch ends for us and ask
 *   again with the epoch before it (not done).
 * - the follower has no epoch at or below it: fall back to the high watermark.
 */
export interface TruncationPoint {
  offset: number;
  done: boolean;
}

export function truncationPoint(log: Log, leaderEpoch: number, leaderEndOffset: number): TruncationPoint {
  const leo = log.logEndOffset;
  if (leaderEndOffset < 0) return { offset: Math.min(log.highWatermark, leo), done: true };
  if (leaderEpoch < 0) return { offset: Math.min(leaderEndOffset, leo), done: true };
  const mine = log.endOffsetForEpoch(leaderEpoch);
  if (mine.epoch < 0) return { offset: Math.min(log.highWatermark, leo), done: true };
  if (mine.epoch !== leaderEpoch) return { offset: Math.min(mine.endOffset, leo), done: false };
  return { offset: Math.min(leaderEndOffset, mine.endOffset, leo), done: true };
}
