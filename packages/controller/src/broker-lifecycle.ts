import { CHANNEL_OPTIONS, RunnelError } from '@runnel/protocol';
import type { BrokerHeartbeatTracker } from './broker-heartbeat-tracker.js';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import { applyRecords } from './delta.js';
import type { BrokerRegistration, MetadataImage } from './image.js';
import { electOfflineLeaders, removeBrokerFromPartitions } from './partition-change.js';
import type { BrokerEndpoint, MetadataRecord } from './records.js';
import { uuidToBytes, type Uuid } from './uuid.js';

export interface RegisterBrokerRequest {
  readonly brokerId: number;
  /** New for every start of the broker process. */
  readonly incarnationId: Uuid;
  readonly listeners: readonly BrokerEndpoint[];
  readonly rack: string | null;
}

export interface BrokerHeartbeatRequest {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  /** The offset of the last metadata record the broker has applied. */
  readonly currentMetadataOffset: number;
  readonly wantFence: boolean;
  readonly wantShutDown: boolean;
}

export interface BrokerHeartbeatResponse {
  readonly isCaughtUp: boolean;
  readonly isFenced: boolean;
  readonly shouldShutDown: boolean;
}

/** The registration `brokerId` holds with `brokerEpoch`, or STALE_BROKER_EPOCH telling it to register again. */
export function checkBrokerEpoch(image: MetadataImage, brokerId: number, brokerEpoch: number): BrokerRegistration {
  const broker = image.brokers.get(brokerId);
  if (!broker) {
    throw new RunnelError('STALE_BROKER_EPOCH', `broker ${brokerId} is not registered; it must register again`);
  }
  if (broker.epoch !== brokerEpoch) {
    throw new RunnelError(
      'STALE_BROKER_EPOCH',
      `broker ${brokerId} sent epoch ${brokerEpoch} but its registration has epoch ${broker.epoch}; it must register again`,
    );
  }
  return broker;
}

/** Records that take a broker out of every ISR and leadership and fence it, for `reason`. */
function fenceRecords(image: MetadataImage, broker: BrokerRegistration, ctx: ControllerContext, reason: string): MetadataRecord[] {
  const moves = removeBrokerFromPartitions(image, broker.id, ctx.settings);
  ctx.log?.info({ brokerId: broker.id, brokerEpoch: broker.epoch, partitionChanges: moves.length, reason }, 'fencing broker');
  return [...moves, { type: 'fenceBroker', brokerId: broker.id, brokerEpoch: broker.epoch }];
}

function validateRegistration(request: RegisterBrokerRequest): void {
  if (!Number.isInteger(request.brokerId) || request.brokerId < 0 || request.brokerId > 2 ** 31 - 1) {
    throw new RunnelError('INVALID_REQUEST', `broker id ${request.brokerId} is not an integer in [0, 2^31-1]`);
  }
  uuidToBytes(request.incarnationId);
  if (request.listeners.length === 0) throw new RunnelError('INVALID_REQUEST', `broker ${request.brokerId} registered without listeners`);
  const names = new Set<string>();
  for (const l of request.listeners) {
    if (l.name === '' || l.host === '' || !Number.isInteger(l.port) || l.port < 1 || l.port > 65535) {
      throw new RunnelError('INVALID_REQUEST', `listener ${l.name}://${l.host}:${l.port} needs a name, a host and a port in 1-65535`);
    }
    if (names.has(l.name)) throw new RunnelError('INVALID_REQUEST', `listener ${l.name} is given twice`);
    names.add(l.name);
  }
  if (request.rack !== null && request.rack.trim() === '') throw new RunnelError('INVALID_REQUEST', 'rack must be null or non-empty');
}

/**
 * Registers a broker, fenced until it has caught up on metadata. A different incarnation may
 * replace a registration only once the old one's session has expired; a registration that
 * replaces a live one first takes the old incarnation out of ISRs and leaderships, since the
 * new process has to catch up again.
 */
export function registerBroker(
  image: MetadataImage,
  tracker: BrokerHeartbeatTracker,
  request: RegisterBrokerRequest,
  ctx: ControllerContext,
): ControllerResult<{ brokerEpoch: number }> {
  validateRegistration(request);
  // A controller that just took over has no sessions yet; it must still refuse a duplicate id.
  tracker.syncWith(image, ctx.now);
  const existing = image.brokers.get(request.brokerId);
  const records: MetadataRecord[] = [];
  if (existing) {
    if (existing.incarnationId !== request.incarnationId && tracker.hasValidSession(existing.id, ctx.now)) {
      throw new RunnelError(
        'DUPLICATE_BROKER_REGISTRATION',
        `broker id ${request.brokerId} is held by a live broker (incarnation ${existing.incarnationId}); ` +
          `wait ${tracker.sessionTimeoutMs} ms after it stops or use another node.id`,
      );
    }
    if (!existing.fenced) records.push(...removeBrokerFromPartitions(image, existing.id, ctx.settings));
  }
  const brokerEpoch = image.nextBrokerEpoch;
  records.push({
    type: 'registerBroker',
    brokerId: request.brokerId,
    incarnationId: request.incarnationId,
    brokerEpoch,
    endpoints: request.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
    rack: request.rack,
    fenced: true,
  });
  tracker.registered(request.brokerId, ctx.now);
  ctx.log?.info({ brokerId: request.brokerId, brokerEpoch, incarnationId: request.incarnationId, rack: request.rack }, 'registering broker');
  return { records, response: { brokerEpoch } };
}

/**
 * Handles a heartbeat: keeps the session alive and moves the broker along its lifecycle.
 * Fenced brokers are unfenced once caught up (and offline partitions they can lead get them);
 * wantFence fences; wantShutDown starts a controlled shutdown that first moves the broker's
 * leaderships and ISR seats away, and answers shouldShutDown once the broker has replayed that.
 */
export function brokerHeartbeat(
  image: MetadataImage,
  tracker: BrokerHeartbeatTracker,
  request: BrokerHeartbeatRequest,
  ctx: ControllerContext,
): ControllerResult<BrokerHeartbeatResponse> {
  const broker = checkBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  tracker.touch(broker.id, ctx.now, request.currentMetadataOffset, ctx.committedOffset);
  const isCaughtUp = tracker.isCaughtUp(broker.id);

  if (broker.fenced) {
    if (request.wantShutDown) return { records: [], response: { isCaughtUp, isFenced: true, shouldShutDown: true } };
    if (request.wantFence || !isCaughtUp) return { records: [], response: { isCaughtUp, isFenced: true, shouldShutDown: false } };
    const unfence: MetadataRecord = { type: 'unfenceBroker', brokerId: broker.id, brokerEpoch: broker.epoch };
    const elections = electOfflineLeaders(applyRecords(image, [unfence]).image, ctx.settings);
    ctx.log?.info({ brokerId: broker.id, brokerEpoch: broker.epoch, elections: elections.length }, 'unfencing broker');
    return { records: [unfence, ...elections], response: { isCaughtUp, isFenced: false, shouldShutDown: false } };
  }

  if (broker.inControlledShutdown) {
    const leadsNothing = [...image.topicsById.values()].every((t) =>
      [...t.partitions.values()].every((p) => p.leader !== broker.id),
    );
    if (leadsNothing && tracker.shutdownReplayed(broker.id, ctx.committedOffset)) {
      return { records: fenceRecords(image, broker, ctx, 'controlled shutdown'), response: { isCaughtUp, isFenced: true, shouldShutDown: true } };
    }
    return { records: [], response: { isCaughtUp, isFenced: false, shouldShutDown: false } };
  }

  if (request.wantShutDown) {
    const mark: MetadataRecord = {
      type: 'brokerRegistrationChange',
      brokerId: broker.id,
      brokerEpoch: broker.epoch,
      inControlledShutdown: true,
    };
    const moves = removeBrokerFromPartitions(image, broker.id, ctx.settings);
    tracker.beginShutdown(broker.id);
    ctx.log?.info({ brokerId: broker.id, brokerEpoch: broker.epoch, partitionChanges: moves.length }, 'controlled shutdown started');
    return { records: [mark, ...moves], response: { isCaughtUp, isFenced: false, shouldShutDown: false } };
  }
  if (request.wantFence) {
    return { records: fenceRecords(image, broker, ctx, 'requested by the broker'), response: { isCaughtUp, isFenced: true, shouldShutDown: false } };
  }
  return { records: [], response: { isCaughtUp, isFenced: false, shouldShutDown: false } };
}

/** Fences every unfenced broker whose session expired (called on a timer with the clock's now). */
export function fenceStaleBrokers(
  image: MetadataImage,
  tracker: BrokerHeartbeatTracker,
  ctx: ControllerContext,
): ControllerResult<{ fenced: number[] }> {
  tracker.syncWith(image, ctx.now);
  const stale = tracker.staleBrokers(image, ctx.now);
  const records: MetadataRecord[] = [];
  let current = image;
  for (const id of stale) {
    // Each fencing sees the previous ones, so no partition is handed to a broker fenced in the same batch.
    const batch = fenceRecords(current, current.brokers.get(id)!, ctx, tracker.expiryReason(id));
    current = applyRecords(current, batch).image;
    records.push(...batch);
  }
  return { records, response: { fenced: stale } };
}

/**
 * How long a broker may have been silent when its liveness connection goes for the loss still to
 * mean it died. The controller's keepalive drops a connection whose peer leaves its pings
 * unanswered this long (a paused or cut-off broker); such a broker was silent before its
 * connection went, and silence is the session timeout's business.
 */
export const LIVENESS_SILENCE_LIMIT_MS = Number(CHANNEL_OPTIONS['grpc.keepalive_timeout_ms']);

export interface BrokerLivenessLostRequest {
  readonly brokerId: number;
  /** The registration the lost stream was opened for. */
  readonly brokerEpoch: number;
  /** When the stream was lost, on the controller's clock. */
  readonly lostAtMs: number;
}

/**
 * A broker's liveness stream ended without a goodbye, the broker having been heard from until
 * then: its process is taken for dead and its session ends now, so it is fenced (with any other
 * broker whose session expired) right away rather than at the session timeout. A stream of a
 * registration that is no longer current, of a broker already fenced, or of one that had gone
 * silent before (see LIVENESS_SILENCE_LIMIT_MS) changes nothing.
 */
export function brokerLivenessLost(
  image: MetadataImage,
  tracker: BrokerHeartbeatTracker,
  request: BrokerLivenessLostRequest,
  ctx: ControllerContext,
): ControllerResult<{ fenced: number[] }> {
  const broker = image.brokers.get(request.brokerId);
  if (!broker || broker.epoch !== request.brokerEpoch || broker.fenced) return { records: [], response: { fenced: [] } };
  tracker.syncWith(image, ctx.now);
  const silentMs = tracker.silentFor(broker.id, request.lostAtMs);
  if (silentMs >= LIVENESS_SILENCE_LIMIT_MS) {
    ctx.log?.info({ brokerId: broker.id, brokerEpoch: broker.epoch, silentMs }, 'liveness connection lost after the broker had gone silent; its session timeout decides');
    return { records: [], response: { fenced: [] } };
  }
  tracker.expire(broker.id, 'liveness connection lost');
  return fenceStaleBrokers(image, tracker, ctx);
}

/** Removes a broker's registration (decommissioning), after taking it out of ISRs and leaderships. */
export function unregisterBroker(
  image: MetadataImage,
  tracker: BrokerHeartbeatTracker,
  brokerId: number,
  ctx: ControllerContext,
): ControllerResult<null> {
  const broker = image.brokers.get(brokerId);
  if (!broker) throw new RunnelError('INVALID_REQUEST', `broker ${brokerId} is not registered`);
  const records: MetadataRecord[] = broker.fenced ? [] : removeBrokerFromPartitions(image, brokerId, ctx.settings);
  records.push({ type: 'unregisterBroker', brokerId, brokerEpoch: broker.epoch });
  tracker.remove(brokerId);
  ctx.log?.info({ brokerId, brokerEpoch: broker.epoch }, 'unregistering broker');
  return { records, response: null };
}
