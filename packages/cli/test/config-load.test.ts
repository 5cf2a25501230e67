import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunnelError } from '@runnel/protocol';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { loadServerConfig, loadServerConfigFile, type LoadOptions } from '../src/config/load.js';
import { describeConfig } from '../src/config/describe.js';

/** A complete combined-mode node; tests add lines to it. */
const BASE = [
  'node.id=1',
  'process.roles=broker,controller',
  'controller.quorum.voters=1@127.0.0.1:9093',
  'listeners=CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
];

function load(lines: string[] = [], extra: Omit<LoadOptions, 'file'> = {}) {
  return loadServerConfig({ file: { path: 'server.properties', text: [...BASE, ...lines].join('\n') }, hostname: 'node1.test', ...extra });
}

/** The problems a load reports (it must fail). */
function problems(lines: string[], extra: Omit<LoadOptions, 'file'> = {}): readonly string[] {
  try {
    load(lines, extra);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

const LINE = BASE.length + 1; // the line number of the first added line

describe('sources and precedence', () => {
  it('lets the environment win over the file and an override win over both', () => {
    const file = ['num.partitions=2'];
    expect(load(file).broker.numPartitions).toBe(2);
    expect(load(file, { env: { RUNNEL_NUM_PARTITIONS: '3' } }).broker.numPartitions).toBe(3);
    expect(load(file, { env: { RUNNEL_NUM_PARTITIONS: '3' }, overrides: ['num.partitions=4'] }).broker.numPartitions).toBe(4);
    expect(load([], { overrides: ['num.partitions=5'] }).broker.numPartitions).toBe(5);
  });

  it('records where the winning value came from', () => {
    const config = load(['num.partitions=2', 'log.segment.bytes=1048576'], {
      env: { RUNNEL_NUM_PARTITIONS: '3', RUNNEL_LOG_RETENTION_MS: '1000' },
      overrides: ['num.partitions=4'],
    });
    expect(config.values.get('num.partitions')!.source).toEqual({ kind: 'override', where: '--override' });
    expect(config.values.get('log.retention.ms')!.source).toEqual({ kind: 'env', where: 'env RUNNEL_LOG_RETENTION_MS' });
    expect(config.values.get('log.segment.bytes')!.source).toEqual({ kind: 'file', where: `server.properties:${LINE + 1}` });
    expect(config.values.get('fetch.max.bytes')!.source.kind).toBe('default');
  });

  it('lets the later of repeated overrides win, and the last line of the file with a warning', () => {
    expect(load([], { overrides: ['num.partitions=4', 'num.partitions=6'] }).broker.numPartitions).toBe(6);
    const config = load(['num.partitions=2', 'num.partitions=7']);
    expect(config.broker.numPartitions).toBe(7);
    expect(config.warnings).toContain(`server.properties:${LINE + 1}: num.partitions is set again (first at line ${LINE}); this later value wins`);
  });

  it('maps RUNNEL_ variables to keys and ignores variables without the prefix', () => {
    const config = load([], {
      env: { RUNNEL_LOG_RETENTION_MS: '60000', RUNNEL_REPLICA_FETCH_MAX_BYTES: '2048', PATH: '/bin', HOME: '/root', runnel_lower: 'x' },
    });
    expect(config.log.retentionMs).toBe(60000);
    expect(config.replication.fetchMaxBytes).toBe(2048);
  });

  it('reports an unknown RUNNEL_ variable, with the variable it probably meant', () => {
    expect(problems([], { env: { RUNNEL_LOG_RETENSION_MS: '1' } })).toEqual([
      'env RUNNEL_LOG_RETENSION_MS: no config key log.retension.ms (did you mean RUNNEL_LOG_RETENTION_MS, for log.retention.ms?)',
    ]);
  });

  it('leaves RUNNEL_UNSAFE_FAULT to the broker: no config key, no problem, nothing in the described config', () => {
    const config = load([], { env: { RUNNEL_UNSAFE_FAULT: 'acks-all-early' } });
    expect(config.warnings).toEqual([]);
    expect(describeConfig(config)).not.toMatch(/unsafe/i);
  });

  it('refuses a RUNNEL_UNSAFE_FAULT that names no fault', () => {
    expect(problems([], { env: { RUNNEL_UNSAFE_FAULT: 'acks-early' } })).toEqual([
      'env RUNNEL_UNSAFE_FAULT: RUNNEL_UNSAFE_FAULT=acks-early names no unsafe fault (known: acks-all-early); unset RUNNEL_UNSAFE_FAULT to run safely',
    ]);
  });

  it('takes the whole node from the environment and overrides alone', () => {
    const config = loadServerConfig({
      env: { RUNNEL_NODE_ID: '2', RUNNEL_PROCESS_ROLES: 'broker', RUNNEL_CONTROLLER_QUORUM_VOTERS: '1@127.0.0.1:9093' },
      overrides: ['listeners=CLIENT://127.0.0.1:9092'],
      hostname: 'h',
    });
    expect(config.node.nodeId).toBe(2);
    expect(config.node.roles).toEqual(['broker']);
  });

  it('refuses an override that is not key=value', () => {
    expect(problems([], { overrides: ['num.partitions', '=3'] })).toEqual([
      '--override "num.partitions": expected key=value',
      '--override "=3": expected key=value',
    ]);
  });

  it('reads a config file from disk, and says so when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runnel-config-'));
    try {
      const path = join(dir, 'server.properties');
      await writeFile(path, [...BASE, 'num.partitions=9'].join('\n'));
      const config = await loadServerConfigFile(path, { hostname: 'h' });
      expect(config.broker.numPartitions).toBe(9);
      expect(config.values.get('num.partitions')!.source.where).toBe(`${path}:${LINE}`);
      await expect(loadServerConfigFile(join(dir, 'missing.properties'))).rejects.toThrow(/missing\.properties: cannot read the config file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('type conversion and its problems', () => {
  it('names the file and line, the key, the value and what is allowed', () => {
    expect(problems(['replica.lag.time.max.ms=abc'])).toEqual([
      `server.properties:${LINE}: replica.lag.time.max.ms = "abc": expected an integer between 1 and ${Number.MAX_SAFE_INTEGER}`,
    ]);
  });

  it('gives every kind of bad value its own line with its source', () => {
    const got = problems(
      [
        'num.partitions=0', // int below its minimum
        'socket.request.max.bytes=2147483648', // above int32
        'replica.fetch.max.bytes=1.5', // not an integer
        'log.cleaner.min.cleanable.ratio=1.5', // double above its maximum
        'log.cleaner.delete.retention.ms=9223372036854775808', // above Kafka's long
        'controlled.shutdown.enable=yes', // booleans are true or false only
        'log.level=verbose', // enum
        'log.cleanup.policy=delete,archive', // list element not allowed
        'process.roles=broker,broker', // list element twice
      ],
      { env: { RUNNEL_NUM_RECOVERY_THREADS_PER_DATA_DIR: 'two' }, overrides: ['log.retention.hours=-2', 'controller.listener.names=A,,B'] },
    );
    const at = (i: number): string => `server.properties:${LINE + i}`;
    expect(got).toEqual(
      expect.arrayContaining([
        `${at(0)}: num.partitions = "0": expected an integer between 1 and 2147483647`,
        `${at(1)}: socket.request.max.bytes = "2147483648": expected an integer between 1 and 2147483647`,
        `${at(2)}: replica.fetch.max.bytes = "1.5": expected an integer between 0 and 2147483647`,
        `${at(3)}: log.cleaner.min.cleanable.ratio = "1.5": expected a number between 0 and 1`,
        `${at(4)}: log.cleaner.delete.retention.ms = "9223372036854775808": expected an integer between 0 and ${Number.MAX_SAFE_INTEGER}`,
        `${at(5)}: controlled.shutdown.enable = "yes": expected true or false`,
        `${at(6)}: log.level = "verbose": expected one of trace, debug, info, warn, error, fatal`,
        `${at(7)}: log.cleanup.policy = "delete,archive": expected a comma-separated list of distinct values from compact, delete (at least one)`,
        `${at(8)}: process.roles = "broker,broker": expected a comma-separated list of distinct values from broker, controller (at least one)`,
        'env RUNNEL_NUM_RECOVERY_THREADS_PER_DATA_DIR: num.recovery.threads.per.data.dir = "two": expected an integer between 1 and 2147483647',
        '--override: log.retention.hours = "-2": expected -1 (no limit) or an integer between 1 and 2147483647',
        '--override: controller.listener.names = "A,,B": expected a comma-separated list of values (at least one)',
      ]),
    );
    // process.roles is invalid, so checks that depend on the roles stay quiet: nothing else is reported.
    expect(got).toHaveLength(12);
  });

  it('is a RunnelError INVALID_CONFIG whose message is the problems, one per line', () => {
    try {
      load(['num.partitions=x', 'default.replication.factor=y']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RunnelError);
      expect((err as RunnelError).errorName).toBe('INVALID_CONFIG');
      expect((err as ConfigError).message.split('\n')).toEqual((err as ConfigError).problems);
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });

  it('accepts booleans in any case, trims values and list items', () => {
    const config = load(['controlled.shutdown.enable=FALSE', 'num.partitions =  12  ', 'log.cleanup.policy= compact , delete ']);
    expect(config.broker.controlledShutdownEnable).toBe(false);
    expect(config.broker.numPartitions).toBe(12);
    expect(config.log.cleanupPolicy).toBe('compact,delete');
  });

  it('reads Kafka\'s Long.MAX_VALUE as the largest safe integer', () => {
    expect(load(['log.flush.interval.messages=9223372036854775807']).log.flushIntervalMessages).toBe(Number.MAX_SAFE_INTEGER);
    expect(load(['log.retention.bytes=5000000000']).log.retentionBytes).toBe(5_000_000_000);
  });

  it('treats an empty value of a key without a default as unset', () => {
    const config = load(['broker.rack=', 'log.retention.ms=']);
    expect(config.node.rack).toBeNull();
    expect(config.log.retentionMs).toBe(168 * 3_600_000);
  });

  it('says which required key is missing and how to set it', () => {
    const got = loadProblems({ file: { path: 'n.properties', text: 'process.roles=broker\ncontroller.quorum.voters=1@h:9093' } });
    expect(got).toEqual([
      'node.id is required (set it in the config file, as RUNNEL_NODE_ID or with --override node.id=...): The id of this node, unique in the cluster. A controller listed under this id in controller.quorum.voters is a voter from the start; one that is not joins as a learner until `runnel quorum add-voter` makes it a voter.',
    ]);
  });

  it('refuses an empty value for a required key', () => {
    expect(problems(['node.id='])).toEqual([`server.properties:${LINE}: node.id = "": must be set: expected an integer between 0 and 2147483647`]);
  });
});

function loadProblems(options: LoadOptions): readonly string[] {
  try {
    loadServerConfig(options);
  } catch (err) {
    return (err as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('unknown keys', () => {
  it('suggests the nearest known key for a typo', () => {
    expect(problems(['log.retension.ms=1000', 'num.partition=3', 'replica.lag.time.max=1'])).toEqual([
      `server.properties:${LINE}: unknown key log.retension.ms = "1000" (did you mean log.retention.ms?)`,
      `server.properties:${LINE + 1}: unknown key num.partition = "3" (did you mean num.partitions?)`,
      `server.properties:${LINE + 2}: unknown key replica.lag.time.max = "1" (did you mean replica.lag.time.max.ms?)`,
    ]);
  });

  it('points a topic-level name at the broker key that sets its default', () => {
    expect(problems(['retention.ms=1', 'log.segment.index.bytes=4096'], { overrides: ['max.message.bytes=10'] })).toEqual([
      `server.properties:${LINE}: unknown key retention.ms = "1" (did you mean log.retention.ms?)`,
      `server.properties:${LINE + 1}: unknown key log.segment.index.bytes = "4096" (did you mean log.index.size.max.bytes?)`,
      '--override: unknown key max.message.bytes = "10" (did you mean message.max.bytes?)',
    ]);
  });

  it('makes no suggestion for a key that resembles nothing', () => {
    expect(problems(['zookeeper.connect=localhost:2181'])).toEqual([`server.properties:${LINE}: unknown key zookeeper.connect = "localhost:2181"`]);
  });

  it('refuses Kafka keys for what Runnel does not do, rather than accepting and ignoring them', () => {
    expect(problems(['metrics.port=9100'])).toEqual([`server.properties:${LINE}: unknown key metrics.port = "9100"`]);
    const absent = [
      'auto.create.topics.enable=false',
      'num.replica.fetchers=4',
      'compression.type=zstd',
      'log.message.timestamp.type=LogAppendTime',
      'request.timeout.ms=30000',
      'controller.quorum.fetch.timeout.ms=2000',
      'controller.quorum.election.backoff.max.ms=1000',
      'controller.quorum.request.timeout.ms=2000',
      'metadata.log.max.record.bytes.between.snapshots=20971520',
    ];
    // Each is refused, saying Runnel does not support it and why, never pointing at a different key.
    const got = problems(absent);
    expect(got).toHaveLength(absent.length);
    absent.forEach((line, i) => {
      const [key, value] = line.split('=');
      expect(got[i]).toMatch(new RegExp(`^server\\.properties:${LINE + i}: ${key!.replace(/\./g, '\\.')} = "${value}": Runnel does not support this Kafka setting \\(.+\\)$`));
      expect(got[i]).not.toContain('did you mean');
    });
  });
});

describe('retention and roll precedence', () => {
  it('uses log.retention.hours when nothing finer is set', () => {
    expect(load(['log.retention.hours=2']).log.retentionMs).toBe(2 * 3_600_000);
  });

  it('prefers minutes over hours and ms over both, warning about the ignored ones', () => {
    const minutes = load(['log.retention.hours=2', 'log.retention.minutes=3']);
    expect(minutes.log.retentionMs).toBe(3 * 60_000);
    expect(minutes.warnings).toEqual([
      `server.properties:${LINE}: log.retention.hours is ignored because log.retention.minutes = "3" (server.properties:${LINE + 1}) takes precedence`,
    ]);
    const ms = load(['log.retention.hours=2', 'log.retention.minutes=3'], { env: { RUNNEL_LOG_RETENTION_MS: '4000' } });
    expect(ms.log.retentionMs).toBe(4000);
    expect(ms.warnings).toHaveLength(2);
  });

  it('reads -1 under any unit as no limit, and refuses 0', () => {
    expect(load(['log.retention.hours=-1']).log.retentionMs).toBe(-1);
    expect(load(['log.retention.minutes=-1']).log.retentionMs).toBe(-1);
    expect(load(['log.retention.ms=-1', 'log.retention.hours=5']).log.retentionMs).toBe(-1);
    expect(problems(['log.retention.ms=0'])).toEqual([
      `server.properties:${LINE}: log.retention.ms = "0": expected -1 (no limit) or an integer between 1 and ${Number.MAX_SAFE_INTEGER}`,
    ]);
    expect(problems(['log.retention.hours=-2'])).toHaveLength(1);
  });

  it('prefers log.roll.ms over log.roll.hours', () => {
    expect(load(['log.roll.hours=1']).log.segmentMs).toBe(3_600_000);
    expect(load(['log.roll.hours=1', 'log.roll.ms=1234']).log.segmentMs).toBe(1234);
  });
});

describe('the typed result', () => {
  it('is frozen all the way down', () => {
    const config = load();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.node)).toBe(true);
    expect(Object.isFrozen(config.node.roles)).toBe(true);
    expect(Object.isFrozen(config.listeners.all[0])).toBe(true);
    expect(Object.isFrozen(config.quorum.voters[0])).toBe(true);
    expect(Object.isFrozen(config.values.get('node.id'))).toBe(true);
    expect(() => {
      (config.broker as { numPartitions: number }).numPartitions = 5;
    }).toThrow(TypeError);
  });

  it('converts units: seconds and minutes to milliseconds', () => {
    const config = load(['leader.imbalance.check.interval.seconds=30', 'log.retention.minutes=5']);
    expect(config.broker.leaderImbalanceCheckIntervalMs).toBe(30_000);
    expect(config.log.retentionMs).toBe(300_000);
  });
});
