import type { TopicPartition } from '../partition-state.js';

/**
 * Told of assignment changes, from within poll() (or close()/unsubscribe()), so a user can commit
 * inside onPartitionsRevoked before the partitions go to another member. Async callbacks are
 * awaited before the rebalance goes on.
 */
export interface RebalanceListener {
  /**
   * These partitions are being given up in an orderly rebalance (never called with none): commit
   * what was processed; they are still assigned while this runs. Eager members give up all their
   * partitions before every rebalance, cooperative ones only those that move.
   */
  onPartitionsRevoked?(partitions: TopicPartition[]): void | Promise<void>;
  /**
   * These partitions were added to this member's assignment (called after every completed
   * rebalance, possibly with none). Their positions come from the committed offsets after this
   * returns, unless it seeks.
   */
  onPartitionsAssigned?(partitions: TopicPartition[]): void | Promise<void>;
  /** These partitions were already given to others (session expired, member fenced): committing them is no longer possible. */
  onPartitionsLost?(partitions: TopicPartition[]): void | Promise<void>;
}
