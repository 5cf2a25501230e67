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

/** The serving status of `service` ('' = the whole server) at `address`, or UNKNOWN if unreachable. */
export function checkHealth(address: string, timeoutMs = 1_000, service = ''): Promise<ServingStatus> {
  const client = new HealthClientCtor(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.check({ service }, { deadline: Date.now() + timeoutMs }, (err, response) => {
      client.close();
      resolve(err || !response ? 'UNKNOWN' : response.status);
    });
  });
}
