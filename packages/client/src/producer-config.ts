import type * as grpc from '@grpc/grpc-js';
import { CompressionType, RunnelError } from '@runnel/protocol';
import type { ClientLogger } from './logger.js';
import { SILENT_LOGGER } from './logger.js';
import type { Partitioner } from './partitioner.js';
import { resolveCredentials, type SecurityConfig } from './security-config.js';
import { resolveSecurity, type SaslCredentials } from './security.js';

export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

/** Producer settings: Kafka's producer configs in camelCase, with Kafka 3.x defaults. */
export interface ProducerConfig extends SecurityConfig {
  /** bootstrap.servers: "host:port,host:port". */
  bootstrap: string | string[];
  /** client.id */
  clientId?: string;
  /** acks: 0, 1 or 'all' (-1). Default 'all'. */
  acks?: 0 | 1 | -1 | 'all';
  /** linger.ms: how long a batch waits for more records before it is sent. Default 5. */
  lingerMs?: number;
  /** batch.size: bytes of records per partition batch. Default 16384. */
  batchSize?: number;
  /** buffer.memory: bytes of records waiting to be sent; send() waits when it is full. Default 33554432. */
  bufferMemory?: number;
  /** max.block.ms: how long send() may wait for metadata or buffer space. Default 60000. */
  maxBlockMs?: number;
  /** max.request.size: the largest record, and the most one request carries. Default 1048576. */
  maxRequestSize?: number;
  /** compression.type. Default 'none'. */
  compressionType?: CompressionName;
  /** retries: resend attempts per batch (bounded in time by deliveryTimeoutMs). Default 2147483647. */
  retries?: number;
  /** retry.backoff.ms. Default 100. */
  retryBackoffMs?: number;
  /** delivery.timeout.ms: upper bound from send() to success or failure. Default 120000. */
  deliveryTimeoutMs?: number;
  /** request.timeout.ms: how long an answer to one produce request may take. Default 30000. */
  requestTimeoutMs?: number;
  /** max.in.flight.requests.per.connection. Default 5 (at most 5 with idempotence). */
  maxInFlightRequestsPerConnection?: number;
  /** enable.idempotence. Default true (turned off when acks is not 'all' and this is unset). */
  enableIdempotence?: boolean;
  /** partitioner.class: a function choosing the partition of each record. */
  partitioner?: Partitioner;
  logger?: ClientLogger;
  /** Random source for the sticky partitioner (tests pass a seeded one). */
  random?: () => number;
}

export interface ResolvedProducerConfig {
  bootstrap: string | string[];
  clientId: string;
  acks: 0 | 1 | -1;
  lingerMs: number;
  batchSize: number;
  bufferMemory: number;
  maxBlockMs: number;
  maxRequestSize: number;
  compression: CompressionType;
  retries: number;
  retryBackoffMs: number;
  deliveryTimeoutMs: number;
  requestTimeoutMs: number;
  maxInFlight: number;
  idempotence: boolean;
  partitioner: Partitioner | undefined;
  logger: ClientLogger;
  random: () => number;
  sasl: SaslCredentials | null;
  /** TLS for SSL and SASL_SSL (securityProtocol), else undefined. */
  credentials: grpc.ChannelCredentials | undefined;
}

const COMPRESSION: Record<CompressionName, CompressionType> = {
  none: CompressionType.None,
  gzip: CompressionType.Gzip,
  snappy: CompressionType.Snappy,
  lz4: CompressionType.Lz4,
  zstd: CompressionType.Zstd,
};

function invalid(message: string): RunnelError {
  return new RunnelError('INVALID_CONFIG', message);
}

function int(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) throw invalid(`${name} must be an integer >= ${min}, got ${String(value)}`);
  return v;
}

/** Apply defaults and check every value; refuses combinations Kafka refuses. */
export function resolveProducerConfig(config: ProducerConfig): ResolvedProducerConfig {
  const acksIn = config.acks ?? 'all';
  const acks = acksIn === 'all' ? -1 : acksIn;
  if (acks !== 0 && acks !== 1 && acks !== -1) throw invalid(`acks must be 0, 1 or 'all', got ${String(acksIn)}`);
  const compressionName = config.compressionType ?? 'none';
  const compression = COMPRESSION[compressionName];
  if (compression === undefined) throw invalid(`compressionType must be one of ${Object.keys(COMPRESSION).join(', ')}, got '${compressionName}'`);
  const lingerMs = int('lingerMs (linger.ms)', config.lingerMs, 5, 0);
  const requestTimeoutMs = int('requestTimeoutMs (request.timeout.ms)', config.requestTimeoutMs, 30_000, 1);
  const deliveryTimeoutMs = int('deliveryTimeoutMs (delivery.timeout.ms)', config.deliveryTimeoutMs, 120_000, 1);
  if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
    throw invalid(`deliveryTimeoutMs (${deliveryTimeoutMs}) must be at least lingerMs + requestTimeoutMs (${lingerMs + requestTimeoutMs}), as in Kafka`);
  }
  const maxInFlight = int('maxInFlightRequestsPerConnection', config.maxInFlightRequestsPerConnection, 5, 1);
  const retries = int('retries', config.retries, 2_147_483_647, 0);
  let idempotence = config.enableIdempotence ?? acks === -1;
  if (config.enableIdempotence === true) {
    if (acks !== -1) throw invalid(`enableIdempotence needs acks='all' (got acks=${acks})`);
    if (maxInFlight > 5) throw invalid(`enableIdempotence needs maxInFlightRequestsPerConnection <= 5 (got ${maxInFlight})`);
    if (retries === 0) throw invalid('enableIdempotence needs retries > 0');
  } else if (config.enableIdempotence === undefined && (maxInFlight > 5 || retries === 0)) {
    idempotence = false;
  }
  const bufferMemory = int('bufferMemory (buffer.memory)', config.bufferMemory, 33_554_432, 1);
  const maxRequestSize = int('maxRequestSize (max.request.size)', config.maxRequestSize, 1_048_576, 1);
  return {
    bootstrap: config.bootstrap,
    clientId: config.clientId ?? 'runnel-producer',
    acks,
    lingerMs,
    batchSize: int('batchSize (batch.size)', config.batchSize, 16_384, 1),
    bufferMemory,
    maxBlockMs: int('maxBlockMs (max.block.ms)', config.maxBlockMs, 60_000, 0),
    maxRequestSize,
    compression,
    retries,
    retryBackoffMs: int('retryBackoffMs (retry.backoff.ms)', config.retryBackoffMs, 100, 0),
    deliveryTimeoutMs,
    requestTimeoutMs,
    maxInFlight,
    idempotence,
    partitioner: config.partitioner,
    logger: config.logger ?? SILENT_LOGGER,
    random: config.random ?? Math.random,
    sasl: resolveSecurity(config),
    credentials: resolveCredentials(config),
  };
}
