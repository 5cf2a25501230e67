import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../harness/cluster.js';
import { waitFor } from '../harness/processes.js';
import { expectOneLineError, lines, runCli, type CliResult } from './run-cli.js';

interface DescribedTopic {
  name: string;
  partitions: { partition: number; leader: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }[];
  configs: Record<string, string>;
}

interface JsonRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string | null }[];
}

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await TestCluster.start();
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

/** Run against the test cluster. */
function runnel(args: string[], input?: string): Promise<CliResult> {
  return runCli([...args, '--bootstrap', cluster.bootstrap], { input });
}

async function ok(args: string[], input?: string): Promise<CliResult> {
  const r = await runnel(args, input);
  if (r.code !== 0) throw new Error(`runnel ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** Create a topic and wait until every partition has a leader in the metadata brokers serve. */
async function createTopic(name: string, partitions: number): Promise<void> {
  await ok(['topics', 'create', name, '--partitions', String(partitions), '--replication-factor', '3']);
  await waitFor(`leaders for ${name}`, async () => {
    const r = await runnel(['topics', 'describe', name, '--output', 'json']);
    if (r.code !== 0) return false;
    const [t] = JSON.parse(r.stdout) as DescribedTopic[];
    return t!.partitions.length === partitions && t!.partitions.every((p) => p.leader >= 0);
  });
}

describe('runnel topics', () => {
  it('creates, lists, describes, alters and deletes a topic', async () => {
    const created = await ok(['topics', 'create', 'orders', '--partitions', '3', '--replication-factor', '3', '--config', 'min.insync.replicas=2']);
    expect(created.stdout).toMatch(/Created topic orders \(3 partitions, replication factor 3\)/);

    const listed = await ok(['topics', 'list']);
    expect(lines(listed.stdout)).toContain('orders');
    const listedJson = JSON.parse((await ok(['topics', 'list', '--output', 'json'])).stdout) as string[];
    expect(listedJson).toContain('orders');

    // Leaders are elected and reach every broker's metadata shortly after creation.
    const described = await waitFor('orders fully replicated', async () => {
      const [t] = JSON.parse((await ok(['topics', 'describe', 'orders', '--output', 'json'])).stdout) as DescribedTopic[];
      return t!.partitions.every((p) => p.leader >= 0 && p.isr.length === 3) ? t! : false;
    });
    expect(described.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    for (const p of described.partitions) {
      expect([...p.replicas].sort()).toEqual([1, 2, 3]);
      expect(p.replicas).toContain(p.leader);
      expect([...p.isr].sort()).toEqual([1, 2, 3]);
      expect(p.offlineReplicas).toEqual([]);
    }
    expect(described.configs).toEqual({ 'min.insync.replicas': '2' });

    // The table shows the same facts, one aligned row per partition.
    const table = lines((await ok(['topics', 'describe', 'orders'])).stdout);
    expect(table[0]).toMatch(/^Topic: orders\s+Partitions: 3\s+ReplicationFactor: 3\s+Configs: min\.insync\.replicas=2$/);
    expect(table[1]!.trim().split(/\s+/)).toEqual(['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'OFFLINE']);
    for (const p of described.partitions) {
      const row = table[2 + p.partition]!;
      expect(row.trim().split(/\s+/)).toEqual([String(p.partition), String(p.leader), p.replicas.join(','), p.isr.join(','), '-']);
      expect(row.indexOf(p.replicas.join(','))).toBe(table[1]!.indexOf('REPLICAS'));
    }

    await ok(['topics', 'alter', 'orders', '--partitions', '4', '--config', 'retention.ms=60000', '--delete-config', 'min.insync.replicas']);
    const altered = await waitFor('orders altered', async () => {
      const [t] = JSON.parse((await ok(['topics', 'describe', 'orders', '--output', 'json'])).stdout) as DescribedTopic[];
      return t!.partitions.length === 4 ? t! : false;
    });
    expect(altered.configs).toEqual({ 'retention.ms': '60000' });

    // One unknown name among several deletes nothing.
    expectOneLineError(await runnel(['topics', 'delete', 'orders', 'no-such-topic']), /UNKNOWN_TOPIC_OR_PARTITION.*no-such-topic.*nothing was deleted/);
    expect(lines((await ok(['topics', 'list'])).stdout)).toContain('orders');

    const deleted = await ok(['topics', 'delete', 'orders']);
    expect(deleted.stdout).toMatch(/Deleted topic orders/);
    await waitFor('orders gone from the list', async () => !lines((await ok(['topics', 'list'])).stdout).includes('orders'));
    expectOneLineError(await runnel(['topics', 'describe', 'orders']), /UNKNOWN_TOPIC_OR_PARTITION.*orders/);
  });
});

describe('runnel produce and consume', () => {
  it('consumes back exactly the lines produced, keys included, with per-key order kept', async () => {
    await createTopic('keyed', 3);
    const input = Array.from({ length: 60 }, (_, i) => `user-${i % 7}:event ${i} naïve ✓ with: colons`);
    const produced = await ok(['produce', 'keyed', '--property', 'parse.key=true', '--property', 'key.separator=:'], input.join('\n') + '\n');
    expect(lines(produced.stderr)).toEqual(['60 records sent to keyed, 0 failed']);

    const consumed = await ok(['consume', 'keyed', '--from-beginning', '--max-messages', '60', '--property', 'print.key=true', '--property', 'key.separator=:']);
    const out = lines(consumed.stdout);
    expect([...out].sort()).toEqual([...input].sort());
    const byKey = (rows: string[], key: string): string[] => rows.filter((l) => l.startsWith(`${key}:`));
    for (let k = 0; k < 7; k++) expect(byKey(out, `user-${k}`)).toEqual(byKey(input, `user-${k}`));
    expect(lines(consumed.stderr)).toEqual(['Processed a total of 60 messages']);
  });

  it('sends to the partition given and reads it back as JSON, values byte for byte', async () => {
    await createTopic('pinned', 3);
    const values = ['plain', '  leading and trailing spaces  ', '', 'tab\tinside', 'ünïcödé ✓ 日本', '{"json":"as text"}'];
    await ok(['produce', 'pinned', '--partition', '1', '--compression', 'gzip', '--acks', '1'], values.join('\n') + '\n');

    const consumed = await ok(['consume', 'pinned', '--from-beginning', '--max-messages', String(values.length), '--output', 'json']);
    const records = lines(consumed.stdout).map((l) => JSON.parse(l) as JsonRecord);
    expect(records.map((r) => r.value)).toEqual(values);
    expect(records.map((r) => r.partition)).toEqual(values.map(() => 1));
    expect(records.map((r) => r.offset)).toEqual(values.map((_, i) => i));
    expect(records.every((r) => r.topic === 'pinned' && r.key === null && r.headers.length === 0)).toBe(true);

    // The text form is the value alone, one line each, exactly as produced.
    const text = await ok(['consume', 'pinned', '--partition', '1', '--offset', 'earliest', '--max-messages', String(values.length)]);
    expect(text.stdout).toBe(values.map((v) => `${v}\n`).join(''));
  });

  it('starts where asked and stops after --max-messages or --timeout-ms', async () => {
    await createTopic('numbers', 1);
    const input = Array.from({ length: 20 }, (_, i) => `n${i}`);
    await ok(['produce', 'numbers', '--compression', 'zstd'], input.join('\n'));

    const first = await ok(['consume', 'numbers', '--from-beginning', '--max-messages', '4']);
    expect(lines(first.stdout)).toEqual(input.slice(0, 4));

    const fromOffset = await ok(['consume', 'numbers', '--partition', '0', '--offset', '15', '--max-messages', '3', '--property', 'print.offset=true', '--property', 'print.partition=true']);
    expect(lines(fromOffset.stdout)).toEqual([15, 16, 17].map((o) => `Partition:0\tOffset:${o}\tn${o}`));

    // --timeout-ms ends a read that has run out of records, with everything printed.
    const all = await ok(['consume', 'numbers', '--from-beginning', '--timeout-ms', '3000']);
    expect(lines(all.stdout)).toEqual(input);
    expect(lines(all.stderr)).toEqual(['Processed a total of 20 messages']);
  });

  it('carries headers in and prints timestamp, headers and key the way the Kafka console consumer does', async () => {
    await createTopic('with-headers', 1);
    const before = Date.now();
    await ok(['produce', 'with-headers', '--property', 'parse.headers=true', '--property', 'headers.delimiter=|', '--key-separator', '='], 'trace:abc,src:cli|k1=v1\n|k2=v2\n');
    const after = Date.now();
    const consumed = await ok(['consume', 'with-headers', '--from-beginning', '--max-messages', '2', '--property', 'print.timestamp=true', '--property', 'print.headers=true', '--property', 'print.key=true']);
    const rows = lines(consumed.stdout).map((l) => l.split('\t'));
    expect(rows.map((r) => r.slice(1))).toEqual([['trace:abc,src:cli', 'k1', 'v1'], ['NO_HEADERS', 'k2', 'v2']]);
    for (const [ts] of rows) {
      const t = Number(ts!.replace(/^CreateTime:/, ''));
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(after);
    }
  });
});

describe('bad input gets one line and a non-zero exit', () => {
  it('unknown topic on produce and consume', async () => {
    expectOneLineError(await runnel(['produce', 'no-such-topic'], 'x\n'), /UNKNOWN_TOPIC_OR_PARTITION.*'no-such-topic' does not exist/);
    expectOneLineError(await runnel(['consume', 'no-such-topic', '--from-beginning']), /UNKNOWN_TOPIC_OR_PARTITION.*'no-such-topic' does not exist/);
  });

  it('illegal topic name and a replication factor above the broker count, creating nothing', async () => {
    expectOneLineError(await runnel(['topics', 'create', 'bad/name']), /INVALID_TOPIC_EXCEPTION/);
    expectOneLineError(await runnel(['topics', 'create', 'too-many-replicas', '--replication-factor', '5']), /INVALID_REPLICATION_FACTOR.*5/);
    const listed = lines((await ok(['topics', 'list'])).stdout);
    expect(listed).not.toContain('bad/name');
    expect(listed).not.toContain('too-many-replicas');
  });

  it('a partition the topic does not have, an offset without --partition, bad flag values and unknown flags', async () => {
    await createTopic('small', 1);
    expectOneLineError(await runnel(['consume', 'small', '--partition', '5']), /UNKNOWN_TOPIC_OR_PARTITION.*no partition 5/);
    expectOneLineError(await runnel(['produce', 'small', '--partition', '5'], 'x\n'), /UNKNOWN_TOPIC_OR_PARTITION.*no partition 5/);
    expectOneLineError(await runnel(['consume', 'small', '--offset', '3']), /--offset needs --partition/);
    expectOneLineError(await runnel(['topics', 'create', 'x', '--partitions', 'many']), /--partitions must be a whole number/);
    expectOneLineError(await runnel(['produce', 'small', '--acks', '2']), /--acks must be 0, 1 or all/);
    expectOneLineError(await runnel(['consume', 'small', '--property', 'print.colour=true']), /unknown --property print\.colour/);
    expectOneLineError(await runnel(['consume', 'small', '--no-such-flag']), /unknown option '--no-such-flag'/);
  });

  it('a line without the key separator stops the producer and fails the run', async () => {
    await createTopic('strict-keys', 1);
    const r = await runnel(['produce', 'strict-keys', '--key-separator', '='], 'a=1\nno separator here\nb=2\n');
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain('    at ');
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^runnel: INVALID_RECORD: line 2 has no key separator "="/),
      '1 record sent to strict-keys, 1 failed; stopped reading input: line 2 is malformed',
    ]);
    // Nothing after the bad line was sent: the next record produced follows 'a=1' directly.
    await ok(['produce', 'strict-keys', '--key-separator', '='], 'z=end\n');
    const consumed = await ok(['consume', 'strict-keys', '--from-beginning', '--max-messages', '2', '--property', 'print.key=true', '--property', 'key.separator==']);
    expect(lines(consumed.stdout)).toEqual(['a=1', 'z=end']);
  });
});

describe('an unreachable bootstrap', () => {
  it('fails every data command with one line instead of hanging', async () => {
    for (const args of [['topics', 'list'], ['produce', 'orders'], ['consume', 'orders']]) {
      const r = await runCli([...args, '--bootstrap', '127.0.0.1:1'], { input: 'x\n', timeoutMs: 10_000 });
      expectOneLineError(r, /NETWORK_EXCEPTION: no broker answered at 127\.0\.0\.1:1/);
    }
    const fromEnv = await runCli(['topics', 'list'], { env: { RUNNEL_BOOTSTRAP: '127.0.0.1:1' }, timeoutMs: 10_000 });
    expectOneLineError(fromEnv, /no broker answered at 127\.0\.0\.1:1/);
  });
});
