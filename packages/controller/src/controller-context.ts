import type { Logger } from 'pino';
import type { ClusterSettings } from './controller-config.js';
import type { RandomSource } from './random.js';
import type { MetadataRecord } from './records.js';

/**
 * Everything a controller decision may depend on besides the image and the request. The
 * decision functions read no clock and draw no randomness of their own.
 */
export interface ControllerContext {
  /** Milliseconds, from the controller's injected clock. */
  readonly now: number;
  /**
   * Offset of the last committed metadata record. Decisions run against the committed image,
   * and a decision's response is sent once its records are committed.
   */
  readonly committedOffset: number;
  readonly settings: ClusterSettings;
  readonly random: RandomSource;
  readonly log?: Logger;
}

/**
 * What a controller decision produces: the records to append to the metadata log, as one
 * atomic batch (empty when nothing changes), and the answer to send once they are committed.
 */
export interface ControllerResult<T> {
  readonly records: MetadataRecord[];
  readonly response: T;
}
