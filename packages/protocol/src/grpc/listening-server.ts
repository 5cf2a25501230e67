import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { ConnectionLimit } from './connection-limit.js';

export interface ListenOptions {
  /** TLS (grpc.ServerCredentials with certificates) or, when absent, plaintext. */
  credentials?: grpc.ServerCredentials;
  /** Shared by a node's listeners: open connections allowed per client address. */
  connectionLimit?: ConnectionLimit;
}

interface Listener {
  server: NetServer;
  sockets: Set<Socket>;
}

function splitAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(address.slice(colon + 1)) };
}

/**
 * A grpc-js server that accepts its own connections: a net listener per bound address hands each
 * accepted socket to grpc-js through a connection injector, which does TLS and HTTP/2 as
 * bindAsync would. grpc-js has no hook on the sockets bindAsync accepts, and this way a
 * connection is counted and, over the limit, closed before any TLS or HTTP/2 work is spent on it.
 */
export class ListeningServer extends grpc.Server {
  private readonly listeners: Listener[] = [];

  async listen(address: string, options: ListenOptions): Promise<number> {
    const { host, port } = splitAddress(address);
    const injector = this.createConnectionInjector(options.credentials ?? grpc.ServerCredentials.createInsecure());
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => {
      if (options.connectionLimit && !options.connectionLimit.admit(socket)) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      injector.injectConnection(socket);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      injector.destroy();
      throw err;
    }
    this.listeners.push({ server, sockets });
    return (server.address() as AddressInfo).port;
  }

  override tryShutdown(callback: (error?: Error) => void): void {
    this.stopAccepting();
    super.tryShutdown(callback);
  }

  override forceShutdown(): void {
    this.stopAccepting();
    // Connections still in their TLS handshake are not grpc-js sessions yet, so it cannot end them.
    for (const l of this.listeners) for (const s of l.sockets) s.destroy();
    super.forceShutdown();
  }

  private stopAccepting(): void {
    for (const l of this.listeners) if (l.server.listening) l.server.close();
  }
}
