import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { runCli } from '../cli/run-cli.js';
import { TestCluster } from '../harness/cluster.js';
import { tempDir, waitFor } from '../harness/processes.js';
import { createReplicatedTopic, describeErrors, duplicates, misplacedAcks, readPartition, sameIds, sendStream, type SendOutcome } from './replication-helpers.js';

/**
 * Partition reassignment across real processes: a partition on brokers [1, 2, 3] moves to
 * [2, 3, 4] with the CLI while an acks=all producer keeps writing. Broker 4 copies the log by
 * normal replication (throttled), joins the ISR, the controller completes the move, the leader
 * leaves broker 1 and broker 1 deletes its log. Nothing acknowledged is lost.
 */
describe('partition reassignment', () => {
  let cluster: TestCluster | undefined;
  let dir: { path: string; remove(): Promise<void> } | undefined;

  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
    await dir?.remove();
    dir = undefined;
  });

  it('moves a partition from [1,2,3] to [2,3,4] under acks=all load without losing an acknowledged record', async () => {
    cluster = await TestCluster.start({ nodes: 4, controllers: 3 });
    dir = await tempDir('reassign');
    const c = cluster;
    const topic = 'moving';
    const tp = { topic, partition: 0 };
    await createReplicatedTopic(c, topic, { replicas: [1, 2, 3] });

    // Records already in the log before the move: broker 4 has to copy them.
    const producer = new Producer({ bootstrap: c.bootstrap, acks: 'all', lingerMs: 5, requestTimeoutMs: 5_000, deliveryTimeoutMs: 60_000 });
    const payload = 'x'.repeat(2000);
    const before = await sendStream(producer, 600, (i) => ({ topic, partition: 0, value: `before-${i}-${payload}` }));
    expect(describeErrors(before)).toEqual([]);

    // --generate proposes a placement over the given brokers and changes nothing.
    const topicsFile = join(dir.path, 'topics.json');
    await writeFile(topicsFile, JSON.stringify({ version: 1, topics: [{ topic }] }));
    const generated = await runCli(['partitions', 'reassign', '--bootstrap', c.bootstrap, '--generate', '--topics-to-move-json-file', topicsFile, '--broker-list', '2,3,4']);
    expect(generated.code, generated.stderr).toBe(0);
    const [current, proposed] = generated.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { partitions: { replicas: number[] }[] });
    expect(current!.partitions[0]!.replicas).toEqual([1, 2, 3]);
    expect([...proposed!.partitions[0]!.replicas].sort()).toEqual([2, 3, 4]);

    const file = join(dir.path, 'reassignment.json');
    await writeFile(file, JSON.stringify({ version: 1, partitions: [{ topic, partition: 0, replicas: [2, 3, 4], log_dirs: ['any', 'any', 'any'] }] }));
    const bootstrap = ['--bootstrap', c.bootstrap];
    // Throttled to about a second for the copy of the existing 1.2 MB, well above the write rate below.
    const execute = runCli(
      ['partitions', 'reassign', ...bootstrap, '--execute', '--reassignment-json-file', file, '--throttle', '1000000', '--wait', '--progress-interval-ms', '200'],
      { timeoutMs: 60_000 },
    );
    let executeDone = false;
    void execute.finally(() => (executeDone = true));
    // Keep writing while the reassignment starts, copies and completes, and a little after.
    const during: SendOutcome[] = [];
    let roundsAfter = 0;
    while (!executeDone || roundsAfter++ < 1) {
      const base = during.length;
      during.push(...(await sendStream(producer, 100, (i) => ({ topic, partition: 0, value: `during-${base + i}` }), { window: 10 })));
    }
    await producer.close();
    const executed = await execute;
    expect(executed.code, executed.stderr).toBe(0);
    expect(executed.stdout).toContain('Successfully started partition reassignment for moving-0');
    // The rollback JSON names the replicas as they were.
    expect(executed.stdout).toContain('"replicas":[1,2,3]');
    expect(executed.stdout).toContain('Reassignment of partition moving-0 is completed.');
    expect(describeErrors(during)).toEqual([]);

    const verify = await runCli(['partitions', 'reassign', ...bootstrap, '--verify', '--reassignment-json-file', file]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Reassignment of partition moving-0 is completed.');

    // Every node agrees on the new replicas, with the leader off broker 1 and the full ISR.
    const view = await c.waitForPartition(topic, 0, 'replicas [2,3,4] in sync', (v) => sameIds(v.replicas, [2, 3, 4]) && sameIds(v.isr, [2, 3, 4]) && v.leader !== 1);
    expect(view.replicas).toEqual([2, 3, 4]);

    // Every acknowledged record is in the log once, read from the new leader.
    const records = await readPartition(c.bootstrap, topic, 0);
    expect(misplacedAcks([...before, ...during], records)).toEqual([]);
    expect(duplicates(records)).toEqual([]);
    expect(records.length).toBe(before.length + during.length);

    const admin = new Admin({ bootstrap: c.bootstrap, requestTimeoutMs: 10_000 });
    try {
      expect(await admin.listPartitionReassignments()).toEqual([]);
      // Broker 4 holds the same log as the leader.
      const leaderEnd = (await admin.replicaLogs(view.leader, [tp]))[0]!.logEndOffset;
      expect(leaderEnd).toBe(records.length);
      await waitFor('broker 4 at the leader\'s log end', async () => (await admin.replicaLogs(4, [tp]))[0]?.logEndOffset === leaderEnd);
      // Broker 1 dropped the partition and deleted its log directory.
      await waitFor('broker 1 no longer hosts moving-0', async () => (await admin.replicaLogs(1, [tp])).length === 0);
      expect(existsSync(join(c.dataDir(1), 'moving-0'))).toBe(false);
      expect(existsSync(join(c.dataDir(4), 'moving-0'))).toBe(true);

      // A second move, throttled to a crawl, is still in progress for --verify, then cancelled:
      // the original replicas are back and broker 4 drops the copy it started.
      await createReplicatedTopic(c, 'stays', { replicas: [1, 2, 3] });
      const filler = new Producer({ bootstrap: c.bootstrap, acks: 'all', lingerMs: 5 });
      const filled = await sendStream(filler, 200, (i) => ({ topic: 'stays', partition: 0, value: `stays-${i}-${payload}` }));
      await filler.close();
      expect(describeErrors(filled)).toEqual([]);
      const slowFile = join(dir.path, 'slow.json');
      await writeFile(slowFile, JSON.stringify({ version: 1, partitions: [{ topic: 'stays', partition: 0, replicas: [1, 2, 4] }] }));
      const slow = await runCli(['partitions', 'reassign', ...bootstrap, '--execute', '--reassignment-json-file', slowFile, '--throttle', '1000']);
      expect(slow.code, slow.stderr).toBe(0);
      const again = await runCli(['partitions', 'reassign', ...bootstrap, '--execute', '--reassignment-json-file', slowFile]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('--additional');
      const inProgress = await runCli(['partitions', 'reassign', ...bootstrap, '--verify', '--reassignment-json-file', slowFile]);
      expect(inProgress.code).toBe(3);
      expect(inProgress.stdout).toContain('Reassignment of partition stays-0 is still in progress.');
      expect(await admin.listPartitionReassignments()).toEqual([
        { topic: 'stays', partition: 0, replicas: [1, 2, 4, 3], addingReplicas: [4], removingReplicas: [3] },
      ]);
      const cancelled = await runCli(['partitions', 'reassign', ...bootstrap, '--cancel', '--reassignment-json-file', slowFile]);
      expect(cancelled.code, cancelled.stderr).toBe(0);
      expect(cancelled.stdout).toContain('Successfully cancelled partition reassignment for: stays-0');
      await c.waitForPartition('stays', 0, 'back on [1,2,3]', (v) => sameIds(v.replicas, [1, 2, 3]) && v.leader === 1);
      await waitFor('broker 4 dropped stays-0', async () => (await admin.replicaLogs(4, [{ topic: 'stays', partition: 0 }])).length === 0);
      expect(await admin.listPartitionReassignments()).toEqual([]);
      expect((await readPartition(c.bootstrap, 'stays', 0)).length).toBe(200);
    } finally {
      await admin.close();
    }
  }, 120_000);
});
