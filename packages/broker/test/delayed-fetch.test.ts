import { describe, expect, it } from 'vitest';
import { DeadlineQueue } from '../src/delayed/deadline-queue.js';
import { DelayedFetch, FetchWaiters } from '../src/delayed/delayed-fetch.js';
import { FakeTimers } from './fake-timers.js';

describe('DelayedFetch', () => {
  it('answers when enough bytes are available across its partitions', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedFetch>(timers);
    const p0 = new FetchWaiters();
    const p1 = new FetchWaiters();
    let bytes = 0;
    const answers: string[] = [];
    const op = new DelayedFetch(500, 1000, () => bytes, (r) => answers.push(r), queue);
    queue.add(op);
    op.watch(p0);
    op.watch(p1);
    bytes = 600;
    p0.wakeAll();
    expect(answers).toEqual([]);
    bytes = 1200;
    p1.wakeAll();
    expect(answers).toEqual(['ready']);
    expect(p0.size + p1.size).toBe(0);
    timers.advance(1000);
    expect(answers).toEqual(['ready']);
  });

  it('answers at its deadline with whatever there is', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedFetch>(timers);
    const p0 = new FetchWaiters();
    const answers: string[] = [];
    const op = new DelayedFetch(500, 1, () => 0, (r) => answers.push(r), queue);
    queue.add(op);
    op.watch(p0);
    p0.wakeAll();
    timers.advance(499);
    expect(answers).toEqual([]);
    timers.advance(1);
    expect(answers).toEqual(['deadline']);
    expect(p0.size).toBe(0);
  });

  it('answers nothing more once cancelled', () => {
    const p0 = new FetchWaiters();
    const answers: string[] = [];
    const op = new DelayedFetch(500, 1, () => 10, (r) => answers.push(r));
    op.watch(p0);
    op.cancel();
    p0.wakeAll();
    op.expire();
    expect(answers).toEqual(['cancelled']);
  });
});
