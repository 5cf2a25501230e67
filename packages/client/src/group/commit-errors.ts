import { RunnelError } from '@runnel/protocol';

/**
 * The group is rebalancing, so the commit was refused; unlike the broker error of the same name
 * this is retriable from the caller's side: poll() to finish the rebalance, then commit again.
 */
export class RebalanceInProgressError extends RunnelError {
  override readonly retriable = true;

  constructor(groupId: string) {
    super(
      'REBALANCE_IN_PROGRESS',
      `cannot commit offsets of group '${groupId}' while it is rebalancing: call poll() to finish the rebalance, then commit again (offsets of partitions still assigned can be committed then)`,
    );
  }
}

/**
 * The commit came from a member or generation the group no longer has (Kafka's
 * CommitFailedException): the partitions may already belong to another member, so the commit is
 * refused, and records processed since the last commit may be processed again.
 */
export class CommitFailedError extends RunnelError {
  constructor(name: 'UNKNOWN_MEMBER_ID' | 'ILLEGAL_GENERATION', groupId: string) {
    super(
      name,
      `commit cannot be completed: group '${groupId}' has already rebalanced and may have given the partitions to another member. ` +
        'This usually means the time between poll() calls was longer than maxPollIntervalMs (max.poll.interval.ms), or the session timed out; ' +
        'raise maxPollIntervalMs or lower maxPollRecords so each batch is processed in time. The member rejoins at the next poll().',
    );
  }
}
