import { RunnelError } from '@runnel/protocol';
import { checkBrokerEpoch } from './broker-lifecycle.js';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import type { MetadataImage } from './image.js';

/** Producer ids go to brokers in blocks of this many, as in Kafka. */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

export interface ProducerIdBlock {
  readonly producerIdStart: number;
  readonly producerIdLen: number;
}

/** Hands a broker the next block of producer ids for idempotent producers. */
export function allocateProducerIds(
  image: MetadataImage,
  request: { brokerId: number; brokerEpoch: number },
  ctx: ControllerContext,
): ControllerResult<ProducerIdBlock> {
  checkBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const start = image.nextProducerId;
  const next = start + PRODUCER_ID_BLOCK_SIZE;
  if (next > Number.MAX_SAFE_INTEGER) {
    throw new RunnelError('UNKNOWN_SERVER_ERROR', 'producer ids are exhausted');
  }
  ctx.log?.debug({ brokerId: request.brokerId, producerIdStart: start }, 'allocating producer ids');
  return {
    records: [{ type: 'producerIds', brokerId: request.brokerId, brokerEpoch: request.brokerEpoch, nextProducerId: next }],
    response: { producerIdStart: start, producerIdLen: PRODUCER_ID_BLOCK_SIZE },
  };
}
