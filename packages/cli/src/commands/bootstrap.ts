import type { Command } from 'commander';
import type { SecurityConfig } from '@runnel/client';
import { RunnelError, checkHealth } from '@runnel/protocol';
import { securityFromFlags, type SecurityFlags } from './client-security.js';

/** Where a command's clients connect, and how they authenticate: spread into an Admin, Producer or Consumer config. */
export type Connection = { bootstrap: string[] } & SecurityConfig;

export interface ConnectionFlags extends SecurityFlags {
  bootstrap?: string;
  bootstrapServer?: string;
}

/** The dev cluster's client listeners (`runnel dev` with its default --base-port). */
export const DEFAULT_BOOTSTRAP = '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094';

/** How long to wait for any bootstrap broker to answer before giving up. */
const REACH_TIMEOUT_MS = 3_000;

/** Add --bootstrap (Kafka's --bootstrap-server, also accepted) and the authentication flags to a command. */
export function bootstrapOption(command: Command): Command {
  return command
    .option('--bootstrap <host:port,...>', `brokers to connect to (env RUNNEL_BOOTSTRAP; default ${DEFAULT_BOOTSTRAP})`)
    .option('--bootstrap-server <host:port,...>', 'the same as --bootstrap (Kafka\'s name)')
    .option('--command-config <file>', 'client properties: security.protocol=SASL_PLAINTEXT, sasl.mechanism=SCRAM-SHA-256, sasl.username, sasl.password (env RUNNEL_COMMAND_CONFIG)')
    .option('--as-node <server.properties>', 'authenticate as the node this server configuration belongs to (its node.id and inter.node.secret); for creating the first users and ACLs');
}

/** The bootstrap list from the flag, else RUNNEL_BOOTSTRAP, else the dev cluster's address; checked for shape. */
export function resolveBootstrap(flags: { bootstrap?: string; bootstrapServer?: string }): string[] {
  const raw = flags.bootstrap ?? flags.bootstrapServer ?? process.env['RUNNEL_BOOTSTRAP'] ?? DEFAULT_BOOTSTRAP;
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (list.length === 0) throw new RunnelError('INVALID_CONFIG', '--bootstrap needs at least one host:port');
  for (const address of list) {
    const colon = address.lastIndexOf(':');
    const port = Number(address.slice(colon + 1));
    if (colon <= 0 || !/^\d+$/.test(address.slice(colon + 1)) || port < 1 || port > 65535) {
      throw new RunnelError('INVALID_CONFIG', `bootstrap address '${address}' is not host:port`);
    }
  }
  return list;
}

/**
 * Fail fast when no bootstrap broker answers at all: the client SDK retries unreachable brokers
 * until its request timeout, which from a terminal looks like a hang. A node that answers but
 * is not serving yet (still starting) counts as reachable; the SDK's retries cover that case.
 */
export async function ensureReachable(bootstrap: string[]): Promise<void> {
  const statuses = await Promise.all(bootstrap.map((address) => checkHealth(address, REACH_TIMEOUT_MS)));
  if (statuses.some((s) => s !== 'UNKNOWN')) return;
  throw new RunnelError(
    'NETWORK_EXCEPTION',
    `no broker answered at ${bootstrap.join(',')} within ${REACH_TIMEOUT_MS} ms; is the cluster running? (set --bootstrap or RUNNEL_BOOTSTRAP)`,
  );
}

/** resolveBootstrap and the authentication flags, then ensureReachable. */
export async function connectTo(flags: ConnectionFlags): Promise<Connection> {
  const bootstrap = resolveBootstrap(flags);
  const security = await securityFromFlags(flags);
  await ensureReachable(bootstrap);
  return { bootstrap, ...security };
}
