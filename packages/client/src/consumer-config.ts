import { RunnelError } from '@runnel/protocol';
import { SILENT_LOGGER, type ClientLogger } from './logger.js';

export type OffsetResetStrategy = 'earliest' | 'latest' | 'none';

/** Consumer settings: Kafka's consumer configs in camelCase, with Kafka 3.x defaults. */
export interface ConsumerConfig {
  /** bootstrap.servers: "host:port,host:port". */
  bootstrap: string | string[];
  /** client.id */
  clientId?: string;
  /** auto.offset.reset: where to start without a position, or after OFFSET_OUT_OF_RANGE. Default 'latest'. */
  autoOffsetReset?: OffsetResetStrategy;
  /** fetch.min.bytes. Default 1. */
  fetchMinBytes?: number;
  /** fetch.max.wait.ms. Default 500. */
  fetchMaxWaitMs?: number;
  /** fetch.max.bytes. Default 52428800. */
  fetchMaxBytes?: number;
  /** max.partition.fetch.bytes; also the most a partition keeps buffered before it is fetched again. Default 1048576. */
  maxPartitionFetchBytes?: number;
  /** max.poll.records. Default 500. */
  maxPollRecords?: number;
  /** request.timeout.ms. Default 30000. */
  requestTimeoutMs?: number;
  /** retry.backoff.ms. Default 100. */
  retryBackoffMs?: number;
  logger?: ClientLogger;
}

export type ResolvedConsumerConfig = Required<Omit<ConsumerConfig, 'clientId' | 'logger'>> & { clientId: string; logger: ClientLogger };

function int(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) throw new RunnelError('INVALID_CONFIG', `${name} must be an integer >= ${min}, got ${String(value)}`);
  return v;
}

export function resolveConsumerConfig(config: ConsumerConfig): ResolvedConsumerConfig {
  const reset = config.autoOffsetReset ?? 'latest';
  if (reset !== 'earliest' && reset !== 'latest' && reset !== 'none') {
    throw new RunnelError('INVALID_CONFIG', `autoOffsetReset must be 'earliest', 'latest' or 'none', got '${String(reset)}'`);
  }
  return {
    bootstrap: config.bootstrap,
    clientId: config.clientId ?? 'runnel-consumer',
    autoOffsetReset: reset,
    fetchMinBytes: int('fetchMinBytes (fetch.min.bytes)', config.fetchMinBytes, 1, 0),
    fetchMaxWaitMs: int('fetchMaxWaitMs (fetch.max.wait.ms)', config.fetchMaxWaitMs, 500, 0),
    fetchMaxBytes: int('fetchMaxBytes (fetch.max.bytes)', config.fetchMaxBytes, 52_428_800, 1),
    maxPartitionFetchBytes: int('maxPartitionFetchBytes (max.partition.fetch.bytes)', config.maxPartitionFetchBytes, 1_048_576, 1),
    maxPollRecords: int('maxPollRecords (max.poll.records)', config.maxPollRecords, 500, 1),
    requestTimeoutMs: int('requestTimeoutMs (request.timeout.ms)', config.requestTimeoutMs, 30_000, 1),
    retryBackoffMs: int('retryBackoffMs (retry.backoff.ms)', config.retryBackoffMs, 100, 0),
    logger: config.logger ?? SILENT_LOGGER,
  };
}
