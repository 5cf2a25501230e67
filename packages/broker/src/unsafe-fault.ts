import type { Logger } from 'pino';
import { RunnelError } from '@runnel/protocol';

/**
 * A testing hook that breaks a guarantee on purpose, so that chaos runs can prove their checker
 * catches a broken broker. It is no config key: only this environment variable turns it on, read
 * when the broker starts, and every start with it on says so at warn level.
 */
export const UNSAFE_FAULT_ENV = 'RUNNEL_UNSAFE_FAULT';

const FAULTS = {
  'acks-all-early':
    'acks=all writes are acknowledged as soon as the leader has appended them, before any follower has them; a leader lost right after acknowledging loses acknowledged records',
} as const;

export type UnsafeFault = keyof typeof FAULTS;
export const UNSAFE_FAULTS = Object.keys(FAULTS) as UnsafeFault[];

/** What is wrong with the fault `env` asks for, or undefined when it names one or none. */
export function unsafeFaultProblem(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[UNSAFE_FAULT_ENV];
  if (value === undefined || value === '' || Object.hasOwn(FAULTS, value)) return undefined;
  return `${UNSAFE_FAULT_ENV}=${value} names no unsafe fault (known: ${UNSAFE_FAULTS.join(', ')}); unset ${UNSAFE_FAULT_ENV} to run safely`;
}

/** The fault `env` switches on (announced at warn level), or undefined when none is. */
export function readUnsafeFault(env: Readonly<Record<string, string | undefined>>, logger: Logger): UnsafeFault | undefined {
  const problem = unsafeFaultProblem(env);
  if (problem) throw new RunnelError('INVALID_CONFIG', problem);
  const fault = env[UNSAFE_FAULT_ENV] as UnsafeFault | '' | undefined;
  if (!fault) return undefined;
  logger.warn({ unsafeFault: fault }, `UNSAFE FAULT ON, for testing only (${UNSAFE_FAULT_ENV}=${fault}): ${FAULTS[fault]}`);
  return fault;
}
