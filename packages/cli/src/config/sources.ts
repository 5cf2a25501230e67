import { UNSAFE_FAULT_ENV, unsafeFaultProblem } from '@runnel/broker';
import type { ConfigDef } from './config-def.js';
import { parseProperties } from './properties.js';
import { suggestKey } from './suggest.js';
import { UNSUPPORTED_KAFKA_KEYS } from './unsupported.js';

/** Static sources (read at start), then dynamic broker configs from the metadata log. */
export type SourceKind = 'default' | 'file' | 'env' | 'override' | 'dynamic-default' | 'dynamic-broker';

/** Where a value came from: `where` is what a problem line starts with (path:line, env name, ...). */
export interface ConfigSource {
  readonly kind: SourceKind;
  readonly where: string;
}

export const DEFAULT_SOURCE: ConfigSource = Object.freeze({ kind: 'default', where: 'default' });

/** One key set by one source. */
export interface Assignment {
  readonly key: string;
  readonly text: string;
  readonly source: ConfigSource;
}

export interface ConfigInputs {
  /** The config file: its path (as shown in problems) and its text. */
  readonly file?: { readonly path: string; readonly text: string };
  /** Environment variables; those starting with RUNNEL_ are config keys. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `key=value` strings from repeated --override options, in command-line order. */
  readonly overrides?: readonly string[];
}

export const ENV_PREFIX = 'RUNNEL_';

/** RUNNEL_ + the key upper-cased with dots as underscores: log.retention.ms -> RUNNEL_LOG_RETENTION_MS. */
export function envVarName(key: string): string {
  return ENV_PREFIX + key.toUpperCase().replace(/\./g, '_');
}

function unknownKey(where: string, key: string, text: string, defs: readonly ConfigDef[]): string {
  const unsupported = UNSUPPORTED_KAFKA_KEYS[key];
  if (unsupported) return `${where}: ${key} = "${text}": Runnel does not support this Kafka setting (${unsupported})`;
  const guess = suggestKey(key, defs);
  return `${where}: unknown key ${key} = "${text}"${guess ? ` (did you mean ${guess}?)` : ''}`;
}

/**
 * Every assignment from the file, then the environment, then the overrides, in the order in which
 * a later one wins. Unknown keys, malformed lines and unmapped RUNNEL_ variables become problems;
 * a key set twice in the file becomes a warning.
 */
export function collectAssignments(
  defs: readonly ConfigDef[],
  inputs: ConfigInputs,
): { assignments: Assignment[]; problems: string[]; warnings: string[] } {
  const known = new Map(defs.map((d) => [d.name, d]));
  const assignments: Assignment[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];

  if (inputs.file) {
    const { path, text } = inputs.file;
    const parsed = parseProperties(text);
    for (const p of parsed.problems) problems.push(`${path}:${p.line}: ${p.message}`);
    const firstLine = new Map<string, number>();
    for (const entry of parsed.entries) {
      const where = `${path}:${entry.line}`;
      if (!known.has(entry.key)) {
        problems.push(unknownKey(where, entry.key, entry.value, defs));
        continue;
      }
      const first = firstLine.get(entry.key);
      if (first !== undefined) warnings.push(`${where}: ${entry.key} is set again (first at line ${first}); this later value wins`);
      else firstLine.set(entry.key, entry.line);
      assignments.push({ key: entry.key, text: entry.value, source: { kind: 'file', where } });
    }
  }

  if (inputs.env) {
    const byEnvName = new Map(defs.map((d) => [envVarName(d.name), d.name]));
    // Dots and underscores both become '_', so two keys could share a variable; a table must not.
    if (byEnvName.size !== defs.length) throw new Error('two config keys map to the same RUNNEL_ environment variable');
    // The broker's testing hook shares the prefix but is no config key: the broker reads it
    // itself; a value naming no fault is refused here, before the node touches anything.
    const unsafe = unsafeFaultProblem(inputs.env);
    if (unsafe) problems.push(`env ${UNSAFE_FAULT_ENV}: ${unsafe}`);
    const names = Object.keys(inputs.env).filter((n) => n.startsWith(ENV_PREFIX) && n !== UNSAFE_FAULT_ENV).sort();
    for (const name of names) {
      const text = inputs.env[name];
      if (text === undefined) continue;
      const key = byEnvName.get(name);
      const where = `env ${name}`;
      if (key === undefined) {
        const spelled = name.slice(ENV_PREFIX.length).toLowerCase().replace(/_/g, '.');
        const guess = suggestKey(spelled, defs);
        problems.push(`${where}: no config key ${spelled}${guess ? ` (did you mean ${envVarName(guess)}, for ${guess}?)` : ''}`);
        continue;
      }
      assignments.push({ key, text, source: { kind: 'env', where } });
    }
  }

  for (const override of inputs.overrides ?? []) {
    const eq = override.indexOf('=');
    const where = '--override';
    if (eq <= 0) {
      problems.push(`${where} "${override}": expected key=value`);
      continue;
    }
    const key = override.slice(0, eq).trim();
    const text = override.slice(eq + 1);
    if (!known.has(key)) {
      problems.push(unknownKey(where, key, text, defs));
      continue;
    }
    assignments.push({ key, text, source: { kind: 'override', where } });
  }
  return { assignments, problems, warnings };
}
