import { RunnelError } from '@runnel/protocol';
import { describe, expect, it } from 'vitest';
import type { ControllerClock } from '../src/quorum/clock.js';
import { WriteQueue } from '../src/quorum/write-queue.js';

/** A clock whose timers fire only when the test advances it. */
class ManualClock implements ControllerClock {
  time = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now(): number {
    return this.time;
  }
  schedule(ms: number, fn: () => void): () => void {
    const t = { at: this.time + ms, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  }
  advance(ms: number): void {
    this.time += ms;
    for (const t of this.timers) {
      if (t.live && t.at <= this.time) {
        t.live = false;
        t.fn();
      }
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('controller write queue', () => {
  it('runs one write at a time, in order, only while open', async () => {
    const q = new WriteQueue(new ManualClock(), 10);
    const started: string[] = [];
    const gates = [deferred(), deferred()];
    const a = q.enqueue('a', 1000, async () => {
      started.push('a');
      await gates[0]!.promise;
      return 'A';
    });
    const b = q.enqueue('b', 1000, async () => {
      started.push('b');
      await gates[1]!.promise;
      return 'B';
    });
    await flush();
    expect(started).toEqual([]);
    q.setOpen(true);
    await flush();
    expect(started).toEqual(['a']);
    gates[0]!.resolve();
    expect(await a).toBe('A');
    await flush();
    expect(started).toEqual(['a', 'b']);
    gates[1]!.resolve();
    expect(await b).toBe('B');
  });

  it('refuses writes beyond its bound', async () => {
    const q = new WriteQueue(new ManualClock(), 2);
    const pending = [q.enqueue('a', 1000, async () => 1), q.enqueue('b', 1000, async () => 2)];
    await expect(q.enqueue('c', 1000, async () => 3)).rejects.toMatchObject({ errorName: 'THROTTLING_QUOTA_EXCEEDED' });
    q.setOpen(true);
    expect(await Promise.all(pending)).toEqual([1, 2]);
  });

  it('times out a waiting write, which then never runs, and still awaits a running one before the next', async () => {
    const clock = new ManualClock();
    const q = new WriteQueue(clock, 10);
    q.setOpen(true);
    const gate = deferred();
    let ranLate = false;
    let thirdStarted = false;
    const running = q.enqueue('running', 100, async () => {
      await gate.promise;
      return 'done';
    });
    const waiting = q.enqueue('waiting', 50, async () => {
      ranLate = true;
    });
    const third = q.enqueue('third', 1000, async () => {
      thirdStarted = true;
    });
    clock.advance(60);
    await expect(waiting).rejects.toMatchObject({ errorName: 'REQUEST_TIMED_OUT' });
    clock.advance(60);
    await expect(running).rejects.toMatchObject({ errorName: 'REQUEST_TIMED_OUT' });
    await flush();
    expect(thirdStarted).toBe(false);
    gate.resolve();
    await third;
    expect(thirdStarted).toBe(true);
    expect(ranLate).toBe(false);
  });

  it('fails waiting writes on demand', async () => {
    const q = new WriteQueue(new ManualClock(), 10);
    const w = q.enqueue('w', 1000, async () => 1);
    q.failWaiting(() => new RunnelError('NOT_CONTROLLER', 'gone'));
    await expect(w).rejects.toThrow('gone');
    expect(q.size).toBe(0);
  });
});
