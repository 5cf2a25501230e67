import { RunnelError, type ConsumerRecord } from '@runnel/client';
import { boolProperty, unescape } from './flags.js';

/**
 * How `runnel consume` prints a record: Kafka's DefaultMessageFormatter (console consumer) with
 * its property names, or one JSON object per record.
 */
export interface RecordFormatter {
  (record: ConsumerRecord): string;
}

const KNOWN = new Set([
  'print.key', 'print.value', 'print.partition', 'print.offset', 'print.timestamp', 'print.headers',
  'key.separator', 'line.separator', 'headers.separator', 'headers.key.separator', 'null.literal',
]);

function text(b: Buffer | null, nullLiteral: string): string {
  return b === null ? nullLiteral : b.toString('utf8');
}

/** The console-consumer layout: [timestamp] [partition] [offset] [headers] [key] value, separated by key.separator. */
export function textFormatter(properties: Map<string, string>): RecordFormatter {
  for (const k of properties.keys()) {
    if (!KNOWN.has(k)) throw new RunnelError('INVALID_CONFIG', `unknown --property ${k} (known: ${[...KNOWN].join(', ')})`);
  }
  const flag = (name: string, fallback: boolean): boolean => boolProperty(name, properties.get(name), fallback);
  const str = (name: string, fallback: string): string => (properties.has(name) ? unescape(properties.get(name)!) : fallback);
  const printTimestamp = flag('print.timestamp', false);
  const printPartition = flag('print.partition', false);
  const printOffset = flag('print.offset', false);
  const printHeaders = flag('print.headers', false);
  const printKey = flag('print.key', false);
  const printValue = flag('print.value', true);
  const separator = str('key.separator', '\t');
  const lineSeparator = str('line.separator', '\n');
  const headersSeparator = str('headers.separator', ',');
  const headersKeySeparator = str('headers.key.separator', ':');
  const nullLiteral = str('null.literal', 'null');
  return (r) => {
    const fields: string[] = [];
    // The SDK's records do not carry the batch's timestamp type, so LogAppendTime shows as CreateTime too.
    if (printTimestamp) fields.push(`CreateTime:${r.timestamp}`);
    if (printPartition) fields.push(`Partition:${r.partition}`);
    if (printOffset) fields.push(`Offset:${r.offset}`);
    if (printHeaders) {
      fields.push(r.headers.length === 0 ? 'NO_HEADERS' : r.headers.map((h) => `${h.key}${headersKeySeparator}${text(h.value, nullLiteral)}`).join(headersSeparator));
    }
    if (printKey) fields.push(text(r.key, nullLiteral));
    if (printValue) fields.push(text(r.value, nullLiteral));
    return fields.join(separator) + lineSeparator;
  };
}

/** One JSON object per line; key, value and header values as UTF-8 text (null stays null). */
export function jsonFormatter(): RecordFormatter {
  const utf8 = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));
  return (r) =>
    JSON.stringify({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: utf8(r.key),
      value: utf8(r.value),
      headers: r.headers.map((h) => ({ key: h.key, value: utf8(h.value) })),
    }) + '\n';
}
