import { RunnelError } from '@runnel/client';
import { boolProperty, unescape } from './flags.js';

/** What one input line becomes. */
export interface ParsedLine {
  key: string | null;
  value: string;
  headers: Record<string, string> | undefined;
}

export const LINE_PROPERTIES = new Set(['parse.key', 'key.separator', 'parse.headers', 'headers.delimiter', 'headers.separator', 'headers.key.separator', 'ignore.error']);

/**
 * Kafka's console-producer line format: `[headers<headers.delimiter>][key<key.separator>]value`,
 * headers as `k:v,k:v`. A line missing a separator it must have is an INVALID_RECORD naming the
 * line, unless ignore.error is set (then the line's rest is the value, as in Kafka).
 * `keySeparatorFlag` is the --key-separator shorthand, which also turns parse.key on.
 */
export function lineParser(props: Map<string, string>, keySeparatorFlag: string | undefined): (line: string, lineNumber: number) => ParsedLine {
  for (const k of props.keys()) {
    if (!LINE_PROPERTIES.has(k)) throw new RunnelError('INVALID_CONFIG', `unknown --property ${k} (known: ${[...LINE_PROPERTIES].join(', ')})`);
  }
  const str = (name: string, fallback: string): string => {
    const v = props.has(name) ? unescape(props.get(name)!) : fallback;
    if (v.length === 0) throw new RunnelError('INVALID_CONFIG', `${name} cannot be empty`);
    return v;
  };
  const keySeparator = keySeparatorFlag !== undefined ? str('--key-separator', keySeparatorFlag) : str('key.separator', '\t');
  const parseKey = boolProperty('parse.key', props.get('parse.key'), keySeparatorFlag !== undefined);
  const parseHeaders = boolProperty('parse.headers', props.get('parse.headers'), false);
  const headersDelimiter = str('headers.delimiter', '\t');
  const headersSeparator = str('headers.separator', ',');
  const headerKeySeparator = str('headers.key.separator', ':');
  const ignoreError = boolProperty('ignore.error', props.get('ignore.error'), false);

  const missing = (lineNumber: number, what: string, sep: string, property: string): RunnelError =>
    new RunnelError('INVALID_RECORD', `line ${lineNumber} has no ${what} ${JSON.stringify(sep)} (${property}=true; set ignore.error=true to send such lines anyway)`);

  return (line, lineNumber) => {
    let rest = line;
    let headers: Record<string, string> | undefined;
    if (parseHeaders) {
      const at = rest.indexOf(headersDelimiter);
      if (at >= 0) {
        headers = {};
        for (const h of rest.slice(0, at).split(headersSeparator)) {
          if (h.length === 0) continue;
          const kv = h.indexOf(headerKeySeparator);
          // The SDK's headers are a map of non-null values, so a header needs a value and a unique key.
          if (kv < 0) throw new RunnelError('INVALID_RECORD', `header '${h}' on line ${lineNumber} has no ${JSON.stringify(headerKeySeparator)} before its value`);
          const name = h.slice(0, kv);
          if (name in headers) throw new RunnelError('INVALID_RECORD', `header '${name}' appears twice on line ${lineNumber}`);
          headers[name] = h.slice(kv + headerKeySeparator.length);
        }
        rest = rest.slice(at + headersDelimiter.length);
      } else if (!ignoreError) {
        throw missing(lineNumber, 'headers delimiter', headersDelimiter, 'parse.headers');
      }
    }
    let key: string | null = null;
    if (parseKey) {
      const at = rest.indexOf(keySeparator);
      if (at >= 0) {
        key = rest.slice(0, at);
        rest = rest.slice(at + keySeparator.length);
      } else if (!ignoreError) {
        throw missing(lineNumber, 'key separator', keySeparator, 'parse.key');
      }
    }
    return { key, value: rest, headers };
  };
}
