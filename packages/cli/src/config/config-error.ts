import { RunnelError } from '@runnel/protocol';

/**
 * A configuration that cannot be used, with every problem found (one line each, naming where the
 * bad value came from), so one run shows all that needs fixing.
 */
export class ConfigError extends RunnelError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('INVALID_CONFIG', problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}
