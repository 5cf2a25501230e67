// One consumer-group member in its own process, for tests that SIGKILL members. Configured by a
// JSON argument; reports what happens as JSON lines on stdout:
//   {"event":"assigned"|"revoked"|"lost","partitions":[n,...],"generation":g}
//   {"event":"records","records":[[partition,offset,value],...]}
//   {"event":"committed","offsets":{"<partition>":offset}}
// SIGTERM closes the consumer (leaving the group) and exits.
import { Consumer } from '@runnel/client';

const opts = JSON.parse(process.argv[2]);
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const consumer = new Consumer({
  bootstrap: opts.bootstrap,
  groupId: opts.groupId,
  clientId: opts.clientId,
  groupInstanceId: opts.groupInstanceId,
  autoOffsetReset: 'earliest',
  enableAutoCommit: false,
  sessionTimeoutMs: opts.sessionTimeoutMs ?? 6_000,
  heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 500,
  partitionAssignmentStrategy: opts.strategy ? [opts.strategy] : undefined,
  fetchMaxWaitMs: 100,
});
const generation = () => consumer.groupMetadata().generationId;
const nums = (tps) => tps.map((tp) => tp.partition).sort((a, b) => a - b);
consumer.subscribe([opts.topic], {
  onPartitionsRevoked: async (tps) => {
    // Commit what was consumed before the partitions go, as Kafka users do.
    await commit();
    emit({ event: 'revoked', partitions: nums(tps), generation: generation() });
  },
  onPartitionsAssigned: (tps) => emit({ event: 'assigned', partitions: nums(tps), generation: generation() }),
  onPartitionsLost: (tps) => emit({ event: 'lost', partitions: nums(tps), generation: generation() }),
});

const consumed = new Map();
async function commit() {
  if (consumed.size === 0) return;
  const offsets = [...consumed].map(([partition, offset]) => ({ topic: opts.topic, partition, offset: offset + 1 }));
  await consumer.commitSync(offsets);
  emit({ event: 'committed', offsets: Object.fromEntries(offsets.map((o) => [o.partition, o.offset])) });
  consumed.clear();
}

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
while (!stopping) {
  const records = await consumer.poll(200);
  if (records.length === 0) continue;
  emit({ event: 'records', records: records.map((r) => [r.partition, r.offset, r.value?.toString() ?? null]) });
  for (const r of records) consumed.set(r.partition, r.offset);
  await commit();
}
await consumer.close();
emit({ event: 'closed' });
process.exit(0);
