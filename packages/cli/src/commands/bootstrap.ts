import type { Command } from 'commander';
import { RunnelError, probeHealth, tlsFailureReason } from '@runnel/protocol';
import { resolveCredentials, type SecurityConfig } from '@runnel/client';
import { securityFromFlags, type SecurityFlags } from './client-security.js';

/** Where a command's clients connect, and how they secure and authenticate: spread into an Admin, Producer or Consumer config. */
export type Connection = SecurityConfig & { bootstrap: string[] };

export interface ConnectionFlags extends SecurityFlags {
  bootstrap?: string;
  bootstrapServer?: string;
}

/** The dev cluster's client listeners (`runnel dev` with its default --base-port). */
export const DEFAULT_BOOTSTRAP = '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094';

/** How long to wait for any bootstrap broker to answer before giving up. */
const REACH_TIMEOUT_MS = 3_000;

/** Add --bootstrap (Kafka's --bootstrap-server, also accepted), --command-config and --as-node to a command. */
export function bootstrapOption(command: Command): Command {
  return command
    .option('--bootstrap <host:port,...>', `brokers to connect to (env RUNNEL_BOOTSTRAP; default ${DEFAULT_BOOTSTRAP})`)
    .option('--bootstrap-server <host:port,...>', 'the same as --bootstrap (Kafka\'s name)')
    .option('--command-config <file>', 'client properties: security.protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), ssl.truststore.location, ssl.keystore.location, ssl.key.password, ssl.endpoint.identification.algorithm, sasl.mechanism=SCRAM-SHA-256, sasl.username, sasl.password or sasl.jaas.config (env RUNNEL_COMMAND_CONFIG)')
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
export async function ensureReachable(bootstrap: string[], security: SecurityConfig = {}): Promise<void> {
  const credentials = resolveCredentials(security);
  const probes = await Promise.all(bootstrap.map((address) => probeHealth(address, REACH_TIMEOUT_MS, { credentials })));
  if (probes.some((p) => p.status !== 'UNKNOWN')) return;
  // A TLS mismatch (untrusted certificate, no client certificate) shows in the error; say it.
  const why = probes.map((p) => tlsFailureReason(p.error ?? '')).find((r) => r !== undefined);
  throw new RunnelError(
    'NETWORK_EXCEPTION',
    why
      ? `no broker at ${bootstrap.join(',')} completed a TLS connection: ${why} (check --command-config: security.protocol, ssl.truststore.location, ssl.keystore.location)`
      : `no broker answered at ${bootstrap.join(',')} within ${REACH_TIMEOUT_MS} ms; is the cluster running? (set --bootstrap or RUNNEL_BOOTSTRAP${credentials ? '' : '; a TLS cluster also needs --command-config with security.protocol=SSL'})`,
  );
}

/** The bootstrap list and security settings of the flags, once some broker answered. */
export async function connectTo(flags: ConnectionFlags): Promise<Connection> {
  const bootstrap = resolveBootstrap(flags);
  const security = await securityFromFlags(flags);
  await ensureReachable(bootstrap, security);
  return { ...security, bootstrap };
}
