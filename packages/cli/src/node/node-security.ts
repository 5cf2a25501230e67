import type * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { ConnectionLimit, PemFileCertificateProvider, tlsChannelCredentials, tlsServerCredentials, type ListenOptions } from '@runnel/protocol';
import type { ServerConfig } from '../config/index.js';
import { usesTls } from '../config/security-config.js';

/**
 * What a node's listeners and its connections to other nodes use, from its configuration: TLS per
 * listener name (SSL and SASL_SSL in listener.security.protocol.map) from one set of PEM files
 * that is read again when it changes, one connection limit across all listeners, and the request
 * size and idle limits of every gRPC server.
 */
export class NodeSecurity {
  /** Options of every gRPC server of the node. */
  readonly serverOptions: grpc.ChannelOptions;
  readonly connectionLimit: ConnectionLimit;
  private readonly provider: PemFileCertificateProvider | null;
  /** One per listener name, so every channel to that listener shares connections. */
  private readonly channels = new Map<string, grpc.ChannelCredentials>();

  constructor(
    private readonly config: ServerConfig,
    logger: Logger,
  ) {
    const security = config.security;
    this.serverOptions = {
      'grpc.max_receive_message_length': config.broker.socketRequestMaxBytes,
      'grpc.max_connection_idle_ms': config.broker.connectionsMaxIdleMs,
    };
    this.connectionLimit = new ConnectionLimit(config.broker.maxConnectionsPerIp, (address, max) =>
      logger.warn({ address, max }, 'max.connections.per.ip reached: closing new connections from this address until one of its connections closes'),
    );
    const usesSsl = Object.values(security.protocols).some(usesTls);
    this.provider = usesSsl
      ? new PemFileCertificateProvider(
          { ...(security.keystore ? { keystore: security.keystore } : {}), ...(security.truststore ? { truststore: security.truststore } : {}) },
          security.reloadIntervalMs,
          {
            onReload: (cert) => logger.info({ subject: cert?.subject.replace(/\n/g, ', '), serial: cert?.serialNumber, validTo: cert?.validTo }, 'TLS key or trust store changed: new connections use the new files'),
            onReloadFailed: (err) => logger.error({ err: err.message }, 'TLS key or trust store changed but cannot be used; the files read before stay in use'),
          },
        )
      : null;
    if (this.provider) {
      const cert = this.provider.certificate;
      logger.info(
        { tls: Object.keys(security.protocols).filter((n) => usesTls(security.protocols[n])), clientAuth: security.clientAuth, subject: cert?.subject.replace(/\n/g, ', '), validTo: cert?.validTo },
        'TLS enabled',
      );
    }
  }

  /** How to bind the listener named `name` (fresh credentials: grpc-js wants one object per listener). */
  listenOptions(name: string): ListenOptions {
    return { credentials: this.serverCredentials(name), connectionLimit: this.connectionLimit };
  }

  /** TLS credentials for the listener named `name`; undefined when it is plaintext. */
  serverCredentials(name: string): grpc.ServerCredentials | undefined {
    return this.isSsl(name) ? tlsServerCredentials(this.provider!, this.config.security.clientAuth) : undefined;
  }

  /** Credentials for dialling other nodes' listener `name`; undefined when it is plaintext. */
  channelCredentials(name: string): grpc.ChannelCredentials | undefined {
    if (!this.isSsl(name)) return undefined;
    let c = this.channels.get(name);
    if (!c) {
      c = tlsChannelCredentials(this.provider!, { verifyHostname: this.config.security.verifyHostname });
      this.channels.set(name, c);
    }
    return c;
  }

  private isSsl(name: string): boolean {
    return usesTls(this.config.security.protocols[name]) && this.provider !== null;
  }
}
