import type { Command } from 'commander';
import { Admin, Consumer, RunnelError, type TopicPartition } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption, connectTo } from './bootstrap.js';
import { collect, intFlag, keyValues, outputFormat } from './flags.js';
import { jsonFormatter, textFormatter, type RecordFormatter } from './record-format.js';
import { describeOne } from './topic-lookup.js';

interface ConsumeFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  fromBeginning?: boolean;
  offset?: string;
  partition?: string;
  maxMessages?: string;
  timeoutMs?: string;
  property?: string[];
  output?: string;
}

type Start = 'earliest' | 'latest' | number;

interface Parsed {
  start: Start;
  partition: number | undefined;
  maxMessages: number;
  idleTimeoutMs: number;
  format: RecordFormatter;
}

function parseFlags(flags: ConsumeFlags): Parsed {
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

async function run(topic: string, flags: ConsumeFlags): Promise<void> {
  const opts = parseFlags(flags);
  const bootstrap = await connectTo(flags);
  const admin = new Admin({ bootstrap, clientId: 'runnel-cli' });
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
  const consumer = new Consumer({ bootstrap, clientId: 'runnel-cli', autoOffsetReset: typeof opts.start === 'number' ? 'none' : opts.start });
  consumer.assign(partitions);
  if (opts.start === 'earliest') consumer.seekToBeginning();
  else if (opts.start === 'latest') consumer.seekToEnd();
  else consumer.seek(partitions[0]!, opts.start);

  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));
  // A reader that goes away (`| head`) ends consumption quietly, as it does for other tools.
  process.stdout.on('error', () => (stopping = true));

  let count = 0;
  let lastRecordAt = 0;
  try {
    // The idle clock starts once every starting offset is known, so a slow start is not idleness.
    await Promise.all(partitions.map((tp) => consumer.position(tp)));
    lastRecordAt = Date.now();
    while (!stopping && count < opts.maxMessages) {
      const idleLeft = lastRecordAt + opts.idleTimeoutMs - Date.now();
      if (idleLeft <= 0) break;
      const records = await consumer.poll(Math.min(idleLeft, 500));
      if (records.length > 0) lastRecordAt = Date.now();
      for (const r of records) {
        if (count >= opts.maxMessages || stopping) break;
        if (!(await write(opts.format(r)))) {
          stopping = true;
          break;
        }
        count++;
      }
    }
  } finally {
    await consumer.close();
  }
  process.stderr.write(`Processed a total of ${count} messages\n`);
}

export function consumeCommand(program: Command): void {
  bootstrapOption(program.command('consume <topic>').showHelpAfterError(false))
    .description('print records of a topic to stdout, one per line (values as UTF-8 text)')
    .option('--from-beginning', 'start at the earliest offset (default: only new records)')
    .option('--offset <n|earliest|latest>', 'start offset in the partition given with --partition')
    .option('--partition <n>', 'consume only this partition (default: all partitions)')
    .option('--max-messages <n>', 'exit after this many records')
    .option('--timeout-ms <ms>', 'exit after no record arrived for this long')
    .option('--property <key=value>', 'print.key, print.partition, print.offset, print.timestamp, print.headers, print.value, key.separator, line.separator, headers.separator, headers.key.separator, null.literal (Kafka console-consumer names; repeatable)', collect)
    .option('--output <format>', 'text or json (one JSON object per record)')
    .action((topic: string, flags: ConsumeFlags) => run(topic, flags).catch((err: unknown) => fail(err)));
}
