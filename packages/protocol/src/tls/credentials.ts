import * as grpc from '@grpc/grpc-js';
import type { PemFileCertificateProvider, PemFiles } from './pem-file-provider.js';
import { readPemKeystore, readPemTruststore } from './pem.js';

/** ssl.client.auth: whether a TLS listener asks clients for a certificate, and whether it insists. */
export type ClientAuth = 'none' | 'requested' | 'required';

/**
 * Server credentials for one TLS listener, following the provider's files as they change. A
 * certificate a client presents must chain to the provider's truststore; with `requested`, a
 * client may also present none. grpc-js needs a fresh object per listener: a second listener on
 * the same object would never be handed the certificates.
 */
export function tlsServerCredentials(provider: PemFileCertificateProvider, clientAuth: ClientAuth): grpc.ServerCredentials {
  // grpc-js 1.14 reads its first argument as the identity and its second as the CA for client
  // certificates (null: none asked for); the declared names say the reverse. Both are the same
  // provider here, so only the null matters; tls.test.ts checks each mode.
  return grpc.experimental.createCertificateProviderServerCredentials(provider, clientAuth === 'none' ? null : provider, clientAuth === 'required');
}

export interface ChannelTlsOptions {
  /** Check that the server's certificate names the host dialled (ssl.endpoint.identification.algorithm=https). */
  verifyHostname: boolean;
}

function verifyOptions(opts: ChannelTlsOptions): grpc.VerifyOptions {
  return opts.verifyHostname ? {} : { checkServerIdentity: () => undefined };
}

/**
 * Channel credentials of a node talking to other nodes: its own certificate (when it has one) and
 * truststore, from the provider, so a replaced certificate is used for new connections too.
 */
export function tlsChannelCredentials(provider: PemFileCertificateProvider, opts: ChannelTlsOptions): grpc.ChannelCredentials {
  return grpc.experimental.createCertificateProviderChannelCredentials(provider, provider.hasIdentity ? provider : null, verifyOptions(opts));
}

/** Channel credentials of a client, from PEM files read once (throws INVALID_CONFIG naming a bad file). */
export function tlsClientCredentials(files: PemFiles, opts: ChannelTlsOptions): grpc.ChannelCredentials {
  const ca = files.truststore !== undefined ? readPemTruststore(files.truststore, 'ssl.truststore.location') : null;
  const identity = files.keystore ? readPemKeystore(files.keystore.path, files.keystore.password, 'ssl.keystore.location') : null;
  return grpc.credentials.createSsl(ca, identity?.key ?? null, identity?.certificateChain ?? null, verifyOptions(opts));
}
