/**
 * Time as the quorum controller sees it: passed in, so a simulation can drive session expiry,
 * rebalancing and write deadlines on virtual time.
 */
export interface ControllerClock {
  /** Milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms`; the returned function cancels it. */
  schedule(ms: number, fn: () => void): () => void;
}

/** Wall-clock time and Node timers; the timers never keep the process alive on their own. */
export const systemClock: ControllerClock = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
