import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Producer } from '@runnel/client';
import { RUNNEL_BIN, TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { cliAgainst, expectOneLineError, lines, table } from './run-cli.js';

const TOPIC = 'ledger';
/** Records produced to each partition of TOPIC; partition 2 stays empty. */
const PRODUCED = [10, 4, 0];
/** Timestamp of record i in partition 0. */
const BASE_TS = 1_800_000_000_000;
const tsOf = (i: number): number => BASE_TS + i * 1000;

let cluster: TestCluster;
let admin: Admin;

beforeAll(async () => {
  cluster = await TestCluster.start({ config: { 'offsets.topic.num.partitions': '3', 'group.initial.rebalance.delay.ms': '0' } });
  admin = new Admin({ bootstrap: cluster.bootstrap, retryBackoffMs: 50 });
  await admin.createTopics([{ name: TOPIC, numPartitions: 3, replicationFactor: 3 }]);
  for (let p = 0; p < 3; p++) await cluster.waitForLeader(TOPIC, p);
  const producer = new Producer({ bootstrap: cluster.bootstrap, lingerMs: 0 });
  try {
    for (let p = 0; p < PRODUCED.length; p++) {
      await producer.send(Array.from({ length: PRODUCED[p]! }, (_, i) => ({ topic: TOPIC, partition: p, value: `p${p}-${i}`, timestamp: p === 0 ? tsOf(i) : undefined })));
    }
  } finally {
    await producer.close();
  }
}, 90_000);

afterAll(async () => {
  await admin?.close();
  await cluster?.close();
});

const { runnel, ok } = cliAgainst(() => cluster.bootstrap);

/** Where each cell of a table line starts. */
function cellStarts(line: string): number[] {
  return [...line.matchAll(/(?:^|(?<= ))\S/g)].map((m) => m.index);
}

/** Committed offsets of a group by partition of TOPIC (only partitions with a commit). */
async function committed(group: string): Promise<Map<number, number>> {
  const offsets = await admin.listGroupOffsets(group);
  return new Map(offsets.filter((o) => o.topic === TOPIC && o.offset >= 0).map((o) => [o.partition, o.offset]));
}

const OFFSETS_HEADER = ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID'];

describe('runnel groups', () => {
  it('describes committed offsets and lag, lists, resets (dry run, then executed) and deletes a group', async () => {
    const commits = new Map([[0, 7], [1, 4]]);
    await admin.alterGroupOffsets('billing', [...commits].map(([partition, offset]) => ({ topic: TOPIC, partition, offset })));

    const described = await ok(['groups', 'describe', '--group', 'billing']);
    expect(described.stderr).toMatch(/Consumer group 'billing' has no active members\./);
    const rows = table(described.stdout);
    expect(rows[0]).toEqual(OFFSETS_HEADER);
    // One row per committed partition; nobody owns them; lag is what was produced past the commit.
    expect(rows.slice(1)).toEqual([...commits].map(([p, offset]) => ['billing', TOPIC, String(p), String(offset), String(PRODUCED[p]), String(PRODUCED[p]! - offset), '-', '-', '-']));
    // Every cell starts under its header.
    const [head, ...body] = lines(described.stdout);
    for (const line of body) expect(cellStarts(line)).toEqual(cellStarts(head!));

    const listed = table((await ok(['groups', 'list'])).stdout);
    expect(listed[0]).toEqual(['GROUP', 'STATE', 'PROTOCOL-TYPE']);
    expect(listed.find((r) => r[0] === 'billing')?.[1]).toBe('Empty');
    expect(table((await ok(['groups', 'list', '--state', 'stable'])).stdout).some((r) => r[0] === 'billing')).toBe(false);
    expect(table((await ok(['groups', 'list', '--state', 'Empty'])).stdout).some((r) => r[0] === 'billing')).toBe(true);

    const state = table((await ok(['groups', 'describe', '--group', 'billing', '--state'])).stdout);
    expect(state[0]).toEqual(['GROUP', 'COORDINATOR', '(ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']);
    expect(state[1]![0]).toBe('billing');
    expect(state[1]!.slice(-2)).toEqual(['Empty', '0']);
    const allGroups = table((await ok(['groups', 'describe', '--all-groups', '--state'])).stdout);
    expect(allGroups.filter((r) => r[0] === 'billing').map((r) => r.slice(-2))).toEqual([['Empty', '0']]);

    // Without --execute the plan is printed and nothing changes.
    const plan = await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', TOPIC, '--to-earliest']);
    expect(table(plan.stdout)).toEqual([['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], ...[0, 1, 2].map((p) => ['billing', TOPIC, String(p), '0'])]);
    expect(plan.stderr).toMatch(/Dry run/);
    expect(await committed('billing')).toEqual(commits);

    await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', TOPIC, '--to-earliest', '--execute']);
    expect(await committed('billing')).toEqual(new Map([[0, 0], [1, 0], [2, 0]]));

    // Each strategy, computed from what was produced.
    await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', `${TOPIC}:0`, '--to-offset', '5', '--execute']);
    expect((await committed('billing')).get(0)).toBe(5);
    await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', `${TOPIC}:0`, '--shift-by', '-2', '--execute']);
    expect((await committed('billing')).get(0)).toBe(3);
    const clamped = await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', `${TOPIC}:0`, '--shift-by', '100', '--execute']);
    expect(clamped.stderr).toMatch(/higher than the latest offset of ledger-0; it is set to 10/);
    expect((await committed('billing')).get(0)).toBe(PRODUCED[0]);
    // The first record at or after the time 3.5 records in is record 4.
    await ok(['groups', 'reset-offsets', '--group', 'billing', '--topic', `${TOPIC}:0`, '--to-datetime', new Date(tsOf(3) + 500).toISOString(), '--execute']);
    expect((await committed('billing')).get(0)).toBe(4);
    await ok(['groups', 'reset-offsets', '--group', 'billing', '--all-topics', '--to-latest', '--execute']);
    expect(await committed('billing')).toEqual(new Map(PRODUCED.map((n, p) => [p, n])));

    // Bad requests change nothing.
    expectOneLineError(await runnel(['groups', 'reset-offsets', '--group', 'billing', '--topic', `${TOPIC}:7`, '--to-earliest', '--execute']), /UNKNOWN_TOPIC_OR_PARTITION.*no partition 7/);
    expectOneLineError(await runnel(['groups', 'reset-offsets', '--group', 'billing', '--topic', TOPIC, '--to-earliest', '--to-latest']), /INVALID_CONFIG.*exactly one of/);
    expectOneLineError(await runnel(['groups', 'reset-offsets', '--group', 'billing', '--topic', TOPIC, '--by-duration', '15 minutes']), /INVALID_CONFIG.*PnDTnHnMnS/);
    expect(await committed('billing')).toEqual(new Map(PRODUCED.map((n, p) => [p, n])));

    const offsetsDeleted = await ok(['groups', 'delete-offsets', '--group', 'billing', '--topic', `${TOPIC}:2`]);
    expect(table(offsetsDeleted.stdout)).toEqual([['GROUP', 'TOPIC', 'PARTITION', 'STATUS'], ['billing', TOPIC, '2', 'Deleted']]);
    expect(await committed('billing')).toEqual(new Map([[0, PRODUCED[0]], [1, PRODUCED[1]]]));

    const deleted = await ok(['groups', 'delete', '--group', 'billing']);
    expect(deleted.stdout).toMatch(/Deleted consumer group 'billing'\./);
    expect(table((await ok(['groups', 'list'])).stdout).some((r) => r[0] === 'billing')).toBe(false);
    expect(await committed('billing')).toEqual(new Map());
    expectOneLineError(await runnel(['groups', 'describe', '--group', 'billing']), /GROUP_ID_NOT_FOUND.*'billing' does not exist/);
    expectOneLineError(await runnel(['groups', 'delete', '--group', 'billing']), /GROUP_ID_NOT_FOUND.*billing/);
  });

  it('consumes as a group member, and refuses to reset or delete the group while the member is live', async () => {
    const member = spawnConsumer(['consume', '--group', 'live', '--topic', TOPIC, '--from-beginning']);
    try {
      // With no committed offsets, --from-beginning reads every record there is.
      const total = PRODUCED.reduce((a, b) => a + b, 0);
      await waitFor('the member to print every record', async () => lines(member.stdout()).length >= total, { timeoutMs: 30_000 });
      expect([...lines(member.stdout())].sort()).toEqual(PRODUCED.flatMap((n, p) => Array.from({ length: n }, (_, i) => `p${p}-${i}`)).sort());

      const group = await waitFor('group live to be stable', async () => {
        const [d] = await admin.describeGroups(['live']);
        return d!.state === 'Stable' && d!.members.length === 1 ? d! : undefined;
      });
      const memberId = group.members[0]!.memberId;
      expect(group.members[0]!.assignment.map((tp) => tp.partition).sort()).toEqual([0, 1, 2]);

      const rows = table((await ok(['groups', 'describe', '--group', 'live'])).stdout);
      expect(rows[0]).toEqual(OFFSETS_HEADER);
      // Each partition's owner as the coordinator describes it (host and client id as it learned them).
      const { host, clientId } = group.members[0]!;
      expect(host).toMatch(/127\.0\.0\.1/);
      expect(rows.slice(1).map((r) => [r[1], r[2], r[6], r[7], r[8]])).toEqual([0, 1, 2].map((p) => [TOPIC, String(p), memberId, host, clientId || '-']));
      const members = table((await ok(['groups', 'describe', '--group', 'live', '--members', '--verbose'])).stdout);
      expect(members[0]).toEqual(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT']);
      expect(members[1]).toEqual(['live', memberId, host, clientId || '-', '3', `${TOPIC}(0,1,2)`]);

      expectOneLineError(await runnel(['groups', 'reset-offsets', '--group', 'live', '--topic', TOPIC, '--to-earliest', '--execute']), /NON_EMPTY_GROUP.*'live'.*1 live member.*stop its consumers/);
      expectOneLineError(await runnel(['groups', 'delete', '--group', 'live']), /NON_EMPTY_GROUP.*live/);
      expectOneLineError(await runnel(['groups', 'delete-offsets', '--group', 'live', '--topic', `${TOPIC}:1`]), /GROUP_SUBSCRIBED_TO_TOPIC.*ledger-1/);
      // The coordinator refuses a simple commit for a group with live members too.
      await expect(admin.alterGroupOffsets('live', [{ topic: TOPIC, partition: 0, offset: 0 }])).rejects.toMatchObject({ errorName: expect.stringMatching(/UNKNOWN_MEMBER_ID|NON_EMPTY_GROUP|ILLEGAL_GENERATION/) });
    } finally {
      await member.stop();
    }
    expect(member.code()).toBe(0);
    expect(member.stderr()).toMatch(new RegExp(`Processed a total of ${PRODUCED.reduce((a, b) => a + b, 0)} messages`));

    // Leaving commits what was consumed; the group is then empty and can be reset.
    const left = await waitFor('group live to be empty', async () => ((await admin.describeGroups(['live']))[0]!.state === 'Empty' ? true : undefined));
    expect(left).toBe(true);
    const after = await committed('live');
    expect([after.get(0), after.get(1)]).toEqual([PRODUCED[0], PRODUCED[1]]);

    await ok(['groups', 'reset-offsets', '--group', 'live', '--topic', `${TOPIC}:0`, '--to-offset', '8', '--execute']);
    // A new member starts from the committed offsets: only records 8 and 9 of partition 0 are left.
    const again = await ok(['consume', '--group', 'live', '--topic', TOPIC, '--timeout-ms', '4000', '--property', 'print.partition=true']);
    expect(lines(again.stdout)).toEqual(['Partition:0\tp0-8', 'Partition:0\tp0-9']);
    expect((await committed('live')).get(0)).toBe(PRODUCED[0]);
  });

  it('subscribes by pattern with --include and checks consume flags', async () => {
    const all = PRODUCED.flatMap((n, p) => Array.from({ length: n }, (_, i) => `p${p}-${i}`));
    // Stopped by --max-messages, the group commits exactly what was printed: the next run reads the rest, once.
    const first = await ok(['consume', '--group', 'pattern', '--include', 'led.*', '--from-beginning', '--max-messages', '5']);
    expect(lines(first.stdout)).toHaveLength(5);
    const committedFirst = await admin.listGroupOffsets('pattern');
    expect(committedFirst.reduce((sum, o) => sum + Math.max(0, o.offset), 0)).toBe(5);
    const rest = await ok(['consume', '--group', 'pattern', '--include', 'l.dger', '--timeout-ms', '4000']);
    expect([...lines(first.stdout), ...lines(rest.stdout)].sort()).toEqual([...all].sort());
    expectOneLineError(await runnel(['consume', '--include', 'led.*']), /INVALID_CONFIG.*--include.*--group/);
    expectOneLineError(await runnel(['consume', TOPIC, '--group', 'g', '--partition', '0']), /INVALID_CONFIG.*--group cannot be used with --partition/);
    expectOneLineError(await runnel(['consume', TOPIC, '--group', 'g', '--from-beginning', '--consumer-property', 'auto.offset.reset=latest']), /INVALID_CONFIG.*contradict/);
    expectOneLineError(await runnel(['consume', TOPIC, '--group', 'g', '--consumer-property', 'no.such.thing=1']), /INVALID_CONFIG.*unknown --consumer-property no\.such\.thing/);
  });
});

interface Background {
  stdout(): string;
  stderr(): string;
  code(): number | null;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

/** A `runnel` command left running (a live group member). */
function spawnConsumer(args: string[]): Background {
  const child: ChildProcess = spawn(process.execPath, [RUNNEL_BIN, ...args, '--bootstrap', cluster.bootstrap], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exitCode: number | null = null;
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => {
    exitCode = code;
    resolve();
  }));
  return {
    stdout: () => out,
    stderr: () => err,
    code: () => exitCode,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
