import { describe, expect, it } from 'vitest';
import { RunnelError } from '@runnel/protocol';
import { DeadlineQueue } from '../src/delayed/deadline-queue.js';
import { AckWaiters, DelayedProduce, type PartitionAck } from '../src/delayed/delayed-produce.js';
import { FakeTimers } from './fake-timers.js';

describe('DelayedProduce with AckWaiters and DeadlineQueue', () => {
  it('answers once the high watermark covers every partition of the request', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedProduce>(timers);
    const a = new AckWaiters();
    const b = new AckWaiters();
    let answer: ReadonlyMap<string, PartitionAck> | undefined;
    const op = new DelayedProduce(30_000, ['t-0', 't-1'], (r) => (answer = r), queue);
    queue.add(op);
    a.add('t-0', 11, op);
    b.add('t-1', 21, op);
    a.onHighWatermark(11, () => undefined);
    expect(answer).toBeUndefined();
    b.onHighWatermark(20, () => undefined);
    expect(answer).toBeUndefined();
    b.onHighWatermark(21, () => undefined);
    expect(answer?.get('t-0')?.errorName).toBe('NONE');
    expect(answer?.get('t-1')?.errorName).toBe('NONE');
    timers.advance(60_000);
    expect(answer?.get('t-1')?.errorName).toBe('NONE');
  });

  it('times out with REQUEST_TIMED_OUT for the partitions not yet covered', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedProduce>(timers);
    const a = new AckWaiters();
    let answer: ReadonlyMap<string, PartitionAck> | undefined;
    const op = new DelayedProduce(5_000, ['t-0', 't-1'], (r) => (answer = r), queue);
    queue.add(op);
    a.add('t-0', 11, op);
    a.onHighWatermark(11, () => undefined);
    timers.advance(4_999);
    expect(answer).toBeUndefined();
    timers.advance(1);
    expect(answer?.get('t-0')?.errorName).toBe('NONE');
    expect(answer?.get('t-1')?.errorName).toBe('REQUEST_TIMED_OUT');
  });

  it('fails waiters with the given error when leadership moves, and reports ISR trouble after append', () => {
    const a = new AckWaiters();
    const results: string[] = [];
    const op1 = new DelayedProduce(1e9, ['p'], (r) => results.push(r.get('p')!.errorName));
    const op2 = new DelayedProduce(1e9, ['p'], (r) => results.push(r.get('p')!.errorName));
    a.add('p', 5, op1);
    a.add('p', 9, op2);
    a.onHighWatermark(5, () => new RunnelError('NOT_ENOUGH_REPLICAS_AFTER_APPEND'));
    a.failAll(new RunnelError('NOT_LEADER_OR_FOLLOWER'));
    expect(results).toEqual(['NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'NOT_LEADER_OR_FOLLOWER']);
    expect(a.size).toBe(0);
  });

  it('watches thousands of deadlines with one timer, expiring each in deadline order', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedProduce>(timers);
    const expired: number[] = [];
    const deadlines = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) + 1);
    for (const d of deadlines) queue.add(new DelayedProduce(d, ['p'], () => expired.push(d), queue));
    expect(timers.live).toBe(1);
    timers.advance(5000);
    expect(expired).toEqual([...deadlines].sort((x, y) => x - y));
    expect(queue.size).toBe(0);
    expect(timers.live).toBe(0);
  });

  it('drops early-completed operations instead of holding them until their deadlines', () => {
    const timers = new FakeTimers();
    const queue = new DeadlineQueue<DelayedProduce>(timers);
    const waiters = new AckWaiters();
    for (let i = 0; i < 10_000; i++) {
      const op = new DelayedProduce(30_000 + i, ['p'], () => undefined, queue);
      queue.add(op);
      waiters.add('p', i + 1, op);
    }
    waiters.onHighWatermark(10_000, () => undefined);
    expect(queue.size).toBeLessThan(1100);
  });
});
