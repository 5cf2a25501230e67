import { readFileSync } from 'node:fs';
import { RunnelError } from '@runnel/protocol';
import type { SecurityConfig } from '@runnel/client';
import { parseProperties } from '../config/index.js';

/**
 * --command-config FILE (Kafka's name, as its admin tools take it; also RUNNEL_COMMAND_CONFIG):
 * a properties file of client security settings, used by every data command: TLS (ssl.*) and
 * the SASL login (sasl.*). Only the keys below are read; any other is refused, naming its line.
 */
const KEYS: Record<string, (value: string, into: SecurityConfig, where: string) => void> = {
  'security.protocol': (v, into) => void (into.securityProtocol = v.toUpperCase() as SecurityConfig['securityProtocol']),
  'ssl.truststore.location': (v, into) => void (into.sslTruststoreLocation = v),
  'ssl.keystore.location': (v, into) => void (into.sslKeystoreLocation = v),
  'ssl.key.password': (v, into) => void (into.sslKeyPassword = v),
  'ssl.endpoint.identification.algorithm': (v, into) => void (into.sslEndpointIdentificationAlgorithm = v.toLowerCase() as SecurityConfig['sslEndpointIdentificationAlgorithm']),
  'ssl.truststore.type': (v) => pemOnly('ssl.truststore.type', v),
  'ssl.keystore.type': (v) => pemOnly('ssl.keystore.type', v),
  'sasl.mechanism': (v, into, where) => {
    if (v !== 'SCRAM-SHA-256') throw new RunnelError('INVALID_CONFIG', `${where}: sasl.mechanism must be SCRAM-SHA-256, got ${v}`);
    into.saslMechanism = v;
  },
  'sasl.username': (v, into) => void (into.saslUsername = v),
  'sasl.password': (v, into) => void (into.saslPassword = v),
  'sasl.jaas.config': (v, into, where) => Object.assign(into, jaasCredentials(v, where)),
};

/** Keys whose value is taken as written (passwords may start or end with spaces). */
const VERBATIM = new Set(['ssl.key.password', 'sasl.password']);

function pemOnly(key: string, value: string): void {
  if (value.toUpperCase() !== 'PEM') throw new RunnelError('INVALID_CONFIG', `${key}=${value}: only PEM files are read; convert the store to PEM and set ${key}=PEM`);
}

/** username and password from a ScramLoginModule sasl.jaas.config, as Kafka clients write it. */
function jaasCredentials(jaas: string, where: string): { saslUsername: string; saslPassword: string } {
  if (!/ScramLoginModule\s+required\b/.test(jaas)) {
    throw new RunnelError('INVALID_CONFIG', `${where}: sasl.jaas.config must use org.apache.kafka.common.security.scram.ScramLoginModule`);
  }
  const option = (name: string): string => {
    const m = new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(jaas);
    if (!m) throw new RunnelError('INVALID_CONFIG', `${where}: sasl.jaas.config has no ${name}="..."`);
    return m[1]!.replace(/\\(.)/g, '$1');
  };
  return { saslUsername: option('username'), saslPassword: option('password') };
}

/** The security settings of the --command-config file (or RUNNEL_COMMAND_CONFIG); none without one. */
export function readCommandConfig(flags: { commandConfig?: string }): SecurityConfig {
  const path = flags.commandConfig ?? process.env['RUNNEL_COMMAND_CONFIG'];
  if (path === undefined || path === '') return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RunnelError('INVALID_CONFIG', `--command-config ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const parsed = parseProperties(text);
  const first = parsed.problems[0];
  if (first) throw new RunnelError('INVALID_CONFIG', `${path}:${first.line}: ${first.message}`);
  const config: SecurityConfig = {};
  for (const { key, value, line } of parsed.entries) {
    const apply = KEYS[key];
    if (!apply) throw new RunnelError('INVALID_CONFIG', `${path}:${line}: unknown client property ${key} (known: ${Object.keys(KEYS).join(', ')})`);
    apply(VERBATIM.has(key) ? value : value.trim(), config, `${path}:${line}`);
  }
  const sasl = config.securityProtocol === 'SASL_PLAINTEXT' || config.securityProtocol === 'SASL_SSL';
  if (sasl && (!config.saslUsername || config.saslPassword === undefined)) {
    throw new RunnelError('INVALID_CONFIG', `--command-config ${path}: security.protocol=${config.securityProtocol} needs sasl.username and sasl.password (or sasl.jaas.config)`);
  }
  return config;
}
