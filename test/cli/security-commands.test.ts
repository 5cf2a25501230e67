import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../harness/cluster.js';
import { tempDir, waitFor } from '../harness/processes.js';
import { cliAgainst, expectOneLineError, lines, runCli, table } from './run-cli.js';

const SECRET = 'cli-test-inter-node-secret-0123456789abcdef';

let cluster: TestCluster;
let dir: { path: string; remove(): Promise<void> };
const file = (name: string): string => join(dir.path, name);

beforeAll(async () => {
  cluster = await TestCluster.start({
    nodes: 1,
    config: {
      'listener.security.protocol.map': 'CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
      'inter.node.secret': SECRET,
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': 'User:admin',
      'offsets.topic.replication.factor': '1',
    },
  });
  dir = await tempDir('cli-security');
  await writeFile(file('server.properties'), `node.id=1\ninter.node.secret=${SECRET}\n`);
  await writeFile(file('admin.properties'), 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\nsasl.username=admin\nsasl.password=admin-secret\n');
  await writeFile(file('alice.properties'), 'security.protocol=SASL_PLAINTEXT\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="alice-secret";\n');
  await writeFile(file('wrong.properties'), 'security.protocol=SASL_PLAINTEXT\nsasl.username=alice\nsasl.password=guess\n');
  await writeFile(file('alice.password'), 'alice-secret\n');
}, 90_000);

afterAll(async () => {
  await cluster?.close();
  await dir?.remove();
});

const { runnel, ok } = cliAgainst(() => cluster.bootstrap);
const admin = (args: string[]): string[] => [...args, '--command-config', file('admin.properties')];
const alice = (args: string[]): string[] => [...args, '--command-config', file('alice.properties')];

describe('runnel users and runnel acls', () => {
  it('creates the first user as a node, then manages users as a super user', async () => {
    await ok(['users', 'add', 'admin', '--password', 'admin-secret', '--as-node', file('server.properties')]);
    await ok(admin(['users', 'add', 'alice', '--password-file', file('alice.password'), '--iterations', '8192']));
    const r = await runnel(admin(['users', 'add', 'bob']));
    expect(r.code).not.toBe(0);
    await ok([...admin(['users', 'add', 'bob']), '--password', 'bob-secret']);
    expect(table((await ok(admin(['users', 'list']))).stdout)).toEqual([
      ['USER', 'MECHANISM', 'ITERATIONS'],
      ['admin', 'SCRAM-SHA-256', '4096'],
      ['alice', 'SCRAM-SHA-256', '8192'],
      ['bob', 'SCRAM-SHA-256', '4096'],
    ]);
    await ok(admin(['users', 'remove', 'bob']));
    expect(JSON.parse((await ok(admin(['users', 'list', '--output', 'json']))).stdout).map((u: { user: string }) => u.user)).toEqual(['admin', 'alice']);
  }, 120_000);

  it('refuses a wrong password and an unknown flag value in one line', async () => {
    expectOneLineError(await runnel(['topics', 'list', '--command-config', file('wrong.properties')]), /SASL_AUTHENTICATION_FAILED/);
    expectOneLineError(await runnel(['topics', 'list']), /SASL_AUTHENTICATION_FAILED/);
    expectOneLineError(await runnel(admin(['acls', 'add', '--allow-principal', 'User:alice', '--operation', 'Fly', '--topic', 't'])), /INVALID_CONFIG: --operation Fly/);
    expectOneLineError(await runnel(admin(['acls', 'add', '--allow-principal', 'User:alice', '--operation', 'Write', '--group', 'g'])), /INVALID_REQUEST: .*WRITE does not apply to a GROUP/);
  }, 120_000);

  it('adds, lists and removes ACLs with kafka-acls.sh flags, and they take effect', async () => {
    await ok(admin(['topics', 'create', 'orders.eu', '--partitions', '1', '--replication-factor', '1']));
    expectOneLineError(await runnel(alice(['topics', 'describe', 'orders.eu'])), /TOPIC_AUTHORIZATION_FAILED/);
    await ok(admin(['acls', 'add', '--allow-principal', 'User:alice', '--operation', 'Write', '--operation', 'Describe', '--topic', 'orders.', '--resource-pattern-type', 'prefixed']));
    await ok(admin(['acls', 'add', '--deny-principal', 'User:alice', '--operation', 'DescribeConfigs', '--topic', 'orders.eu']));
    const listed = table((await ok(admin(['acls', 'list', '--principal', 'User:alice']))).stdout);
    expect(listed[0]).toEqual(['PRINCIPAL', 'PERMISSION', 'OPERATION', 'HOST', 'RESOURCE-TYPE', 'PATTERN', 'RESOURCE']);
    expect(listed.slice(1).map((r) => r.slice(1, 3).concat(r[5]!, r[6]!))).toEqual(expect.arrayContaining([
      ['ALLOW', 'WRITE', 'PREFIXED', 'orders.'],
      ['ALLOW', 'DESCRIBE', 'PREFIXED', 'orders.'],
      ['DENY', 'DESCRIBE_CONFIGS', 'LITERAL', 'orders.eu'],
    ]));
    expect(table((await ok(admin(['acls', 'list', '--topic', 'orders.eu', '--resource-pattern-type', 'match']))).stdout)).toHaveLength(4);

    // ACLs reach the broker through the metadata log, a moment after the controller commits them.
    await waitFor('alice sees orders.eu', async () => lines((await runnel(alice(['topics', 'list']))).stdout).includes('orders.eu'), { timeoutMs: 10_000 });
    const sent = await runCli([...alice(['produce', 'orders.eu']), '--bootstrap', cluster.bootstrap], { input: 'one\ntwo\n' });
    expect(sent.code).toBe(0);
    expect(lines(sent.stderr).at(-1)).toBe('2 records sent to orders.eu, 0 failed');
    expectOneLineError(await runnel(alice(['config', 'describe', '--topic', 'orders.eu'])), /TOPIC_AUTHORIZATION_FAILED/);

    const removed = await ok(admin(['acls', 'remove', '--topic', 'orders.', '--resource-pattern-type', 'prefixed']));
    expect(removed.stderr).toContain('Removed 2 ACLs');
    expect(table((await ok(admin(['acls', 'list']))).stdout)).toHaveLength(2);
  }, 120_000);
});
