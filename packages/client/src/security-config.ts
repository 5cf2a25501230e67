import type * as grpc from '@grpc/grpc-js';
import { RunnelError, tlsClientCredentials } from '@runnel/protocol';

/**
 * Kafka's client security configs in camelCase, shared by Producer, Consumer and Admin. With
 * securityProtocol 'SSL' or 'SASL_SSL' every connection to a broker is TLS; the files are PEM
 * (Kafka's ssl.keystore.type=PEM / ssl.truststore.type=PEM) and read once, when the client is
 * made. With 'SASL_PLAINTEXT' or 'SASL_SSL' the client logs in (see security.ts). Kafka puts the
 * user and password in sasl.jaas.config; here they are plain settings.
 */
export interface SecurityConfig {
  /** security.protocol: 'PLAINTEXT' (default), 'SSL', 'SASL_PLAINTEXT' or 'SASL_SSL'. */
  securityProtocol?: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  /** ssl.truststore.location: a PEM file of the CA certificates to trust. Default: the CAs Node.js trusts. */
  sslTruststoreLocation?: string;
  /** ssl.keystore.location: a PEM file with this client's private key and certificate chain, for brokers with ssl.client.auth. */
  sslKeystoreLocation?: string;
  /** ssl.key.password: the password of an encrypted private key in sslKeystoreLocation. */
  sslKeyPassword?: string;
  /** ssl.endpoint.identification.algorithm: 'https' (default) checks that a broker's certificate names the host dialled; '' does not. */
  sslEndpointIdentificationAlgorithm?: 'https' | '';
  /**
   * sasl.mechanism: SCRAM-SHA-256 (the default: a user and password), or OAUTHBEARER (a bearer
   * token the application already holds, signed by the cluster, e.g. one `runnel` mints from
   * inter.node.secret).
   */
  saslMechanism?: 'SCRAM-SHA-256' | 'OAUTHBEARER';
  /** SCRAM-SHA-256: the user to authenticate as (sasl.jaas.config's username). */
  saslUsername?: string;
  /** SCRAM-SHA-256: its password (sasl.jaas.config's password); it never leaves the client. */
  saslPassword?: string;
  /** OAUTHBEARER: the token to send, asked for before every call (so it may renew itself). */
  saslOauthBearerToken?: () => string | Promise<string>;
}

export type SecurityKey = keyof SecurityConfig;

/** Names of the SSL settings as `camelCase (kafka.name)`, for messages. */
const SSL_SETTINGS: Record<Extract<SecurityKey, `ssl${string}`>, string> = {
  sslTruststoreLocation: 'ssl.truststore.location',
  sslKeystoreLocation: 'ssl.keystore.location',
  sslKeyPassword: 'ssl.key.password',
  sslEndpointIdentificationAlgorithm: 'ssl.endpoint.identification.algorithm',
};

function invalid(message: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', message);
}

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

/**
 * The channel credentials a client's connections use: undefined for PLAINTEXT and SASL_PLAINTEXT,
 * TLS credentials from the PEM files for SSL and SASL_SSL. Throws INVALID_CONFIG for a bad
 * setting or an unusable file.
 */
export function resolveCredentials(config: SecurityConfig): grpc.ChannelCredentials | undefined {
  const protocol = config.securityProtocol ?? 'PLAINTEXT';
  if (!PROTOCOLS.includes(protocol)) throw invalid(`securityProtocol (security.protocol) must be 'PLAINTEXT', 'SSL', 'SASL_PLAINTEXT' or 'SASL_SSL', got '${String(protocol)}'`);
  const algorithm = config.sslEndpointIdentificationAlgorithm ?? 'https';
  if (algorithm !== 'https' && algorithm !== '') throw invalid(`sslEndpointIdentificationAlgorithm (ssl.endpoint.identification.algorithm) must be 'https' or '', got '${String(algorithm)}'`);
  if (protocol === 'PLAINTEXT' || protocol === 'SASL_PLAINTEXT') {
    const set = (Object.keys(SSL_SETTINGS) as (keyof typeof SSL_SETTINGS)[]).filter((k) => config[k] !== undefined);
    const tls = protocol === 'PLAINTEXT' ? 'SSL' : 'SASL_SSL';
    if (set.length > 0) throw invalid(`${set.map((k) => `${k} (${SSL_SETTINGS[k]})`).join(', ')} set, but securityProtocol (security.protocol) is ${protocol}: set it to '${tls}'`);
    return undefined;
  }
  const keystore = config.sslKeystoreLocation !== undefined ? { path: config.sslKeystoreLocation, ...(config.sslKeyPassword !== undefined ? { password: config.sslKeyPassword } : {}) } : undefined;
  return tlsClientCredentials(
    { ...(config.sslTruststoreLocation !== undefined ? { truststore: config.sslTruststoreLocation } : {}), ...(keystore ? { keystore } : {}) },
    { verifyHostname: algorithm === 'https' },
  );
}
