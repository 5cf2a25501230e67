import type { Command } from 'commander';
import { Admin, Consumer, RunnelError, type ConsumerConfig, type TopicPartition } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption, connectTo, type Connection } from './bootstrap.js';
import { consumerProperties } from './consumer-properties.js';
import { collect, intFlag, keyValues, outputFormat } from './flags.js';
import { jsonFormatter, textFormatter, type RecordFormatter } from './record-format.js';
import { describeOne } from './topic-lookup.js';

interface ConsumeFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  topic?: string;
  include?: string;
  group?: string;
  consumerProperty?: string[];
  fromBeginning?: boolean;
  offset?: string;
  partition?: string;
  maxMessages?: string;
  timeoutMs?: string;
  property?: string[];
  output?: string;
}

type Start = 'earliest' | 'latest' | number;

/** What to read: all or one partition of a topic by assignment, or a group subscription. */
type Source =
  | { kind: 'assign'; topic: string; config: Partial<ConsumerConfig> }
  | { kind: 'group'; groupId: string; topics: string[] | RegExp; config: Partial<ConsumerConfig> };

interface Parsed {
  source: Source;
  start: Start;
  partition: number | undefined;
  maxMessages: number;
  idleTimeoutMs: number;
  format: RecordFormatter;
}

function parseSource(positional: string | undefined, flags: ConsumeFlags): Source {
  if (positional !== undefined && flags.topic !== undefined && positional !== flags.topic) {
    throw new RunnelError('INVALID_CONFIG', `two topics given ('${positional}' and --topic ${flags.topic}); name one`);
  }
  const topic = positional ?? flags.topic;
  if (topic === undefined && flags.include === undefined) throw new RunnelError('INVALID_CONFIG', 'consume needs a topic (runnel consume <topic>, or --topic) or, with --group, --include <regex>');
  if (topic !== undefined && flags.include !== undefined) throw new RunnelError('INVALID_CONFIG', 'give a topic or --include <regex>, not both');
  const config = consumerProperties(flags.consumerProperty ?? []);
  const groupId = flags.group ?? config.groupId;
  if (flags.group !== undefined && config.groupId !== undefined && flags.group !== config.groupId) {
    throw new RunnelError('INVALID_CONFIG', `--group ${flags.group} and --consumer-property group.id=${config.groupId} disagree; give one`);
  }
  if (groupId === undefined) {
    if (flags.include !== undefined) throw new RunnelError('INVALID_CONFIG', '--include subscribes by pattern, which needs a consumer group: add --group <id>');
    if (config.enableAutoCommit !== undefined || config.autoOffsetReset !== undefined) {
      throw new RunnelError('INVALID_CONFIG', 'auto.offset.reset and enable.auto.commit apply to a consumer group: add --group <id>');
    }
    return { kind: 'assign', topic: topic!, config };
  }
  if (flags.partition !== undefined || flags.offset !== undefined) {
    throw new RunnelError('INVALID_CONFIG', '--group cannot be used with --partition or --offset: the group assigns partitions and starts from its committed offsets');
  }
  // --from-beginning is auto.offset.reset=earliest: it applies where the group has no committed offset.
  const reset = flags.fromBeginning ? 'earliest' : 'latest';
  if (config.autoOffsetReset !== undefined && flags.fromBeginning && config.autoOffsetReset !== 'earliest') {
    throw new RunnelError('INVALID_CONFIG', `--from-beginning and --consumer-property auto.offset.reset=${config.autoOffsetReset} contradict each other; give one`);
  }
  let topics: string[] | RegExp;
  if (flags.include !== undefined) {
    try {
      topics = new RegExp(`^(?:${flags.include})$`);
    } catch (err) {
      throw new RunnelError('INVALID_CONFIG', `--include is not a valid regular expression: ${(err as Error).message}`);
    }
  } else topics = [topic!];
  return { kind: 'group', groupId, topics, config: { autoOffsetReset: reset, enableAutoCommit: true, ...config, groupId } };
}

function parseFlags(positional: string | undefined, flags: ConsumeFlags): Parsed {
  const source = parseSource(positional, flags);
  let start: Start = flags.fromBeginning ? 'earliest' : 'latest';
  if (flags.offset !== undefined) {
    if (flags.partition === undefined) throw new RunnelError('INVALID_CONFIG', '--offset needs --partition (an offset belongs to one partition)');
    if (flags.fromBeginning) throw new RunnelError('INVALID_CONFIG', '--offset and --from-beginning cannot be used together');
    start = flags.offset === 'earliest' || flags.offset === 'latest' ? flags.offset : intFlag('--offset', flags.offset, 0);
  }
  const properties = keyValues('--property', flags.property ?? []);
  const output = outputFormat(flags.output, 'text');
  if (output === 'json' && properties.size > 0) throw new RunnelError('INVALID_CONFIG', '--property formats text output; it does not apply to --output json');
  return {
    source,
    start,
    partition: flags.partition === undefined ? undefined : intFlag('--partition', flags.partition, 0),
    maxMessages: flags.maxMessages === undefined ? Infinity : intFlag('--max-messages', flags.maxMessages, 1),
    idleTimeoutMs: flags.timeoutMs === undefined ? Infinity : intFlag('--timeout-ms', flags.timeoutMs, 0),
    format: output === 'json' ? jsonFormatter() : textFormatter(properties),
  };
}

/** Write to stdout, waiting while its buffer is full; false once the reader has gone (EPIPE). */
async function write(text: string): Promise<boolean> {
  if (process.stdout.destroyed) return false;
  if (process.stdout.write(text)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      process.stdout.off('drain', onDrain);
      process.stdout.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    process.stdout.on('drain', onDrain);
    process.stdout.on('close', onClose);
  });
}

/** A consumer on the partitions of one topic, positioned where the flags say. */
async function assignedConsumer(connection: Connection, source: Extract<Source, { kind: 'assign' }>, opts: Parsed): Promise<{ consumer: Consumer; ready: () => Promise<boolean> }> {
  const { topic } = source;
  const admin = new Admin({ ...connection, clientId: 'runnel-cli' });
  let partitions: TopicPartition[];
  try {
    const count = (await describeOne(admin, topic)).partitions.length;
    if (opts.partition !== undefined && opts.partition >= count) {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${topic}' has ${count} partitions (0-${count - 1}); there is no partition ${opts.partition}`);
    }
    partitions = opts.partition !== undefined ? [{ topic, partition: opts.partition }] : Array.from({ length: count }, (_, partition) => ({ topic, partition }));
  } finally {
    await admin.close();
  }

  // An explicit offset that is out of range is an error to report, not a reason to jump elsewhere.
  const consumer = new Consumer({ clientId: 'runnel-cli', ...source.config, ...connection, autoOffsetReset: typeof opts.start === 'number' ? 'none' : opts.start });
  consumer.assign(partitions);
  if (opts.start === 'earliest') consumer.seekToBeginning();
  else if (opts.start === 'latest') consumer.seekToEnd();
  else consumer.seek(partitions[0]!, opts.start);
  // Ready once every starting offset is known.
  const ready = async (): Promise<boolean> => {
    await Promise.all(partitions.map((tp) => consumer.position(tp)));
    return true;
  };
  return { consumer, ready };
}

/** A group member subscribed to the topics (or pattern); it starts from the group's committed offsets. */
async function groupConsumer(connection: Connection, source: Extract<Source, { kind: 'group' }>): Promise<{ consumer: Consumer; ready: () => Promise<boolean> }> {
  if (Array.isArray(source.topics)) {
    const admin = new Admin({ ...connection, clientId: 'runnel-cli' });
    try {
      await describeOne(admin, source.topics[0]!);
    } finally {
      await admin.close();
    }
  }
  const consumer = new Consumer({ clientId: 'runnel-cli', ...source.config, ...connection });
  // Joining takes a rebalance (group.initial.rebalance.delay.ms for a new group): the idle clock
  // starts once the first one completes, even when it assigned this member nothing.
  let joined = false;
  consumer.subscribe(source.topics, { onPartitionsAssigned: () => void (joined = true) });
  return { consumer, ready: async () => joined };
}

async function run(positional: string | undefined, flags: ConsumeFlags): Promise<void> {
  const opts = parseFlags(positional, flags);
  const connection = await connectTo(flags);
  const { consumer, ready } = opts.source.kind === 'assign' ? await assignedConsumer(connection, opts.source, opts) : await groupConsumer(connection, opts.source);
  const commits = opts.source.kind === 'group' && opts.source.config.enableAutoCommit !== false;

  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));
  // A reader that goes away (`| head`) ends consumption quietly, as it does for other tools.
  process.stdout.on('error', () => (stopping = true));

  let count = 0;
  try {
    // The idle clock runs only once the consumer is ready: a slow start is not idleness.
    let started = await ready();
    let lastRecordAt = Date.now();
    while (!stopping && count < opts.maxMessages) {
      const idleLeft = started ? lastRecordAt + opts.idleTimeoutMs - Date.now() : Infinity;
      if (idleLeft <= 0) break;
      const records = await consumer.poll(Math.min(idleLeft, 500));
      if (!started && (await ready())) started = true;
      if (records.length > 0 || !started) lastRecordAt = Date.now();
      let printed = 0;
      for (const r of records) {
        if (count >= opts.maxMessages || stopping) break;
        if (!(await write(opts.format(r)))) {
          stopping = true;
          break;
        }
        count++;
        printed++;
      }
      // Records polled but not printed (stopped by --max-messages or a signal) stay unconsumed for
      // the group: each partition goes back to its first unprinted record before the commit.
      if (commits && printed < records.length) {
        const rewind = new Map<string, { tp: TopicPartition; offset: number }>();
        for (const r of records.slice(printed)) {
          const key = `${r.topic}-${r.partition}`;
          if (!rewind.has(key)) rewind.set(key, { tp: { topic: r.topic, partition: r.partition }, offset: r.offset });
        }
        for (const { tp, offset } of rewind.values()) consumer.seek(tp, offset);
      }
    }
    // Consumed positions are committed on the way out (auto-commit also commits on close; this makes the exit wait for it).
    if (commits) await consumer.commitSync();
  } finally {
    await consumer.close();
  }
  process.stderr.write(`Processed a total of ${count} messages\n`);
}

export function consumeCommand(program: Command): void {
  bootstrapOption(program.command('consume [topic]').showHelpAfterError(false))
    .description('print records of a topic to stdout, one per line (values as UTF-8 text); with --group, as a member of a consumer group')
    .option('--topic <topic>', 'the topic to read (the same as the argument)')
    .option('--include <regex>', 'with --group: subscribe to every topic whose whole name matches this pattern')
    .option('--group <id>', 'consume as a member of this consumer group: partitions are shared with its other members and offsets committed')
    .option('--consumer-property <key=value>', 'a consumer config by its Kafka name, e.g. auto.offset.reset=earliest, enable.auto.commit=false, max.poll.records=100 (repeatable)', collect)
    .option('--from-beginning', 'start at the earliest offset (default: only new records); with --group, where the group has no committed offset')
    .option('--offset <n|earliest|latest>', 'start offset in the partition given with --partition')
    .option('--partition <n>', 'consume only this partition (default: all partitions)')
    .option('--max-messages <n>', 'exit after this many records')
    .option('--timeout-ms <ms>', 'exit after no record arrived for this long (with --group: counted from when the group has assigned partitions)')
    .option('--property <key=value>', 'print.key, print.partition, print.offset, print.timestamp, print.headers, print.value, key.separator, line.separator, headers.separator, headers.key.separator, null.literal (Kafka console-consumer names; repeatable)', collect)
    .option('--output <format>', 'text or json (one JSON object per record)')
    .action((topic: string | undefined, flags: ConsumeFlags) => run(topic, flags).catch((err: unknown) => fail(err)));
}
