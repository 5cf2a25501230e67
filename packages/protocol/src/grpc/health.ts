import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, service as healthService, type ServingStatus } from 'grpc-health-check';

/**
 * The standard gRPC health protocol (grpc.health.v1), so orchestrators and `runnel dev` can ask a
 * node whether it is ready. Servers use HealthImplementation; checkHealth is the client.
 */
export { HealthImplementation };
export type { ServingStatus };

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
