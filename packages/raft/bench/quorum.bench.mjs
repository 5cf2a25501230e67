// Three-voter Raft quorum of real processes on 127.0.0.1 (gRPC + LevelDB with sync writes):
// committed entries/s for 100-byte entries, commit latency at half that rate and at 10,000/s (half
// the 20,000/s goal), and the time from SIGKILL of the leader to a new leader committing.
//   npm run bench -w @runnel/raft
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../scripts/voter-process.mjs', import.meta.url));
const COUNT = Number(process.env.BENCH_ENTRIES ?? 60_000);
const SIZE = 100;
// The goal's latency point: half of its 20,000 entries/s, whatever this machine's maximum is.
const GOAL_RATE = Number(process.env.BENCH_GOAL_RATE ?? 10_000);

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

class Voter {
  constructor(id, dir, voters) {
    this.id = id;
    this.events = [];
    this.waiters = [];
    this.proc = spawn(process.execPath, [SCRIPT, String(id), join(dir, `n${id}`), voters], { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const e = JSON.parse(line);
      this.events.push(e);
      for (const w of [...this.waiters]) if (w.match(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    });
  }
  send(cmd) {
    this.proc.stdin.write(JSON.stringify(cmd) + '\n');
  }
  next(match) {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] / 1000;

const dir = await mkdtemp(join(tmpdir(), 'runnel-raft-bench-'));
const ports = await Promise.all([1, 2, 3].map(freePort));
const spec = ports.map((p, i) => `${i + 1}@127.0.0.1:${p}`).join(',');
const voters = [1, 2, 3].map((id) => new Voter(id, dir, spec));
try {
  const leader = await Promise.race(voters.map((v) => v.next((e) => e.event === 'leader').then(() => v)));
  // Warm up, then the closed-loop maximum.
  leader.send({ cmd: 'bench', count: 5_000, size: SIZE, inflight: 256 });
  await leader.next((e) => e.event === 'bench');
  leader.send({ cmd: 'bench', count: COUNT, size: SIZE, inflight: 512 });
  const max = await leader.next((e) => e.event === 'bench');
  const maxRate = max.count / max.seconds;
  const half = Math.round(maxRate / 2);
  leader.send({ cmd: 'bench', count: Math.min(COUNT, half * 5), size: SIZE, rate: half });
  const atHalf = await leader.next((e) => e.event === 'bench');
  leader.send({ cmd: 'bench', count: Math.min(COUNT, GOAL_RATE * 5), size: SIZE, rate: GOAL_RATE });
  const atGoal = await leader.next((e) => e.event === 'bench');

  // Failover: SIGKILL the leader; the survivors are asked to commit until one can.
  const killedAt = performance.now();
  leader.proc.kill('SIGKILL');
  const survivors = voters.filter((v) => v !== leader);
  let failoverMs;
  while (failoverMs === undefined) {
    const attempts = survivors.map((v) => {
      v.send({ cmd: 'propose', data: 'failover' });
      return v.next((e) => e.event === 'committed' || e.event === 'refused');
    });
    const results = await Promise.all(attempts);
    if (results.some((r) => r.event === 'committed')) failoverMs = performance.now() - killedAt;
    else await new Promise((r) => setTimeout(r, 20));
  }

  const rows = [
    ['workload', 'entries/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms'],
    [`max throughput (512 in flight)`, Math.round(maxRate).toLocaleString('en-US'), pct(max.latenciesUs, 50), pct(max.latenciesUs, 99), pct(max.latenciesUs, 99.9), pct(max.latenciesUs, 100)],
    [`fixed rate ${half.toLocaleString('en-US')}/s (half)`, Math.round(atHalf.count / atHalf.seconds).toLocaleString('en-US'), pct(atHalf.latenciesUs, 50), pct(atHalf.latenciesUs, 99), pct(atHalf.latenciesUs, 99.9), pct(atHalf.latenciesUs, 100)],
    [`fixed rate ${GOAL_RATE.toLocaleString('en-US')}/s (goal point)`, Math.round(atGoal.count / atGoal.seconds).toLocaleString('en-US'), pct(atGoal.latenciesUs, 50), pct(atGoal.latenciesUs, 99), pct(atGoal.latenciesUs, 99.9), pct(atGoal.latenciesUs, 100)],
  ].map((r) => r.map((c) => (typeof c === 'number' ? c.toFixed(2) : c)));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log(`\nRaft quorum: 3 voter processes on 127.0.0.1, ${SIZE}-byte entries, synced LevelDB writes`);
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
  for (const r of [atHalf, atGoal]) if (r.refused > 0) console.log(`fixed rate: ${r.refused} proposals refused (counted as infinite latency)`);
  console.log(`failover: SIGKILL of the leader to the next commit: ${failoverMs.toFixed(0)} ms\n`);
} finally {
  for (const v of voters) v.proc.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
}
