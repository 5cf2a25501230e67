import { describe, expect, it } from 'vitest';
import { LocalNetwork } from '../src/transport.js';
import type { Message } from '../src/types.js';

const msg = (from: number, to: number, term: number): Message => ({ type: 'TimeoutNow', from, to, term });

describe('LocalTransport', () => {
  it('delivers asynchronously, in order, and drops what does not fit in the per-peer queue', async () => {
    const net = new LocalNetwork({ maxQueuedPerPeer: 3 });
    const a = net.transport(1);
    const b = net.transport(2);
    const got: number[] = [];
    b.onMessage((m) => got.push(m.term));
    const accepted = [1, 2, 3, 4, 5].map((t) => a.send(msg(1, 2, t)));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(got).toEqual([]); // never re-entrant
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([1, 2, 3]);
    // The queue drained, so there is room again.
    expect(a.send(msg(1, 2, 6))).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([1, 2, 3, 6]);
  });

  it('cuts and heals links, and a closed transport sends nothing', async () => {
    const net = new LocalNetwork();
    const a = net.transport(1);
    const b = net.transport(2);
    const got: number[] = [];
    b.onMessage((m) => got.push(m.term));
    net.isolate(2);
    a.send(msg(1, 2, 1));
    await new Promise((r) => setImmediate(r));
    net.heal();
    a.send(msg(1, 2, 2));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([2]);
    await a.close();
    expect(a.send(msg(1, 2, 3))).toBe(false);
  });
});
