import type { Logger } from 'pino';
import { RunnelError, callRequester, unaryHandler, type HandlersOf, type pb } from '@runnel/protocol';
import { CLUSTER_RESOURCE_NAME, type RequestAccess } from '@runnel/controller';
import type { DeadlineQueue } from '../delayed/deadline-queue.js';
import type { DelayedFetch } from '../delayed/delayed-fetch.js';
import type { DelayedProduce } from '../delayed/delayed-produce.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { ProducerIdManager } from '../metadata/producer-id-manager.js';
import type { BrokerMetrics } from '../metrics/broker-metrics.js';
import type { PartitionRegistry } from '../replica/partition-registry.js';
import { fetchHandler } from './fetch-handler.js';
import { listOffsetsHandler } from './list-offsets-handler.js';
import { produceHandler } from './produce-handler.js';

export interface BrokerServiceDeps {
  partitions: PartitionRegistry;
  cache: MetadataCache;
  /** The active controller as this broker's controller channel last found it. */
  activeControllerId: () => number;
  producerIds: ProducerIdManager;
  produceQueue: DeadlineQueue<DelayedProduce>;
  fetchQueue: DeadlineQueue<DelayedFetch>;
  fetchMaxBytes: number;
  now: () => number;
  logger: Logger;
  metrics: BrokerMetrics;
  access: RequestAccess;
}

/** The client-facing data service: produce, fetch, metadata, offsets, producer ids. */
export function brokerHandlers(deps: BrokerServiceDeps): HandlersOf<'Broker'> {
  const topicExists = (t: string): boolean => deps.cache.topicExists(t);
  const { access } = deps;
  return {
    Produce: produceHandler({ partitions: deps.partitions, produceQueue: deps.produceQueue, now: deps.now, logger: deps.logger, topicExists, metrics: deps.metrics, access }),
    Fetch: fetchHandler({ partitions: deps.partitions, fetchQueue: deps.fetchQueue, now: deps.now, logger: deps.logger, topicExists, maxResponseBytes: deps.fetchMaxBytes, metrics: deps.metrics, access }),
    ListOffsets: listOffsetsHandler({ partitions: deps.partitions, topicExists, logger: deps.logger, access }),
    Metadata: unaryHandler<pb.MetadataRequest__Output, pb.MetadataResponse>(async (request, call) =>
      deps.cache.metadata(request, deps.activeControllerId(), access.topics(callRequester(call), 'DESCRIBE')),
    ),
    // Idempotent producers only: every call gets a fresh id at epoch 0 (transactions would reuse ids).
    InitProducerId: unaryHandler<pb.InitProducerIdRequest__Output, pb.InitProducerIdResponse>(async (request, call) => {
      if (request.transactionalId) {
        throw new RunnelError('INVALID_REQUEST', 'transactional producers are not supported; use an idempotent producer without transactional.id');
      }
      // As in Kafka: IDEMPOTENT_WRITE on the cluster, or WRITE on some topic.
      const who = callRequester(call);
      if (!access.may(who, 'IDEMPOTENT_WRITE', 'CLUSTER', CLUSTER_RESOURCE_NAME) && !access.mayAny(who, 'WRITE', 'TOPIC')) {
        const e = new RunnelError('CLUSTER_AUTHORIZATION_FAILED', `${who.principal} may not produce idempotently: it needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic`);
        return { errorCode: e.code, errorMessage: e.message, producerId: -1, producerEpoch: -1 };
      }
      return { errorCode: 0, producerId: await deps.producerIds.nextId(), producerEpoch: 0 };
    }),
  };
}
