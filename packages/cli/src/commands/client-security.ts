import { readFile } from 'node:fs/promises';
import type { SecurityConfig } from '@runnel/client';
import { NodeTokenSource, RunnelError, deriveTokenKeys } from '@runnel/protocol';
import { envVarName, parseProperties } from '../config/index.js';

/** The flags that say how a command authenticates to the cluster. */
export interface SecurityFlags {
  commandConfig?: string;
  asNode?: string;
}

/** The client properties a --command-config file may set (Kafka's names). */
const CLIENT_KEYS = ['security.protocol', 'sasl.mechanism', 'sasl.username', 'sasl.password', 'sasl.jaas.config'];

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

/** username and password from a ScramLoginModule sasl.jaas.config, as Kafka clients write it. */
function jaasCredentials(jaas: string, where: string): { username: string; password: string } {
  if (!/ScramLoginModule\s+required\b/.test(jaas)) {
    throw new RunnelError('INVALID_CONFIG', `${where}: sasl.jaas.config must use org.apache.kafka.common.security.scram.ScramLoginModule`);
  }
  const option = (name: string): string => {
    const m = new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(jaas);
    if (!m) throw new RunnelError('INVALID_CONFIG', `${where}: sasl.jaas.config has no ${name}="..."`);
    return m[1]!.replace(/\\(.)/g, '$1');
  };
  return { username: option('username'), password: option('password') };
}

/**
 * A client properties file (Kafka's --command-config): security.protocol, sasl.mechanism and the
 * credentials, as sasl.username / sasl.password or a ScramLoginModule sasl.jaas.config.
 */
async function commandConfig(path: string): Promise<SecurityConfig> {
  const where = `--command-config ${path}`;
  const props = await properties(path, '--command-config');
  for (const key of props.keys()) {
    if (!CLIENT_KEYS.includes(key)) throw new RunnelError('INVALID_CONFIG', `${where}: unknown key ${key}; the keys read are ${CLIENT_KEYS.join(', ')}`);
  }
  const protocol = props.get('security.protocol') ?? 'PLAINTEXT';
  if (protocol !== 'PLAINTEXT' && protocol !== 'SASL_PLAINTEXT') throw new RunnelError('INVALID_CONFIG', `${where}: security.protocol must be PLAINTEXT or SASL_PLAINTEXT, got ${protocol}`);
  const mechanism = props.get('sasl.mechanism') ?? 'SCRAM-SHA-256';
  if (mechanism !== 'SCRAM-SHA-256') throw new RunnelError('INVALID_CONFIG', `${where}: sasl.mechanism must be SCRAM-SHA-256, got ${mechanism}`);
  const jaas = props.get('sasl.jaas.config');
  const credentials = jaas !== undefined ? jaasCredentials(jaas, where) : { username: props.get('sasl.username'), password: props.get('sasl.password') };
  if (protocol === 'PLAINTEXT') return {};
  if (!credentials.username || credentials.password === undefined) {
    throw new RunnelError('INVALID_CONFIG', `${where}: security.protocol=SASL_PLAINTEXT needs sasl.username and sasl.password (or sasl.jaas.config)`);
  }
  return { securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-256', saslUsername: credentials.username, saslPassword: credentials.password };
}

/**
 * Speak as a node, from its server configuration (node.id and inter.node.secret, from the file
 * or their RUNNEL_* environment variables): how an operator on a node creates the first users
 * and ACLs of a cluster whose listeners all need authentication. Nodes are super users.
 */
async function asNode(path: string): Promise<SecurityConfig> {
  const props = await properties(path, '--as-node');
  const value = (key: string): string | undefined => process.env[envVarName(key)] ?? props.get(key);
  const secret = value('inter.node.secret');
  const nodeId = value('node.id');
  if (!secret) throw new RunnelError('INVALID_CONFIG', `--as-node ${path}: no inter.node.secret (the cluster has no SASL listeners, so connect without --as-node)`);
  if (!nodeId || !/^\d+$/.test(nodeId)) throw new RunnelError('INVALID_CONFIG', `--as-node ${path}: node.id must be a node id, got ${nodeId ?? 'nothing'}`);
  const tokens = new NodeTokenSource(deriveTokenKeys(secret), Number(nodeId));
  return { securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'OAUTHBEARER', saslOauthBearerToken: () => tokens.current() };
}

/** How to authenticate, from --command-config (or RUNNEL_COMMAND_CONFIG) or --as-node; nothing for PLAINTEXT. */
export async function securityFromFlags(flags: SecurityFlags): Promise<SecurityConfig> {
  const config = flags.commandConfig ?? process.env['RUNNEL_COMMAND_CONFIG'];
  if (flags.asNode !== undefined && flags.commandConfig !== undefined) throw new RunnelError('INVALID_CONFIG', 'give --command-config or --as-node, not both');
  if (flags.asNode !== undefined) return asNode(flags.asNode);
  return config ? commandConfig(config) : {};
}
