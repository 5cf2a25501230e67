import type * as grpc from '@grpc/grpc-js';
import { RunnelError, tlsClientCredentials } from '@runnel/protocol';

/**
 * Kafka's client security configs in camelCase, shared by Producer, Consumer and Admin. With
 * securityProtocol 'SSL' every connection to a broker is TLS; the files are PEM (Kafka's
 * ssl.keystore.type=PEM / ssl.truststore.type=PEM) and read once, when the client is made.
 */
export interface SecurityConfig {
  /** security.protocol: 'PLAINTEXT' (default) or 'SSL'. */
  securityProtocol?: 'PLAINTEXT' | 'SSL';
  /** ssl.truststore.location: a PEM file of the CA certificates to trust. Default: the CAs Node.js trusts. */
  sslTruststoreLocation?: string;
  /** ssl.keystore.location: a PEM file with this client's private key and certificate chain, for brokers with ssl.client.auth. */
  sslKeystoreLocation?: string;
  /** ssl.key.password: the password of an encrypted private key in sslKeystoreLocation. */
  sslKeyPassword?: string;
  /** ssl.endpoint.identification.algorithm: 'https' (default) checks that a broker's certificate names the host dialled; '' does not. */
  sslEndpointIdentificationAlgorithm?: 'https' | '';
}

export type SecurityKey = keyof SecurityConfig;

/** Names of the SSL settings as `camelCase (kafka.name)`, for messages. */
const SSL_SETTINGS: Record<Exclude<SecurityKey, 'securityProtocol'>, string> = {
  sslTruststoreLocation: 'ssl.truststore.location',
  sslKeystoreLocation: 'ssl.keystore.location',
  sslKeyPassword: 'ssl.key.password',
  sslEndpointIdentificationAlgorithm: 'ssl.endpoint.identification.algorithm',
};

function invalid(message: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', message);
}

/**
 * The channel credentials a client's connections use: undefined for plaintext, TLS credentials
 * from the PEM files for SSL. Throws INVALID_CONFIG for a bad setting or an unusable file.
 */
export function resolveCredentials(config: SecurityConfig): grpc.ChannelCredentials | undefined {
  const protocol = config.securityProtocol ?? 'PLAINTEXT';
  if (protocol !== 'PLAINTEXT' && protocol !== 'SSL') throw invalid(`securityProtocol (security.protocol) must be 'PLAINTEXT' or 'SSL', got '${String(protocol)}'`);
  const algorithm = config.sslEndpointIdentificationAlgorithm ?? 'https';
  if (algorithm !== 'https' && algorithm !== '') throw invalid(`sslEndpointIdentificationAlgorithm (ssl.endpoint.identification.algorithm) must be 'https' or '', got '${String(algorithm)}'`);
  if (protocol === 'PLAINTEXT') {
    const set = (Object.keys(SSL_SETTINGS) as (keyof typeof SSL_SETTINGS)[]).filter((k) => config[k] !== undefined);
    if (set.length > 0) throw invalid(`${set.map((k) => `${k} (${SSL_SETTINGS[k]})`).join(', ')} set, but securityProtocol (security.protocol) is PLAINTEXT: set it to 'SSL'`);
    return undefined;
  }
  const keystore = config.sslKeystoreLocation !== undefined ? { path: config.sslKeystoreLocation, ...(config.sslKeyPassword !== undefined ? { password: config.sslKeyPassword } : {}) } : undefined;
  return tlsClientCredentials(
    { ...(config.sslTruststoreLocation !== undefined ? { truststore: config.sslTruststoreLocation } : {}), ...(keystore ? { keystore } : {}) },
    { verifyHostname: algorithm === 'https' },
  );
}
