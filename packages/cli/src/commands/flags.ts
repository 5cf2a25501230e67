import { RunnelError } from '@runnel/protocol';

/** Commander collector for repeatable options (--config a=1 --config b=2). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole number flag within [min, max], or a one-line INVALID_CONFIG naming the flag. */
export function intFlag(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new RunnelError('INVALID_CONFIG', `${name} must be a whole number ${range}, got '${value}'`);
  }
  return n;
}

/** key=value pairs (repeatable --config / --property) as a map; the value may contain '='. */
export function keyValues(flag: string, pairs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new RunnelError('INVALID_CONFIG', `${flag} takes key=value, got '${pair}'`);
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  return out;
}

/** A Kafka boolean property ("true"/"false", any case). */
export function boolProperty(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new RunnelError('INVALID_CONFIG', `property ${name} must be true or false, got '${value}'`);
}

/** --output: 'table'/'text' for people, 'json' for scripts. */
export function outputFormat(value: string | undefined, human: 'table' | 'text'): 'json' | 'table' | 'text' {
  const v = value ?? human;
  if (v !== 'json' && v !== human) throw new RunnelError('INVALID_CONFIG', `--output must be ${human} or json, got '${v}'`);
  return v;
}

/** Property values may be written with Java escapes (key.separator=\t). */
export function unescape(value: string): string {
  return value.replace(/\\([tnr\\])/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c]!);
}
