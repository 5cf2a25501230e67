import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin } from '@runnel/client';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { cliAgainst, expectOneLineError } from '../cli/run-cli.js';

/**
 * Changing the controller quorum with `runnel quorum add-voter|remove-voter` on four combined
 * nodes: 1-3 start as the voters, 4 starts as a controller outside controller.quorum.voters.
 */
let cluster: TestCluster;
let admin: Admin;
/** Nodes a client may bootstrap from (node 4's broker has no metadata until it is added). */
let reachable = [1, 2, 3];
const bootstrap = (): string => reachable.map((id) => cluster.clientAddress(id)).join(',');

beforeAll(async () => {
  cluster = await TestCluster.start({ nodes: 4, controllers: 3, joining: [4], config: { 'auto.leader.rebalance.enable': 'false' } });
  admin = new Admin({ bootstrap: bootstrap(), retryBackoffMs: 50 });
}, 90_000);

afterAll(async () => {
  await admin?.close();
  await cluster?.close();
});

const { runnel, ok } = cliAgainst(bootstrap, 90_000);

async function voters(): Promise<number[]> {
  return (await admin.describeQuorum()).voters.map((v) => v.nodeId).sort((a, b) => a - b);
}

/** Creates an RF3 topic and waits until node `via` knows its leader. */
async function createTopicSeenBy(name: string, via: number): Promise<void> {
  await admin.createTopics([{ name, numPartitions: 1, replicationFactor: 3 }]);
  await waitFor(`node ${via} to see topic ${name}`, async () => (await cluster.describePartition(name, 0, via))?.leader !== undefined, { timeoutMs: 20_000 });
}

describe('runnel quorum', () => {
  it('adds a running controller as a voter once it has caught up, and it counts toward the majority', async () => {
    await createTopicSeenBy('before-join', 1);
    const endpoint = `127.0.0.1:${cluster.ports(4).controller!}`;
    const added = await ok(['quorum', 'add-voter', '--node-id', '4', '--endpoint', endpoint]);
    expect(added.stdout).toContain('Controller 4 is a voter.');
    expect(await voters()).toEqual([1, 2, 3, 4]);

    // Its broker now follows the metadata log through its own controller and serves.
    await cluster.waitReady([4]);
    reachable = [1, 2, 3, 4];
    expect((await cluster.describePartition('before-join', 0, 4))?.replicas).toHaveLength(3);

    // Four voters need three: with two of the first three down, node 4's vote is what commits.
    const active = (await admin.describeQuorum()).leaderId;
    const down = [1, 2, 3].filter((id) => id !== active).slice(0, 1);
    await cluster.kill(down[0]!);
    reachable = [1, 2, 3, 4].filter((id) => id !== down[0]);
    await createTopicSeenBy('with-node-4', 4);
    await cluster.restart(down[0]!);
    reachable = [1, 2, 3, 4];
    // The restarted node knew only the first three voters from its config: it learns node 4 from the log.
    await waitFor('every voter within 10 entries of the leader', async () => {
      const q = await admin.describeQuorum();
      return q.voters.length === 4 && q.voters.every((v) => v.logEndOffset >= q.highWatermark - 10);
    }, { timeoutMs: 30_000 });
  }, 120_000);

  it('removes a voter, which keeps following the log as an observer', async () => {
    const removed = (await voters()).find((id) => id !== 4)!;
    const r = await ok(['quorum', 'remove-voter', '--node-id', String(removed)]);
    expect(r.stdout).toContain(`Controller ${removed} is no longer a voter`);
    expect(await voters()).toEqual([1, 2, 3, 4].filter((id) => id !== removed));
    const q = await admin.describeQuorum();
    expect(q.observers.map((o) => o.nodeId)).toContain(removed);

    // Its broker still receives new metadata.
    await createTopicSeenBy('after-removal', removed);
    // And it stays out of the quorum across a restart.
    await cluster.restart(removed);
    await cluster.waitReady([removed]);
    await createTopicSeenBy('after-restart', removed);
    expect(await voters()).toEqual([1, 2, 3, 4].filter((id) => id !== removed));
  }, 120_000);

  it('refuses bad changes with one line and changes nothing', async () => {
    const before = await voters();
    expectOneLineError(await runnel(['quorum', 'add-voter', '--node-id', String(before[0]), '--endpoint', '127.0.0.1:1']), /INVALID_REQUEST.*already a voter/);
    expectOneLineError(await runnel(['quorum', 'remove-voter', '--node-id', '77']), /INVALID_REQUEST.*not a voter/);
    expectOneLineError(await runnel(['quorum', 'add-voter', '--node-id', '5', '--endpoint', 'nowhere']), /INVALID_REQUEST.*--endpoint 'nowhere': no :port/);
    expectOneLineError(await runnel(['quorum', 'add-voter', '--node-id', '0', '--endpoint', '127.0.0.1:1']), /--node-id must be a whole number from 1/);
    expect(await voters()).toEqual(before);
  }, 60_000);
});
