#!/usr/bin/env node
// Long simulator runs: node scripts/soak.mjs --seeds 100000 --steps 5000 [--from 1] [--workers 2]
//   [--profile mixed|leader-churn] [--faults name,...]
// (or npm run soak -w @runnel/raft -- --seeds ...). Needs a build (npm run soak builds first).
// Prints every violation with the one command that replays it; exits 1 if any seed failed.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const { parseFaults, parseProfile, runSimulation } = await import('../dist/simulator.js');

if (isMainThread) {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: process.env.RAFT_SOAK_SEEDS ?? '10000' },
      steps: { type: 'string', default: process.env.RAFT_SOAK_STEPS ?? '5000' },
      from: { type: 'string', default: '1' },
      workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
      faults: { type: 'string', default: '' },
      profile: { type: 'string', default: process.env.RAFT_PROFILE ?? 'mixed' },
    },
  });
  const seeds = Number(values.seeds);
  const steps = Number(values.steps);
  const from = Number(values.from);
  const workers = Math.max(1, Number(values.workers));
  parseFaults(values.faults); // fail fast on a misspelt fault or profile
  parseProfile(values.profile);
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let committed = 0;
  const per = Math.ceil(seeds / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const first = from + w * per;
      const last = Math.min(from + seeds - 1, first + per - 1);
      if (first > last) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { first, last, steps, faults: values.faults, profile: values.profile } });
        worker.on('message', (m) => {
          done++;
          committed += m.committed;
          if (m.violation) {
            failed++;
            console.log(m.violation);
          }
          if (done % 1000 === 0) console.log(`${done}/${seeds} seeds, ${failed} failed, ${Math.round((Date.now() - started) / 1000)} s`);
        });
        worker.on('error', reject);
        worker.on('exit', resolve);
      });
    }),
  );
  const secs = (Date.now() - started) / 1000;
  console.log(`${seeds} ${values.profile} seeds x ${steps} steps: ${failed} failed, mean committed index ${(committed / seeds).toFixed(1)}, ${secs.toFixed(1)} s`);
  process.exit(failed > 0 ? 1 : 0);
} else {
  const { first, last, steps, faults, profile } = workerData;
  for (let seed = first; seed <= last; seed++) {
    const r = runSimulation({ seed, steps, faults: parseFaults(faults), profile: parseProfile(profile) });
    parentPort.postMessage({ violation: r.violation, committed: r.committed });
  }
}
