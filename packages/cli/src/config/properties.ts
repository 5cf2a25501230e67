/**
 * Reads Java properties text the way java.util.Properties.load does (Kafka's server.properties
 * format): `key=value`, `key: value` or `key value`; `#` and `!` comment lines; blank lines; a
 * line ending in an odd number of backslashes continues on the next (whose leading whitespace is
 * dropped); escapes \t \n \r \f and \uXXXX, any other escaped character stands for itself.
 */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the entry starts. */
  readonly line: number;
}

export interface PropertyProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedProperties {
  readonly entries: readonly PropertyEntry[];
  readonly problems: readonly PropertyProblem[];
}

const WHITESPACE = new Set([' ', '\t', '\f']);

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  return i;
}

/** Whether a natural line ends in an odd number of backslashes (a continuation). */
function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Joins continued natural lines into logical lines, remembering where each starts. */
function logicalLines(text: string): { text: string; line: number }[] {
  const natural = text.split(/\r\n|\r|\n/);
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < natural.length; i++) {
    const start = i;
    let line = natural[i]!.slice(skipWhitespace(natural[i]!, 0));
    if (line === '' || line[0] === '#' || line[0] === '!') continue;
    while (continues(line) && i + 1 < natural.length) {
      i++;
      const next = natural[i]!;
      line = line.slice(0, -1) + next.slice(skipWhitespace(next, 0));
    }
    if (continues(line)) line = line.slice(0, -1);
    out.push({ text: line, line: start + 1 });
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Resolves escapes in a key or value; returns an error message for a malformed \u escape. */
function unescape(raw: string): { text: string } | { error: string } {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[++i]!;
    if (next === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: `malformed \\uXXXX escape "\\u${hex}"` };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return { text: out };
}

/** Splits a logical line into its raw (still escaped) key and value. */
function splitKeyValue(line: string): { key: string; value: string } {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '=' || c === ':' || WHITESPACE.has(c)) break;
    i++;
  }
  const key = line.slice(0, Math.min(i, line.length));
  let j = skipWhitespace(line, i);
  if (j < line.length && (line[j] === '=' || line[j] === ':')) j = skipWhitespace(line, j + 1);
  return { key, value: line.slice(j) };
}

export function parseProperties(text: string): ParsedProperties {
  const entries: PropertyEntry[] = [];
  const problems: PropertyProblem[] = [];
  for (const logical of logicalLines(text)) {
    const raw = splitKeyValue(logical.text);
    const key = unescape(raw.key);
    const value = unescape(raw.value);
    if ('error' in key || 'error' in value) {
      const message = 'error' in key ? key.error : (value as { error: string }).error;
      problems.push({ line: logical.line, message });
      continue;
    }
    entries.push({ key: key.text, value: value.text, line: logical.line });
  }
  return { entries, problems };
}
