import { RunnelError } from '@runnel/protocol';

/**
 * How the command line reports failure: one line naming the problem (and its Kafka error name
 * when there is one), never a stack trace, and a non-zero exit.
 */
export function fail(err: unknown, exitCode = 1): never {
  const line = err instanceof RunnelError ? `${err.errorName}: ${err.message}` : err instanceof Error ? err.message : String(err);
  process.stderr.write(`runnel: ${line}\n`);
  process.exit(exitCode);
}
