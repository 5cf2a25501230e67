import type { ObserverSource } from '../observer.js';
import type { StateMachine } from '../state-machine.js';
import type { Entry, ObserverFetchRequest, ObserverFetchResponse, Snapshot } from '../types.js';

/**
 * Wraps a state machine to learn when entries are applied, so observer fetches can long-poll
 * ("answer when something beyond my index is committed") instead of polling the node.
 */
export class AppliedWatch {
  private applied = 0;
  private waiters: { index: number; wake: () => void }[] = [];

  wrap(inner: StateMachine): StateMachine {
    return {
      apply: async (entry: Entry) => {
        await inner.apply(entry);
        this.advance(entry.index);
      },
      snapshot: () => inner.snapshot(),
      restore: async (snapshot: Snapshot) => {
        await inner.restore(snapshot);
        this.advance(snapshot.meta.index);
      },
    };
  }

  get appliedIndex(): number {
    return this.applied;
  }

  /** Resolves once an entry above `index` is applied, or after `maxWaitMs`. */
  waitBeyond(index: number, maxWaitMs: number): Promise<void> {
    if (this.applied > index || maxWaitMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        index,
        wake: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, maxWaitMs);
      this.waiters.push(waiter);
    });
  }

  private advance(index: number): void {
    if (index <= this.applied) return;
    this.applied = index;
    const ready = this.waiters.filter((w) => w.index < index);
    this.waiters = this.waiters.filter((w) => w.index >= index);
    for (const w of ready) w.wake();
  }
}

/**
 * Answers an observer fetch from `source`; when nothing new is committed yet, waits up to
 * `maxWaitMs` for the next applied entry and asks once more (a long-poll).
 */
export async function fetchWithWait(
  source: ObserverSource,
  applied: AppliedWatch,
  request: ObserverFetchRequest,
  maxWaitMs: number,
  stillWanted: () => boolean = () => true,
): Promise<ObserverFetchResponse> {
  const first = await source.fetch(request);
  if (first.entries.length > 0 || first.snapshot || maxWaitMs <= 0) return first;
  await applied.waitBeyond(request.fetchIndex - 1, maxWaitMs);
  return stillWanted() ? source.fetch(request) : first;
}

/** `source` as seen by an observer in the same process: fetches long-poll instead of spinning. */
export function longPollingSource(source: ObserverSource, applied: AppliedWatch, maxWaitMs: number): ObserverSource {
  return {
    fetch: (request) => fetchWithWait(source, applied, request, maxWaitMs),
    fetchSnapshot: (request) => source.fetchSnapshot(request),
  };
}
