import type { ConfigDef, ConfigValue } from './config-def.js';
import { convertValue, describeAccepted } from './convert.js';
import { DEFAULT_SOURCE, collectAssignments, envVarName, type ConfigInputs, type ConfigSource } from './sources.js';

/** One key's effective setting. */
export interface ResolvedValue {
  readonly def: ConfigDef;
  /** The text as written (or the default's text); null when the key is unset. */
  readonly text: string | null;
  /** The typed value; null when unset, or when the text was invalid (a problem says so). */
  readonly value: ConfigValue | null;
  readonly valid: boolean;
  readonly source: ConfigSource;
}

export interface Resolution {
  readonly values: ReadonlyMap<string, ResolvedValue>;
  readonly problems: string[];
  readonly warnings: string[];
}

/** `where: key = "text": message`, the shape of every problem about a value. */
export function valueProblem(v: Pick<ResolvedValue, 'def' | 'text' | 'source'>, message: string): string {
  return `${v.source.where}: ${v.def.name} = "${v.text ?? ''}": ${message}`;
}

/**
 * Resolves every key of `defs` from its default, the file, the environment and the overrides
 * (later wins) and converts it to its type. Nothing throws on bad input: problems are collected.
 */
export function resolveConfig(defs: readonly ConfigDef[], inputs: ConfigInputs): Resolution {
  const { assignments, problems, warnings } = collectAssignments(defs, inputs);
  const winners = new Map<string, (typeof assignments)[number]>();
  for (const a of assignments) winners.set(a.key, a);

  const values = new Map<string, ResolvedValue>();
  for (const def of defs) {
    const set = winners.get(def.name);
    if (!set) {
      const value = def.default === null ? null : convertValue(def, def.default);
      if (value !== null && !value.ok) throw new Error(`the default of ${def.name} is not ${value.expected}`);
      if (def.required) {
        problems.push(
          `${def.name} is required (set it in the config file, as ${envVarName(def.name)} or with --override ${def.name}=...): ${def.description}`,
        );
      }
      values.set(def.name, Object.freeze({ def, text: def.default, value: value?.value ?? null, valid: !def.required, source: DEFAULT_SOURCE }));
      continue;
    }
    // An empty value for a key that has no default unsets it, as if it were not written.
    if (def.default === null && set.text.trim() === '') {
      if (def.required) problems.push(valueProblem({ def, text: set.text, source: set.source }, `must be set: expected ${describeAccepted(def)}`));
      values.set(def.name, Object.freeze({ def, text: null, value: null, valid: !def.required, source: set.source }));
      continue;
    }
    const converted = convertValue(def, set.text);
    if (!converted.ok) problems.push(valueProblem({ def, text: set.text, source: set.source }, `expected ${converted.expected}`));
    values.set(
      def.name,
      Object.freeze({ def, text: set.text, value: converted.ok ? converted.value : null, valid: converted.ok, source: set.source }),
    );
  }
  return { values, problems, warnings };
}
