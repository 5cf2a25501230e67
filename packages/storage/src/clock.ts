/** Wall-clock time in milliseconds, passed in so tests and simulators control it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
