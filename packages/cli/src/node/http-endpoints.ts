import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** Why a node is not ready; empty when it is. */
export type Readiness = () => string[];

export interface HttpEndpointsOptions {
  /** host:port to bind. */
  bind: string;
  readiness: Readiness;
  /** Prometheus text exposition of the node's metrics, with its content type. */
  metrics: () => Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

export interface HttpEndpoints {
  /** host:port actually bound (port 0 picks one). */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * The node's HTTP port for orchestrators and scrapers: /healthz (the process answers), /readyz
 * (200 only when the node can do its job; 503 with the reasons otherwise) and /metrics.
 */
export async function startHttpEndpoints(opts: HttpEndpointsOptions): Promise<HttpEndpoints> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const reasons = opts.readiness();
      res.writeHead(reasons.length === 0 ? 200 : 503, { 'content-type': 'text/plain' }).end(reasons.length === 0 ? 'ready\n' : `not ready: ${reasons.join('; ')}\n`);
      return;
    }
    if (path === '/metrics') {
      opts.metrics().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (err: unknown) => {
          opts.logger.warn({ err: String(err) }, 'collecting metrics failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz, /readyz or /metrics\n');
  });
  const colon = opts.bind.lastIndexOf(':');
  const host = opts.bind.slice(0, colon) || '0.0.0.0';
  const port = Number(opts.bind.slice(colon + 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = `${host}:${bound.port}`;
  opts.logger.info({ http: address }, 'serving /healthz, /readyz and /metrics');
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
