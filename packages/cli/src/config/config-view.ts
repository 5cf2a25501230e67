import type { ConfigValue } from './config-def.js';
import { valueProblem, type ResolvedValue } from './resolve.js';

/** Typed reads of resolved values; a read of an invalid value gives undefined so checks skip it. */
export class View {
  constructor(
    readonly values: ReadonlyMap<string, ResolvedValue>,
    readonly problems: string[],
    readonly warnings: string[],
  ) {}

  entry(key: string): ResolvedValue {
    const v = this.values.get(key);
    if (!v) throw new Error(`${key} is not in the server config table`);
    return v;
  }

  private get(key: string): ConfigValue | null | undefined {
    const v = this.entry(key);
    return v.valid ? v.value : undefined;
  }

  num(key: string): number | undefined {
    const v = this.get(key);
    return typeof v === 'number' ? v : undefined;
  }

  /** A valid number, or NaN when invalid (only read once problems are known to be empty). */
  n(key: string): number {
    return this.num(key) ?? NaN;
  }

  bool(key: string): boolean {
    return this.get(key) === true;
  }

  /** undefined: invalid; null: unset. */
  str(key: string): string | null | undefined {
    const v = this.get(key);
    return typeof v === 'string' ? v : (v as null | undefined);
  }

  list(key: string): readonly string[] | null | undefined {
    const v = this.get(key);
    return Array.isArray(v) ? (v as readonly string[]) : (v as null | undefined);
  }

  isSet(key: string): boolean {
    const v = this.entry(key);
    return v.source.kind !== 'default' && v.text !== null;
  }

  /** "value, from where": how a problem about one key names another. */
  cite(key: string): string {
    const v = this.entry(key);
    return `${key} = "${v.text ?? ''}" (${v.source.where})`;
  }

  fail(key: string, message: string): void {
    this.problems.push(valueProblem(this.entry(key), message));
  }
}
