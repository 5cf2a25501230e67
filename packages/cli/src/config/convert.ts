import { INT_MAX, INT_MIN, type ConfigDef, type ConfigValue } from './config-def.js';

/** A converted value, or what the key accepts (the tail of "expected ..."). */
export type Conversion = { ok: true; value: ConfigValue } | { ok: false; expected: string };

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

function typeBounds(def: ConfigDef): [number, number] {
  if (def.type === 'int') return [def.min ?? INT_MIN, def.max ?? INT_MAX];
  return [def.min ?? Number.MIN_SAFE_INTEGER, def.max ?? Number.MAX_SAFE_INTEGER];
}

/** "an integer between 1 and 2147483647", with "-1 (no limit) or" where -1 is accepted. */
export function describeAccepted(def: ConfigDef): string {
  switch (def.type) {
    case 'int':
    case 'long': {
      const [lo, hi] = typeBounds(def);
      const range = `an integer between ${lo} and ${hi}`;
      return def.minusOneUnlimited ? `-1 (no limit) or ${range}` : range;
    }
    case 'double':
      if (def.min !== undefined && def.max !== undefined) return `a number between ${def.min} and ${def.max}`;
      if (def.min !== undefined) return `a number of at least ${def.min}`;
      return def.max !== undefined ? `a number of at most ${def.max}` : 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${(def.values ?? []).join(', ')}`;
    case 'list': {
      const items = def.values ? `distinct values from ${def.values.join(', ')}` : 'values';
      return `a comma-separated list of ${items}${def.nonEmpty ? ' (at least one)' : ''}`;
    }
    case 'string':
    case 'password':
      return 'a string';
  }
}

function integer(def: ConfigDef, text: string): Conversion {
  const fail: Conversion = { ok: false, expected: describeAccepted(def) };
  if (!/^[-+]?\d+$/.test(text)) return fail;
  const big = BigInt(text);
  if (def.minusOneUnlimited && big === -1n) return { ok: true, value: -1 };
  const [lo, hi] = typeBounds(def);
  // Kafka's longs reach 2^63-1 ("never"); above 2^53 a JS number cannot count exactly, and no
  // duration or size that large differs in effect from the largest safe integer.
  const clamped = def.type === 'long' && big > BigInt(Number.MAX_SAFE_INTEGER) && big <= LONG_MAX ? BigInt(Number.MAX_SAFE_INTEGER) : big;
  if (clamped < LONG_MIN || clamped < BigInt(lo) || clamped > BigInt(hi)) return fail;
  return { ok: true, value: Number(clamped) };
}

function list(def: ConfigDef, text: string): Conversion {
  const fail: Conversion = { ok: false, expected: describeAccepted(def) };
  const items = text === '' ? [] : text.split(',').map((s) => s.trim());
  if (items.some((item) => item === '')) return fail;
  if (def.nonEmpty && items.length === 0) return fail;
  if (def.values) {
    if (items.some((item) => !def.values!.includes(item)) || new Set(items).size !== items.length) return fail;
  }
  return { ok: true, value: Object.freeze(items) };
}

/**
 * Converts a user-written value to its typed form. Surrounding whitespace is dropped (trailing
 * blanks in a properties file are invisible and never meant), except for passwords.
 */
export function convertValue(def: ConfigDef, raw: string): Conversion {
  const text = def.type === 'password' ? raw : raw.trim();
  switch (def.type) {
    case 'int':
    case 'long':
      return integer(def, text);
    case 'double': {
      const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n) || (def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        return { ok: false, expected: describeAccepted(def) };
      }
      return { ok: true, value: n };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') return { ok: false, expected: describeAccepted(def) };
      return { ok: true, value: lower === 'true' };
    }
    case 'enum':
      if (!(def.values ?? []).includes(text)) return { ok: false, expected: describeAccepted(def) };
      return { ok: true, value: text };
    case 'list':
      return list(def, text);
    case 'string':
    case 'password':
      return { ok: true, value: text };
  }
}
