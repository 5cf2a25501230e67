// One Raft voter as a process, for the multi-process test and the quorum benchmark.
//   node scripts/voter-process.mjs <id> <dir> <id@host:port,...>
// Reads JSON commands on stdin, one per line, and answers with JSON lines on stdout:
//   {"cmd":"propose","data":"..."}            -> {"event":"committed","index":N} | {"event":"refused","error":...}
//   {"cmd":"state"}                           -> {"event":"state","role":..,"term":..,"leaderId":..,"commitIndex":..,"applied":N}
//   {"cmd":"dump"}                            -> {"event":"dump","values":[...]}   (every applied normal entry)
//   {"cmd":"bench","count":N,"size":B,"inflight":K}            closed loop, K proposals in flight
//   {"cmd":"bench","count":N,"size":B,"rate":R}                 open loop at R proposals/s; latency
//                                                               counted from each intended send time
//       -> {"event":"bench","count":N,"seconds":S,"refused":N,"latenciesUs":[...sorted sample...]}
// Prints {"event":"leader","id":..,"term":..} whenever this node becomes leader. Exits when stdin closes.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { addService, bindServer, createServer } from '@runnel/protocol';
import { AppliedWatch, GrpcTransport, RaftNode, quorumHandlers } from '../dist/index.js';

const [idArg, dir, votersArg] = process.argv.slice(2);
const id = Number(idArg);
const addresses = new Map(votersArg.split(',').map((v) => {
  const [vid, address] = v.split('@');
  return [Number(vid), address];
}));
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const values = [];
const machine = {
  apply(entry) {
    if (entry.type === 'normal') values.push(entry.data.toString());
  },
  snapshot() {
    return Buffer.from(JSON.stringify(values));
  },
  restore(snapshot) {
    values.length = 0;
    if (snapshot.data.length > 0) values.push(...JSON.parse(snapshot.data.toString()));
  },
};

const applied = new AppliedWatch();
const transport = new GrpcTransport(id, addresses, logger);
const node = await RaftNode.start({
  id,
  voters: [...addresses.keys()],
  dir,
  transport,
  stateMachine: applied.wrap(machine),
  logger,
  snapshotEvery: 100_000,
  // The open-loop benchmark's queueing must show as latency, not as refused proposals.
  maxPendingProposals: 1 << 16,
});
const server = createServer();
addService(server, 'Quorum', quorumHandlers({ transport, source: node, applied, logger }));
await bindServer(server, addresses.get(id));

let wasLeader = false;
setInterval(() => {
  if (node.isLeader && !wasLeader) out({ event: 'leader', id, term: node.term });
  wasLeader = node.isLeader;
}, 10).unref();

async function bench({ count, size, inflight, rate }) {
  const payload = Buffer.alloc(size, 'x');
  const latencies = new Float64Array(count);
  const start = process.hrtime.bigint();
  const elapsedUs = () => Number(process.hrtime.bigint() - start) / 1000;
  let refused = 0;
  if (rate) {
    // Open loop: proposal i is due at i/rate seconds; a late send still counts from its due time.
    const pending = [];
    let issued = 0;
    while (issued < count) {
      const due = Math.min(count, Math.floor((elapsedUs() / 1e6) * rate) + 1);
      for (; issued < due; issued++) {
        const i = issued;
        const intended = (i / rate) * 1e6;
        pending.push(node.propose(payload).then(
          () => (latencies[i] = elapsedUs() - intended),
          () => {
            refused++;
            latencies[i] = Infinity;
          },
        ));
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const t0 = elapsedUs();
        await node.propose(payload);
        latencies[i] = elapsedUs() - t0;
      }
    };
    await Promise.all(Array.from({ length: inflight }, worker));
  }
  const seconds = elapsedUs() / 1e6;
  latencies.sort();
  const step = Math.max(1, Math.floor(count / 10_000));
  const sample = [];
  for (let i = 0; i < count; i += step) sample.push(Math.round(latencies[i]));
  return { count, seconds, refused, latenciesUs: sample };
}

out({ event: 'started', id });
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line);
  try {
    if (cmd.cmd === 'propose') out({ event: 'committed', index: await node.propose(Buffer.from(cmd.data)), data: cmd.data });
    else if (cmd.cmd === 'state') out({ event: 'state', role: node.role, term: node.term, leaderId: node.leaderId, commitIndex: node.commitIndex, applied: values.length });
    else if (cmd.cmd === 'dump') out({ event: 'dump', values });
    else if (cmd.cmd === 'bench') out({ event: 'bench', ...(await bench(cmd)) });
  } catch (err) {
    out({ event: 'refused', error: err.errorName ?? String(err), message: err.message, data: cmd.data });
  }
}
// stdin closed: shut down cleanly (lets --cpu-prof write its profile).
await node.close();
process.exit(0);
