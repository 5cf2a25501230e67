import type { Entry, Snapshot } from './types.js';

/**
 * What Raft replicates into: the controller's metadata image on voters, a broker's on observers.
 * Entries arrive in index order, each exactly once per run; after restore(), application resumes
 * at the snapshot's index + 1.
 */
export interface StateMachine {
  /** Applies one committed entry ('noop' and 'config' entries arrive too, so indexes stay dense). */
  apply(entry: Entry): void | Promise<void>;
  /** The state as of the last applied entry, as bytes. */
  snapshot(): Buffer | Promise<Buffer>;
  /** Replaces the state with a snapshot's. Index 0 with empty data means the initial, empty state. */
  restore(snapshot: Snapshot): void | Promise<void>;
}
