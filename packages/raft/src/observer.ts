/**
 * Observers: brokers follow the metadata log without voting, by PULLING committed entries from a
 * controller (KIP-595 style), while voters replicate among themselves by Raft's classic push.
 *
 * Why pull rather than Raft learners fed by the leader:
 * - No configuration churn. Brokers come and go, and there may be many; a learner needs a
 *   membership-change entry to join and another to leave. An observer needs nothing: it fetches.
 * - No load on the voters' consensus path. The leader keeps no per-observer progress, in-flight
 *   window or retransmission state, and a slow or dead broker can never hold back commitment or
 *   compete with voter appends for the leader's attention.
 * - Observers only ever need committed data. A fetch answer carries entries up to the commit index
 *   only, so an observer never applies something that a new leader later truncates, and it never
 *   has to handle a divergent tail in the normal case.
 *
 * The protocol: a fetch names the observer's next index and the term of the entry before it. The
 * answer carries committed entries from that index (bounded by bytes), or, when that index is no
 * longer retained (or its predecessor's term does not match), the id of the snapshot to load: the
 * observer then fetches the snapshot in chunks, restores it, and resumes from its index + 1.
 */
import { RunnelError } from '@runnel/protocol';
import type { Logger } from 'pino';
import type { StateMachine } from './state-machine.js';
import type {
  Entry,
  NodeId,
  ObserverFetchRequest,
  ObserverFetchResponse,
  Snapshot,
  SnapshotFetchRequest,
  SnapshotFetchResponse,
} from './types.js';

/** Where an observer pulls from: a RaftNode in process, or a gRPC client of Quorum.Fetch. */
export interface ObserverSource {
  fetch(req: ObserverFetchRequest): Promise<ObserverFetchResponse>;
  /** Throws SNAPSHOT_NOT_FOUND when that snapshot is no longer the current one. */
  fetchSnapshot(req: SnapshotFetchRequest): Promise<SnapshotFetchResponse>;
}

export type FetchOutcome = { kind: 'entries'; entries: Entry[] } | { kind: 'snapshot'; index: number; term: number };

/** The observer's position and any snapshot download in progress. Pure: no I/O. */
export class ObserverState {
  nextIndex: number;
  lastTerm: number;
  /** Highest commit index any answer reported. */
  knownCommit = 0;
  leaderId: NodeId = 0;
  private download: { index: number; term: number; voters: NodeId[]; chunks: Buffer[]; size: number } | null = null;

  constructor(appliedIndex = 0, appliedTerm = 0) {
    this.nextIndex = appliedIndex + 1;
    this.lastTerm = appliedTerm;
  }

  fetchRequest(maxBytes: number): ObserverFetchRequest {
    return { fetchIndex: this.nextIndex, lastFetchedTerm: this.lastTerm, maxBytes };
  }

  /**
   * Takes a fetch answer: the entries to apply now (and the position moves past them), or the
   * snapshot to load first. Entries that do not continue exactly from nextIndex are refused.
   */
  onFetch(res: ObserverFetchResponse): FetchOutcome {
    if (res.leaderId !== 0) this.leaderId = res.leaderId;
    if (res.commitIndex > this.knownCommit) this.knownCommit = res.commitIndex;
    if (res.snapshot) {
      if (this.download?.index !== res.snapshot.index || this.download.term !== res.snapshot.term) {
        this.download = { index: res.snapshot.index, term: res.snapshot.term, voters: [], chunks: [], size: 0 };
      }
      return { kind: 'snapshot', index: res.snapshot.index, term: res.snapshot.term };
    }
    let expected = this.nextIndex;
    for (const e of res.entries) {
      if (e.index !== expected) {
        throw new RunnelError('CORRUPT_MESSAGE', `fetch answer entry ${e.index} does not follow ${expected - 1}`);
      }
      if (e.index > res.commitIndex) throw new RunnelError('CORRUPT_MESSAGE', `fetch answer carries uncommitted entry ${e.index}`);
      expected++;
    }
    const n = res.entries.length;
    if (n > 0) {
      this.nextIndex = expected;
      this.lastTerm = res.entries[n - 1]!.term;
    }
    return { kind: 'entries', entries: res.entries };
  }

  snapshotRequest(maxBytes: number): SnapshotFetchRequest {
    const d = this.download;
    if (!d) throw new RunnelError('INVALID_REQUEST', 'no snapshot download in progress');
    return { index: d.index, term: d.term, position: d.size, maxBytes };
  }

  /** Takes a snapshot chunk; returns the whole snapshot once its last byte has arrived. */
  onSnapshotChunk(res: SnapshotFetchResponse): Snapshot | null {
    const d = this.download;
    if (!d || res.index !== d.index || res.term !== d.term || res.position !== d.size) {
      throw new RunnelError('CORRUPT_MESSAGE', `snapshot chunk at ${res.position} of ${res.index}/${res.term} was not asked for`);
    }
    d.voters = res.voters;
    d.chunks.push(res.data);
    d.size += res.data.length;
    if (d.size < res.size) {
      if (res.data.length === 0) throw new RunnelError('CORRUPT_MESSAGE', 'empty snapshot chunk before the end');
      return null;
    }
    this.download = null;
    return { meta: { index: d.index, term: d.term, voters: d.voters }, data: Buffer.concat(d.chunks, d.size) };
  }

  /** The state machine now holds the snapshot: continue after it. */
  restored(index: number, term: number): void {
    this.nextIndex = index + 1;
    this.lastTerm = term;
  }

  /** Forgets a download whose snapshot the source no longer has. */
  abandonDownload(): void {
    this.download = null;
  }
}

export interface ObserverOptions {
  source: ObserverSource;
  stateMachine: StateMachine;
  logger?: Logger;
  /** Bytes of entries or snapshot per fetch. */
  maxBytes?: number;
  /** Wait before fetching again when there was nothing new (a long-polling source answers later instead). */
  idleMs?: number;
  /** Wait after a failed fetch. */
  retryMs?: number;
  /** Where the state machine already stands (it restored from its own snapshot). */
  appliedIndex?: number;
  appliedTerm?: number;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The driver around ObserverState: fetches, applies in order, and resumes from snapshots. */
export class Observer {
  readonly state: ObserverState;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly waiters: { index: number; resolve: () => void }[] = [];
  private readonly maxBytes: number;
  private readonly idleMs: number;
  private readonly retryMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ObserverOptions) {
    this.state = new ObserverState(options.appliedIndex ?? 0, options.appliedTerm ?? 0);
    this.maxBytes = options.maxBytes ?? 1 << 20;
    this.idleMs = options.idleMs ?? 50;
    this.retryMs = options.retryMs ?? 200;
    this.sleep = options.sleep ?? defaultSleep;
  }

  get appliedIndex(): number {
    return this.state.nextIndex - 1;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Resolves once entries up to `index` are applied. */
  waitFor(index: number): Promise<void> {
    if (this.appliedIndex >= index) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ index, resolve }));
  }

  /** One fetch round; returns whether it made progress. Exposed so callers can drive it by hand. */
  async poll(): Promise<boolean> {
    const { source, stateMachine } = this.options;
    const outcome = this.state.onFetch(await source.fetch(this.state.fetchRequest(this.maxBytes)));
    if (outcome.kind === 'entries') {
      for (const e of outcome.entries) await stateMachine.apply(e);
      this.wake();
      return outcome.entries.length > 0;
    }
    for (;;) {
      let res: SnapshotFetchResponse;
      try {
        res = await source.fetchSnapshot(this.state.snapshotRequest(this.maxBytes));
      } catch (err) {
        // Replaced by a newer snapshot meanwhile: the next fetch names it.
        if (err instanceof RunnelError && err.errorName === 'SNAPSHOT_NOT_FOUND') {
          this.state.abandonDownload();
          return false;
        }
        throw err;
      }
      const snap = this.state.onSnapshotChunk(res);
      if (snap) {
        await stateMachine.restore(snap);
        this.state.restored(snap.meta.index, snap.meta.term);
        this.options.logger?.info({ snapshotIndex: snap.meta.index, term: snap.meta.term }, 'observer restored snapshot');
        this.wake();
        return true;
      }
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.poll())) await this.sleep(this.idleMs);
      } catch (err) {
        this.options.logger?.warn({ err, nextIndex: this.state.nextIndex }, 'observer fetch failed; retrying');
        await this.sleep(this.retryMs);
      }
    }
  }

  private wake(): void {
    const applied = this.appliedIndex;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (w.index <= applied) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
