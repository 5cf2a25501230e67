/**
 * The plain data the Raft core takes and returns. Every shape maps 1:1 onto the Quorum
 * service's protobuf messages (proto/runnel/v1/quorum.proto): numbers for ids, terms and
 * indexes, Buffers for bytes.
 */

/** A controller's node id (positive). 0 means "nobody". */
export type NodeId = number;
export const NO_NODE: NodeId = 0;

export type EntryType = 'normal' | 'noop' | 'config';

export interface Entry {
  index: number;
  term: number;
  type: EntryType;
  /** Metadata record bytes for 'normal', the encoded voter set for 'config', empty for 'noop'. */
  data: Buffer;
}

/** What must be durable before the node may speak again: its term, its vote, and its commit. */
export interface HardState {
  term: number;
  vote: NodeId;
  commit: number;
}

export interface SnapshotMeta {
  /** The last log index the snapshot covers, and that entry's term. */
  index: number;
  term: number;
  /** The voter set in force at `index`. */
  voters: NodeId[];
}

export interface Snapshot {
  meta: SnapshotMeta;
  data: Buffer;
}

interface Envelope {
  from: NodeId;
  to: NodeId;
  term: number;
}

export interface VoteRequest extends Envelope {
  type: 'VoteRequest';
  /** A pre-vote asks "would you vote for me?" without anyone changing term (Raft thesis §9.6). */
  preVote: boolean;
  lastLogIndex: number;
  lastLogTerm: number;
  /** Set during leadership transfer: voters grant even though they hear from a leader. */
  transfer: boolean;
}

export interface VoteResponse extends Envelope {
  type: 'VoteResponse';
  preVote: boolean;
  granted: boolean;
}

/** Also the heartbeat: an append with no entries at an index the follower is known to hold. */
export interface AppendRequest extends Envelope {
  type: 'AppendRequest';
  prevLogIndex: number;
  prevLogTerm: number;
  entries: Entry[];
  leaderCommit: number;
}

export interface AppendResponse extends Envelope {
  type: 'AppendResponse';
  success: boolean;
  /** On success: the follower holds the leader's log up to here. On rejection: the prevLogIndex refused. */
  matchIndex: number;
  /** On rejection: the first index of the follower's term at prevLogIndex (or its lastIndex + 1). */
  conflictIndex: number;
  /** On rejection: the follower's term at prevLogIndex, 0 when its log is shorter. */
  conflictTerm: number;
  lastLogIndex: number;
}

export interface SnapshotChunk extends Envelope {
  type: 'SnapshotChunk';
  snapshotIndex: number;
  snapshotTerm: number;
  voters: NodeId[];
  offset: number;
  data: Buffer;
  done: boolean;
}

export interface SnapshotResponse extends Envelope {
  type: 'SnapshotResponse';
  snapshotIndex: number;
  /** The byte offset the follower expects next. */
  nextOffset: number;
  /** True once the whole snapshot is held (installed, or already covered by the follower's log). */
  success: boolean;
}

/** Leadership transfer: "start an election now, skipping pre-vote". */
export interface TimeoutNow extends Envelope {
  type: 'TimeoutNow';
}

export type Message =
  | VoteRequest
  | VoteResponse
  | AppendRequest
  | AppendResponse
  | SnapshotChunk
  | SnapshotResponse
  | TimeoutNow;

/**
 * What the core asks its driver to do. The driver must, in this order: write `snapshot` (if any)
 * and then `entries` and `hardState` durably, call `persisted(lastIndex, lastTerm)`, send
 * `messages`, restore the state machine from `snapshot` (if any), and apply `committedEntries` in
 * order. Messages never leave before the state they depend on (a vote, an appended entry) is durable.
 * `earlyMessages` are the exception: they may be sent at once, before or during the write. And
 * `committedEntries` are durable already, so unless a snapshot comes first (in this Ready or one
 * not yet written) they may be applied at once, before or during the write.
 */
export interface Ready {
  messages: Message[];
  /**
   * The leader's appends, which may leave before this Ready's writes are durable (Raft thesis
   * §10.2.1). Always empty unless the core was built with `earlySend`.
   */
  earlyMessages: Message[];
  /** Set when term, vote or commit changed since the previous Ready. */
  hardState: HardState | null;
  /** Entries to write. Stored entries at entries[0].index and above are replaced by these. */
  entries: Entry[];
  /** A snapshot received from the leader: stored log entries are all dropped in its favour. */
  snapshot: Snapshot | null;
  /** Committed, durable entries to apply, in index order, after `snapshot` if any. */
  committedEntries: Entry[];
  /** The log's last index and term when this Ready was taken: pass them to persisted(). */
  lastIndex: number;
  lastTerm: number;
}

export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/** An observer's pull: entries from fetchIndex on, checked against the term before it. */
export interface ObserverFetchRequest {
  fetchIndex: number;
  lastFetchedTerm: number;
  maxBytes: number;
}

export interface ObserverFetchResponse {
  leaderId: NodeId;
  leaderTerm: number;
  commitIndex: number;
  /** Committed entries only, starting at fetchIndex. */
  entries: Entry[];
  /** Set when fetchIndex is no longer retained or diverges: load this snapshot, then fetch from its index + 1. */
  snapshot: { index: number; term: number } | null;
}

export interface SnapshotFetchRequest {
  index: number;
  term: number;
  position: number;
  maxBytes: number;
}

export interface SnapshotFetchResponse {
  index: number;
  term: number;
  voters: NodeId[];
  size: number;
  position: number;
  data: Buffer;
}
