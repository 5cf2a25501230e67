import { readFileSync } from 'node:fs';
import { RunnelError } from '@runnel/protocol';
import type { SecurityConfig } from '@runnel/client';
import { parseProperties } from '../config/index.js';

/**
 * --command-config FILE (Kafka's name, as its admin tools take it; also RUNNEL_COMMAND_CONFIG):
 * a properties file of client security settings, used by every data command to reach a TLS
 * cluster. Only the keys below are read; any other is refused, naming its line.
 */
const KEYS: Record<string, (value: string, into: SecurityConfig) => void> = {
  'security.protocol': (v, into) => void (into.securityProtocol = v.toUpperCase() as SecurityConfig['securityProtocol']),
  'ssl.truststore.location': (v, into) => void (into.sslTruststoreLocation = v),
  'ssl.keystore.location': (v, into) => void (into.sslKeystoreLocation = v),
  'ssl.key.password': (v, into) => void (into.sslKeyPassword = v),
  'ssl.endpoint.identification.algorithm': (v, into) => void (into.sslEndpointIdentificationAlgorithm = v.toLowerCase() as SecurityConfig['sslEndpointIdentificationAlgorithm']),
  'ssl.truststore.type': (v) => pemOnly('ssl.truststore.type', v),
  'ssl.keystore.type': (v) => pemOnly('ssl.keystore.type', v),
};

function pemOnly(key: string, value: string): void {
  if (value.toUpperCase() !== 'PEM') throw new RunnelError('INVALID_CONFIG', `${key}=${value}: only PEM files are read; convert the store to PEM and set ${key}=PEM`);
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
    apply(key === 'ssl.key.password' ? value : value.trim(), config);
  }
  return config;
}
