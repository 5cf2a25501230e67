import { readFile } from 'node:fs/promises';
import type { SecurityConfig } from '@runnel/client';
import { NodeTokenSource, RunnelError, deriveTokenKeys } from '@runnel/protocol';
import { envVarName, parseProperties } from '../config/index.js';
import { readCommandConfig } from './command-config.js';

/** The flags that say how a command reaches and authenticates to the cluster. */
export interface SecurityFlags {
  commandConfig?: string;
  asNode?: string;
}

async function properties(path: string, flag: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RunnelError('INVALID_CONFIG', `${flag} ${path}: ${(err as Error).message}`);
  }
  const parsed = parseProperties(text);
  const problem = parsed.problems[0];
  if (problem) throw new RunnelError('INVALID_CONFIG', `${flag} ${path}, line ${problem.line}: ${problem.message}`);
  return new Map(parsed.entries.map((e) => [e.key, e.value]));
}

/**
 * Speak as a node, from its server configuration (node.id and inter.node.secret, from the file
 * or their RUNNEL_* environment variables): how an operator on a node creates the first users
 * and ACLs of a cluster whose listeners all need authentication. Nodes are super users. `tls`
 * (from --command-config) says how to reach a TLS cluster; the login is the node token's.
 */
async function asNode(path: string, tls: SecurityConfig): Promise<SecurityConfig> {
  if (tls.saslUsername !== undefined || tls.saslPassword !== undefined) {
    throw new RunnelError('INVALID_CONFIG', '--as-node logs in as the node: leave sasl.username, sasl.password and sasl.jaas.config out of --command-config');
  }
  const props = await properties(path, '--as-node');
  const value = (key: string): string | undefined => process.env[envVarName(key)] ?? props.get(key);
  const secret = value('inter.node.secret');
  const nodeId = value('node.id');
  if (!secret) throw new RunnelError('INVALID_CONFIG', `--as-node ${path}: no inter.node.secret (the cluster has no SASL listeners, so connect without --as-node)`);
  if (!nodeId || !/^\d+$/.test(nodeId)) throw new RunnelError('INVALID_CONFIG', `--as-node ${path}: node.id must be a node id, got ${nodeId ?? 'nothing'}`);
  const tokens = new NodeTokenSource(deriveTokenKeys(secret), Number(nodeId));
  const overTls = tls.securityProtocol === 'SSL' || tls.securityProtocol === 'SASL_SSL';
  return { ...tls, securityProtocol: overTls ? 'SASL_SSL' : 'SASL_PLAINTEXT', saslMechanism: 'OAUTHBEARER', saslOauthBearerToken: () => tokens.current() };
}

/** How to reach and authenticate, from --command-config (or RUNNEL_COMMAND_CONFIG) and --as-node; nothing for PLAINTEXT. */
export async function securityFromFlags(flags: SecurityFlags): Promise<SecurityConfig> {
  const config = readCommandConfig(flags);
  return flags.asNode !== undefined ? asNode(flags.asNode, config) : config;
}
