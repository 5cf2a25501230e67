import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { Admin, Producer, RunnelError, type CompressionName } from '@runnel/client';
import { fail } from '../cli-error.js';
import { bootstrapOption, connectTo } from './bootstrap.js';
import { collect, intFlag, keyValues } from './flags.js';
import { lineParser, type ParsedLine } from './line-reader.js';
import { describeOne } from './topic-lookup.js';

interface ProduceFlags {
  bootstrap?: string;
  bootstrapServer?: string;
  property?: string[];
  keySeparator?: string;
  acks: string;
  compression: string;
  partition?: string;
  lingerMs?: string;
}

/** Records handed to the producer and not yet acknowledged; reading stdin waits beyond this. */
const MAX_IN_FLIGHT = 10_000;
/** Distinct failure messages kept for the summary; the rest are counted together. */
const MAX_ERROR_KINDS = 20;
const COMPRESSIONS: CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

interface Parsed {
  acks: 0 | 1 | 'all';
  compression: CompressionName;
  partition: number | undefined;
  lingerMs: number | undefined;
  parseLine: (line: string, lineNumber: number) => ParsedLine;
}

function parseFlags(flags: ProduceFlags): Parsed {
  const parseLine = lineParser(keyValues('--property', flags.property ?? []), flags.keySeparator);
  const acks = flags.acks === 'all' || flags.acks === '-1' ? 'all' : flags.acks === '0' ? 0 : flags.acks === '1' ? 1 : null;
  if (acks === null) throw new RunnelError('INVALID_CONFIG', `--acks must be 0, 1 or all, got '${flags.acks}'`);
  if (!COMPRESSIONS.includes(flags.compression as CompressionName)) {
    throw new RunnelError('INVALID_CONFIG', `--compression must be one of ${COMPRESSIONS.join(', ')}, got '${flags.compression}'`);
  }
  return {
    acks,
    compression: flags.compression as CompressionName,
    partition: flags.partition === undefined ? undefined : intFlag('--partition', flags.partition, 0),
    lingerMs: flags.lingerMs === undefined ? undefined : intFlag('--linger-ms', flags.lingerMs, 0),
    parseLine,
  };
}

/** Counts shown while running (on a terminal) and in the summary. */
class Tally {
  sent = 0;
  failed = 0;
  read = 0;
  /** Each distinct failure is reported once, with how often it happened (the first few kinds). */
  readonly errors = new Map<string, number>();

  fail(err: unknown): void {
    this.failed++;
    let line = err instanceof RunnelError ? `${err.errorName}: ${err.message}` : err instanceof Error ? err.message : String(err);
    if (!this.errors.has(line) && this.errors.size >= MAX_ERROR_KINDS) line = 'other errors';
    this.errors.set(line, (this.errors.get(line) ?? 0) + 1);
  }
}

async function run(topic: string, flags: ProduceFlags): Promise<void> {
  const opts = parseFlags(flags);
  const connection = await connectTo(flags);
  // Check the topic (and partition) before reading any input: the producer would otherwise wait
  // max.block.ms for metadata of a topic that does not exist.
  const admin = new Admin({ ...connection, clientId: 'runnel-cli' });
  try {
    const described = await describeOne(admin, topic);
    if (opts.partition !== undefined && opts.partition >= described.partitions.length) {
      throw new RunnelError('UNKNOWN_TOPIC_OR_PARTITION', `topic '${topic}' has ${described.partitions.length} partitions (0-${described.partitions.length - 1}); there is no partition ${opts.partition}`);
    }
  } finally {
    await admin.close();
  }

  const producer = new Producer({ ...connection, clientId: 'runnel-cli', acks: opts.acks, compressionType: opts.compression, ...(opts.lingerMs !== undefined ? { lingerMs: opts.lingerMs } : {}) });
  const tally = new Tally();
  const progress = process.stderr.isTTY && !process.stdin.isTTY;
  const showProgress = (): void => {
    process.stderr.write(`\r\x1b[2K${tally.read} read, ${tally.sent} sent, ${tally.failed} failed`);
  };
  const ticker = progress ? setInterval(showProgress, 250) : null;

  let inFlight = 0;
  let room: (() => void) | null = null;
  /** Why input was abandoned before its end, which makes the run a failure. */
  let abandoned: string | null = null;
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Ctrl-C ends input like EOF does: what was read is still sent, flushed and counted.
  process.once('SIGINT', () => input.close());
  process.once('SIGTERM', () => input.close());

  try {
    let lineNumber = 0;
    for await (const line of input) {
      lineNumber++;
      tally.read++;
      let parsed: ParsedLine;
      try {
        parsed = opts.parseLine(line, lineNumber);
      } catch (err) {
        // Kafka's console producer stops at a malformed line; what came before is still sent.
        tally.fail(err);
        abandoned = `line ${lineNumber} is malformed`;
        break;
      }
      inFlight++;
      producer.send({ topic, ...parsed, partition: opts.partition }).then(
        () => tally.sent++,
        (err: unknown) => tally.fail(err),
      ).finally(() => {
        inFlight--;
        room?.();
      });
      // Backpressure: stop reading while too many records wait for their acknowledgement.
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (room = r));
      room = null;
    }
  } finally {
    await producer.close().catch((err: unknown) => tally.fail(err));
    if (ticker) {
      clearInterval(ticker);
      showProgress();
      process.stderr.write('\n');
    }
  }
  for (const [line, count] of tally.errors) process.stderr.write(`runnel: ${line}${count > 1 ? ` (${count} records)` : ''}\n`);
  const stopped = abandoned ? `; stopped reading input: ${abandoned}` : '';
  process.stderr.write(`${tally.sent} ${tally.sent === 1 ? 'record' : 'records'} sent to ${topic}, ${tally.failed} failed${stopped}\n`);
  if (tally.failed > 0) process.exit(1);
}

export function produceCommand(program: Command): void {
  bootstrapOption(program.command('produce <topic>').showHelpAfterError(false))
    .description('send each line of standard input as one record; a summary goes to stderr at the end')
    .option('--property <key=value>', 'parse.key, key.separator (default tab), parse.headers, headers.delimiter (default tab), headers.separator (,), headers.key.separator (:), ignore.error (Kafka console-producer names; repeatable)', collect)
    .option('--key-separator <sep>', 'shorthand for --property parse.key=true --property key.separator=<sep>')
    .option('--acks <acks>', '0, 1 or all', 'all')
    .option('--compression <codec>', 'none, gzip, snappy, lz4 or zstd', 'none')
    .option('--partition <n>', 'send every record to this partition (default: by key, sticky for keyless records)')
    .option('--linger-ms <ms>', 'how long a batch waits for more records (linger.ms; default 5)')
    .action((topic: string, flags: ProduceFlags) => run(topic, flags).catch((err: unknown) => fail(err)));
}
