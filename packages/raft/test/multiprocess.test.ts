import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { NodeProcess, freePorts, tempDir, waitFor } from '../../../test/harness/processes.js';

const SCRIPT = fileURLToPath(new URL('../scripts/voter-process.mjs', import.meta.url));

describe('three Raft voters as real processes on 127.0.0.1', () => {
  const processes: NodeProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    for (const c of cleanups.splice(0)) await c();
  });

  it('keeps every committed entry through a SIGKILL of the leader and its restart', async () => {
    const dir = await tempDir('raft-mp');
    cleanups.push(() => dir.remove());
    const ports = await freePorts(3);
    const voters = ports.map((p, i) => `${i + 1}@127.0.0.1:${p}`).join(',');
    const start = (id: number): NodeProcess => {
      const p = new NodeProcess(SCRIPT, { args: [String(id), `${dir.path}/n${id}`, voters] });
      processes.push(p);
      return p;
    };
    const nodes = new Map([1, 2, 3].map((id) => [id, start(id)]));
    const leaderOf = (candidates: number[]): number | undefined => {
      let best: { id: number; term: number } | undefined;
      for (const id of candidates) {
        for (const e of nodes.get(id)!.events<{ id: number; term: number }>('leader')) if (!best || e.term > best.term) best = e;
      }
      return best?.id;
    };

    const firstLeader = await waitFor('a leader', () => leaderOf([1, 2, 3]), { timeoutMs: 15_000 });
    const propose = async (id: number, values: string[]): Promise<void> => {
      const p = nodes.get(id)!;
      for (const v of values) p.writeLine(JSON.stringify({ cmd: 'propose', data: v }));
      await waitFor(`${values.length} commits on node ${id}`, () => {
        const done = new Set(p.events<{ data: string }>('committed').map((e) => e.data));
        return values.every((v) => done.has(v));
      }, { timeoutMs: 15_000 });
    };
    const before = Array.from({ length: 200 }, (_, i) => `before-${i}`);
    await propose(firstLeader, before);

    await nodes.get(firstLeader)!.kill();
    const others = [1, 2, 3].filter((id) => id !== firstLeader);
    const secondLeader = await waitFor('a new leader among the survivors', () => {
      const id = leaderOf(others);
      return id !== undefined && others.includes(id) ? id : undefined;
    }, { timeoutMs: 15_000 });
    const after = Array.from({ length: 50 }, (_, i) => `after-${i}`);
    await propose(secondLeader, after);

    // The killed leader comes back from its LevelDB log and catches up.
    nodes.set(firstLeader, start(firstLeader));
    const dump = async (id: number): Promise<string[]> => {
      const p = nodes.get(id)!;
      const seen = p.events('dump').length;
      p.writeLine(JSON.stringify({ cmd: 'dump' }));
      const e = await waitFor('dump', () => p.events<{ values: string[] }>('dump')[seen], { timeoutMs: 5_000 });
      return e.values;
    };
    await waitFor('the restarted node applied everything', async () => (await dump(firstLeader)).length === before.length + after.length, { timeoutMs: 15_000, intervalMs: 200 });
    const restarted = await dump(firstLeader);
    expect(restarted).toEqual([...before, ...after]);
    expect(await dump(secondLeader)).toEqual(restarted);
  });
});
