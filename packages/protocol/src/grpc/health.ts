import * as grpc from '@grpc/grpc-js';
import { service as healthService, type ServingStatus } from 'grpc-health-check';

/**
 * The standard gRPC health protocol (grpc.health.v1), so orchestrators and `runnel dev` can ask a
 * node whether it is ready. Servers use HealthImplementation; checkHealth is the client.
 */
export type { ServingStatus };

/** Longer service names are refused: no service of ours has one, and they are echoed back. */
const MAX_SERVICE_NAME = 256;

type Watcher = (status: ServingStatus) => void;

/**
 * grpc-health-check's service, with two holes closed. It echoed the service name asked for into
 * the NOT_FOUND status message, a trailer: a 100 KB name made a trailer the client's HTTP/2 session
 * refuses, which broke every call on that client's connection. And a Watch left its service name
 * in a map for good once cancelled, so watching ever new names grew the node's memory without
 * bound. Here a name longer than MAX_SERVICE_NAME is refused, and watchers leave no trace.
 */
export class HealthImplementation {
  private readonly statusMap = new Map<string, ServingStatus>();
  private readonly watchers = new Map<string, Set<Watcher>>();

  constructor(initial: Record<string, ServingStatus> = {}) {
    for (const [name, status] of Object.entries(initial)) this.statusMap.set(name, status);
  }

  setStatus(service: string, status: ServingStatus): void {
    this.statusMap.set(service, status);
    for (const watcher of this.watchers.get(service) ?? []) watcher(status);
  }

  addToServer(server: grpc.Server): void {
    const tooLong = (name: string): Partial<grpc.StatusObject> | undefined =>
      name.length > MAX_SERVICE_NAME ? { code: grpc.status.INVALID_ARGUMENT, details: `service name is ${name.length} characters long; the limit is ${MAX_SERVICE_NAME}` } : undefined;
    server.addService(healthService as grpc.ServiceDefinition, {
      check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const name = call.request.service;
        const status = this.statusMap.get(name);
        if (status) callback(null, { status });
        else callback(tooLong(name) ?? { code: grpc.status.NOT_FOUND, details: `health status unknown for service '${name}'` });
      },
      watch: (call: grpc.ServerWritableStream<{ service: string }, unknown>) => {
        const name = call.request.service;
        const refused = tooLong(name);
        if (refused) {
          call.emit('error', refused);
          return;
        }
        const watcher: Watcher = (status) => call.write({ status });
        let set = this.watchers.get(name);
        if (!set) this.watchers.set(name, (set = new Set()));
        set.add(watcher);
        const forget = (): void => {
          set.delete(watcher);
          if (set.size === 0 && this.watchers.get(name) === set) this.watchers.delete(name);
        };
        call.on('cancelled', forget);
        call.on('close', forget);
        call.write({ status: this.statusMap.get(name) ?? 'SERVICE_UNKNOWN' });
      },
      list: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        callback(null, { statuses: Object.fromEntries([...this.statusMap].map(([name, status]) => [name, { status }])) });
      },
    });
  }

  /** Watchers held, by service name: what a node keeps for open Watch calls. */
  get watchedServices(): number {
    return this.watchers.size;
  }
}

interface HealthClient extends grpc.Client {
  check(request: { service: string }, options: grpc.CallOptions, callback: grpc.requestCallback<{ status: ServingStatus }>): grpc.ClientUnaryCall;
}

const HealthClientCtor = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, 'Health') as unknown as new (
  address: string,
  credentials: grpc.ChannelCredentials,
) => HealthClient;

export interface HealthCheckOptions {
  /** The service asked about; '' (the default) is the whole server. */
  service?: string;
  /** TLS credentials for a TLS listener; plaintext when absent. */
  credentials?: grpc.ChannelCredentials;
}

/** The serving status of a server, or UNKNOWN and why when it could not be asked. */
export function probeHealth(address: string, timeoutMs = 1_000, options: HealthCheckOptions = {}): Promise<{ status: ServingStatus; error?: string }> {
  const client = new HealthClientCtor(address, options.credentials ?? grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.check({ service: options.service ?? '' }, { deadline: Date.now() + timeoutMs }, (err, response) => {
      client.close();
      resolve(err || !response ? { status: 'UNKNOWN', error: err?.details ?? 'no answer' } : { status: response.status });
    });
  });
}

/** The serving status of a server at `address`, or UNKNOWN if unreachable. */
export async function checkHealth(address: string, timeoutMs = 1_000, options: HealthCheckOptions = {}): Promise<ServingStatus> {
  return (await probeHealth(address, timeoutMs, options)).status;
}
