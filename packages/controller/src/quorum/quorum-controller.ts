import { RunnelError, isRunnelError } from '@runnel/protocol';
import type { Entry, RaftNode, Snapshot, StateMachine } from '@runnel/raft';
import { pino, type Logger } from 'pino';
import { alterPartition, type AlterPartitionRequest, type AlterPartitionResult } from '../alter-partition.js';
import { BrokerHeartbeatTracker } from '../broker-heartbeat-tracker.js';
import {
  brokerHeartbeat,
  brokerLivenessLost,
  checkBrokerEpoch,
  fenceStaleBrokers,
  registerBroker,
  unregisterBroker,
  type BrokerHeartbeatRequest,
  type BrokerHeartbeatResponse,
  type RegisterBrokerRequest,
} from '../broker-lifecycle.js';
import type { ClusterSettings, QuorumVoter } from '../controller-config.js';
import type { ControllerContext, ControllerResult } from '../controller-context.js';
import { applyRecords } from '../delta.js';
import { EMPTY_IMAGE, type MetadataImage } from '../image.js';
import { rebalanceLeaders } from '../leader-election.js';
import type { MetadataRecord } from '../records.js';
import { allocateProducerIds, type ProducerIdBlock } from '../producer-ids.js';
import { cryptoRandomSource, type RandomSource } from '../random.js';
import { decodeSnapshot, encodeSnapshot } from '../snapshot.js';
import { createTopics, type CreateTopicRequest, type CreateTopicResult } from '../topic-operations.js';
import { systemClock, type ControllerClock } from './clock.js';
import { decodeMetadataEntry, encodeMetadataEntry } from './entry-codec.js';
import { WriteQueue } from './write-queue.js';

/**
 * What the controller needs of its Raft node: RaftNode has it, and so can a simulator's driver.
 * Voter changes are served only when the node offers them.
 */
export type ControllerRaft = Pick<RaftNode, 'id' | 'isLeader' | 'term' | 'leaderId' | 'commitIndex' | 'voters' | 'propose'> &
  Partial<Pick<RaftNode, 'addVoter' | 'removeVoter' | 'replicaProgress' | 'setLearners'>>;

/** One member of the quorum (a voter) or a reader of its log (a broker), as DescribeQuorum reports it. */
export interface QuorumReplica {
  id: number;
  /** Voters: the last metadata log index known to match the leader's; brokers: the offset they reported applied. -1 = unknown. */
  logEndOffset: number;
  /** Wall-clock ms of the last append answer (voters) or heartbeat (brokers); -1 = none yet. */
  lastContactMs: number;
  /** host:port, when known. */
  endpoint: string | null;
}

export interface QuorumDescription {
  leaderId: number;
  term: number;
  highWatermark: number;
  voters: QuorumReplica[];
  observers: QuorumReplica[];
}

/** A decision against the committed image and the active controller's broker sessions. */
export type Decision<T> = (image: MetadataImage, tracker: BrokerHeartbeatTracker, ctx: ControllerContext) => ControllerResult<T>;

export interface QuorumControllerOptions {
  nodeId: number;
  /** controller.quorum.voters: where to send callers when another voter is active. */
  voters: readonly QuorumVoter[];
  settings: ClusterSettings;
  clock?: ControllerClock;
  random?: RandomSource;
  logger?: Logger;
  /** Writes waiting or running before new ones are refused. */
  maxQueuedWrites?: number;
  /** How long a write may wait and run before its caller gets REQUEST_TIMED_OUT. */
  writeTimeoutMs?: number;
  /** How often leadership, broker sessions and the rebalance timer are checked. */
  checkIntervalMs?: number;
  /**
   * Called with every registered controller's host:port whenever the set changes (and once on
   * attach), so the Raft transport can reach controllers that joined at runtime.
   */
  onControllerEndpoints?: (endpoints: ReadonlyMap<number, string>) => void;
}

interface Active {
  readonly term: number;
  readonly tracker: BrokerHeartbeatTracker;
  /** Brokers' liveness streams accepted while this term's controller is active. */
  readonly liveness: Set<LivenessStream>;
}

/** A broker's open liveness stream, as the active controller holds it. */
interface LivenessStream {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  /** Ends the stream from this side (with NOT_CONTROLLER when this controller steps down). */
  readonly end: (err: RunnelError) => void;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The quorum controller: the metadata image as a Raft state machine, plus the write path of the
 * active controller. Every voter applies committed entries (one atomic batch of records each) to
 * its image. Only the Raft leader decides: once it has applied its own no-op entry of the new term
 * (so its image holds everything committed before), it starts fresh broker sessions and serves
 * writes one at a time. Each write is decided against the committed image by the pure decision
 * functions, proposed as one entry, and answered only once that entry is committed and applied.
 *
 * Wiring: construct it, start the RaftNode with it as the state machine, then attach(raftNode);
 * addControllerService() serves it over gRPC.
 */
export class QuorumController implements StateMachine {
  private current: MetadataImage = EMPTY_IMAGE;
  private applied = 0;
  /** Term of the newest no-op applied: a leader of that term has a current image. */
  private noopTerm = 0;
  private raft: ControllerRaft | null = null;
  private active: Active | null = null;
  /** Set when a proposal's outcome is unknown: an empty entry must commit before the next decision. */
  private needsBarrier = false;
  private nextRebalanceAt = 0;
  private fencing = false;
  private rebalancing = false;
  private cancelTick: (() => void) | null = null;
  private closed = false;
  private readonly queue: WriteQueue;
  /** The registered controllers last handed to the transport and the Raft node. */
  private syncedControllers: MetadataImage['controllers'] | null = null;
  private readonly clock: ControllerClock;
  private readonly random: RandomSource;
  private readonly log: Logger;
  private readonly writeTimeoutMs: number;
  private readonly checkIntervalMs: number;

  constructor(private readonly options: QuorumControllerOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? cryptoRandomSource;
    this.log = (options.logger ?? pino({ name: 'controller', base: { nodeId: options.nodeId } })).child({ component: 'controller' });
    this.writeTimeoutMs = options.writeTimeoutMs ?? 30_000;
    this.checkIntervalMs =
      options.checkIntervalMs ?? Math.max(10, Math.min(250, Math.floor(options.settings.brokerSessionTimeoutMs / 4)));
    this.queue = new WriteQueue(this.clock, options.maxQueuedWrites ?? 1000);
  }

  /** The committed metadata image (as of `appliedIndex`). */
  get image(): MetadataImage {
    return this.current;
  }

  /** The Raft index of the last entry applied to the image. */
  get appliedIndex(): number {
    return this.applied;
  }

  /** This controller's node id. */
  get nodeId(): number {
    return this.options.nodeId;
  }

  /** The controller's logger (with its node id), for lines about the requests it serves. */
  get logger(): Logger {
    return this.log;
  }

  /** True while this controller serves writes. */
  get isActive(): boolean {
    return this.active !== null;
  }

  /** Starts serving: call once the RaftNode driving this state machine has started. */
  attach(raft: ControllerRaft): void {
    if (this.raft) throw new RunnelError('INVALID_REQUEST', 'the controller is already attached to a Raft node');
    this.raft = raft;
    this.syncControllers();
    this.checkLeadership();
    this.scheduleTick();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelTick?.();
    this.cancelTick = null;
    if (this.active) this.endLiveness(this.active, new RunnelError('NOT_CONTROLLER', `controller ${this.options.nodeId} is shutting down`));
    this.active = null;
    this.queue.setOpen(false);
    this.queue.failWaiting(() => new RunnelError('NOT_CONTROLLER', `controller ${this.options.nodeId} is shutting down`));
  }

  // ---- the state machine ------------------------------------------------------------------

  apply(entry: Entry): void {
    if (entry.type === 'normal' && entry.data.length > 0) {
      const records = decodeMetadataEntry(entry.data);
      try {
        this.current = applyRecords(this.current, records).image;
      } catch (err) {
        // Every voter replays the same entry the same way: this is a bug, not a local fault.
        this.log.error({ err, index: entry.index, term: entry.term }, 'cannot apply committed metadata entry');
        throw err;
      }
    }
    this.applied = entry.index;
    if (entry.type === 'noop') this.noopTerm = entry.term;
    this.syncControllers();
    this.checkLeadership();
  }

  snapshot(): Buffer {
    return encodeSnapshot(this.current);
  }

  restore(snapshot: Snapshot): void {
    this.current = snapshot.data.length === 0 ? EMPTY_IMAGE : decodeSnapshot(snapshot.data);
    this.applied = snapshot.meta.index;
    this.log.info({ index: snapshot.meta.index, term: snapshot.meta.term }, 'metadata image restored from snapshot');
    this.syncControllers();
  }

  /**
   * Registered controllers are where the transport can reach them, and every known controller
   * (registered, or in controller.quorum.voters) that is not a voter is a Raft learner: a joining
   * controller catches up before its voter change, and a removed one keeps receiving the log (a
   * combined node's broker reads its metadata from it).
   */
  private syncControllers(): void {
    const controllers = this.current.controllers;
    if (!this.raft || controllers === this.syncedControllers) return;
    this.syncedControllers = controllers;
    const endpoints = new Map([...controllers].map(([id, e]) => [id, hostPort(e.host, e.port)]));
    this.options.onControllerEndpoints?.(endpoints);
    this.raft.setLearners?.([...this.options.voters.map((v) => v.id), ...controllers.keys()]);
  }

  // ---- writes -----------------------------------------------------------------------------

  /**
   * Runs a decision on the active controller, after every earlier write, and resolves with its
   * answer once its records are committed and applied. A decision that throws changes nothing and
   * its error is the caller's. NOT_CONTROLLER (with the leader's id and endpoint) when this
   * controller is not the Raft leader; REQUEST_TIMED_OUT past `timeoutMs`. The decision's log
   * lines carry `requestId` when the write serves a request.
   */
  write<T>(name: string, decide: Decision<T>, timeoutMs = this.writeTimeoutMs, requestId?: string): Promise<T> {
    return this.enqueue(name, timeoutMs, () => this.execute(decide, requestId));
  }

  /** Queues work for the active controller's turn. */
  private enqueue<T>(name: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new RunnelError('NOT_CONTROLLER', `controller ${this.options.nodeId} is shutting down`));
    this.checkLeadership();
    // A leader that has not yet applied its own no-op queues the write until it has.
    if (!this.raft?.isLeader) return Promise.reject(this.notController());
    return this.queue.enqueue(name, Math.max(1, Math.min(timeoutMs, this.writeTimeoutMs)), run);
  }

  registerBroker(request: RegisterBrokerRequest, requestId?: string): Promise<{ brokerEpoch: number }> {
    return this.write('RegisterBroker', (image, tracker, ctx) => registerBroker(image, tracker, request, ctx), undefined, requestId);
  }

  brokerHeartbeat(request: BrokerHeartbeatRequest, requestId?: string): Promise<BrokerHeartbeatResponse> {
    return this.write('BrokerHeartbeat', (image, tracker, ctx) => brokerHeartbeat(image, tracker, request, ctx), undefined, requestId);
  }

  unregisterBroker(brokerId: number, requestId?: string): Promise<null> {
    return this.write('UnregisterBroker', (image, tracker, ctx) => unregisterBroker(image, tracker, brokerId, ctx), undefined, requestId);
  }

  alterPartition(request: AlterPartitionRequest): Promise<AlterPartitionResult[]> {
    return this.write('AlterPartition', (image, _tracker, ctx) => alterPartition(image, request, ctx));
  }

  allocateProducerIds(request: { brokerId: number; brokerEpoch: number }, requestId?: string): Promise<ProducerIdBlock> {
    return this.write('AllocateProducerIds', (image, _tracker, ctx) => allocateProducerIds(image, request, ctx), undefined, requestId);
  }

  createTopics(requests: readonly CreateTopicRequest[], validateOnly = false): Promise<CreateTopicResult[]> {
    return this.write('CreateTopics', (image, _tracker, ctx) => createTopics(image, requests, ctx, validateOnly));
  }

  /**
   * Accepts a broker's liveness stream for registration `brokerEpoch` (STALE_BROKER_EPOCH when that
   * is not the broker's current registration; NOT_CONTROLLER when this controller is not active).
   * `end` ends the stream from this side: this controller calls it when it stops being active, and
   * nobody is fenced for streams ended that way. Returns the function the stream's owner calls
   * once the stream is over: `lost` when it ended without the broker saying goodbye (its
   * connection went away), false when the broker left cleanly. A lost stream of a current,
   * unfenced registration fences that broker at once.
   */
  acceptLiveness(brokerId: number, brokerEpoch: number, end: (err: RunnelError) => void): (lost: boolean) => void {
    this.checkLeadership();
    const active = this.active;
    if (this.closed || !active || !this.leads(active)) throw this.notController();
    checkBrokerEpoch(this.current, brokerId, brokerEpoch);
    const stream: LivenessStream = { brokerId, brokerEpoch, end };
    active.liveness.add(stream);
    this.log.info({ brokerId, brokerEpoch }, 'broker liveness stream opened');
    return (lost) => {
      // Not in the set: this controller ended it on stepping down, and that fences nobody.
      if (!active.liveness.delete(stream) || !lost || this.active !== active) return;
      const lostAtMs = this.clock.now();
      this.log.info({ brokerId, brokerEpoch }, 'broker liveness connection lost');
      this.write('broker liveness lost', (image, tracker, ctx) => brokerLivenessLost(image, tracker, { brokerId, brokerEpoch, lostAtMs }, ctx)).then(
        ({ fenced }) => {
          if (fenced.length > 0) this.log.info({ fenced }, 'fenced brokers whose sessions ended');
        },
        (err: unknown) => this.log.warn({ brokerId, brokerEpoch, err: String(err) }, 'fencing a broker whose liveness connection was lost failed'),
      );
    };
  }

  /**
   * Adds a controller to the quorum (one at a time; the Raft core refuses a second change until
   * the first commits): registers its endpoint in the metadata log, waits until it has caught up
   * as a learner (so a new voter never holds back commits while it copies the log), then commits
   * the voter change. Resolves once the change is committed and applied here.
   */
  async addVoter(id: number, endpoint: { host: string; port: number }): Promise<void> {
    if (!Number.isInteger(id) || id <= 0) throw new RunnelError('INVALID_REQUEST', `a voter id must be a positive integer, got ${id}`);
    if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535 || endpoint.host === '') {
      throw new RunnelError('INVALID_REQUEST', `voter ${id} needs an endpoint host and a port in 1-65535`);
    }
    const raft = this.raft;
    if (!raft?.addVoter || !raft.replicaProgress) throw new RunnelError('UNSUPPORTED_VERSION', 'this Raft node does not support voter changes');
    if (raft.voters.includes(id)) throw new RunnelError('INVALID_REQUEST', `node ${id} is already a voter`);
    const known = this.current.controllers.get(id);
    if (known?.host !== endpoint.host || known.port !== endpoint.port) {
      const record: MetadataRecord = { type: 'registerController', controllerId: id, host: endpoint.host, port: endpoint.port };
      await this.write('RegisterController', () => ({ records: [record], response: null }));
    }
    await this.awaitCaughtUp(id, hostPort(endpoint.host, endpoint.port));
    await this.changeVoters('AddVoter', (r) => {
      if (r.voters.includes(id)) throw new RunnelError('INVALID_REQUEST', `node ${id} is already a voter`);
      return r.addVoter!(id);
    });
  }

  /** Waits until learner `id` holds the log up to the commit index of now. */
  private async awaitCaughtUp(id: number, address: string): Promise<void> {
    const target = this.raft?.commitIndex ?? 0;
    const deadline = this.clock.now() + this.writeTimeoutMs;
    for (;;) {
      const raft = this.raft;
      if (!raft?.isLeader) throw this.notController();
      const match = raft.replicaProgress?.().find((r) => r.id === id)?.matchIndex ?? -1;
      if (match >= target) return;
      if (this.clock.now() >= deadline) {
        throw new RunnelError(
          'REQUEST_TIMED_OUT',
          `controller ${id} at ${address} has not caught up with the metadata log (it holds ${Math.max(match, 0)} of ${target}) ` +
            `within ${this.writeTimeoutMs} ms; start it with node.id=${id}, process.roles including controller and its controller listener there, then retry`,
        );
      }
      await new Promise<void>((resolve) => this.clock.schedule(50, resolve));
    }
  }

  /** Removes a controller from the quorum; an active controller removed steps down once it commits. */
  removeVoter(id: number): Promise<void> {
    return this.changeVoters('RemoveVoter', (raft) => {
      if (!raft.removeVoter) throw new RunnelError('UNSUPPORTED_VERSION', 'this Raft node does not support voter changes');
      return raft.removeVoter(id);
    });
  }

  /** Voter changes take their turn in the write queue, so no metadata decision interleaves with them. */
  private changeVoters(name: string, change: (raft: ControllerRaft) => Promise<number>): Promise<void> {
    return this.enqueue(name, this.writeTimeoutMs, async () => {
      const active = this.active;
      if (!active || !this.leads(active)) throw this.notController();
      const raft = this.raft!;
      try {
        await change(raft);
      } catch (err) {
        if (isRunnelError(err, 'NOT_CONTROLLER')) {
          this.checkLeadership();
          throw this.notController();
        }
        // Its outcome is unknown: the next decision must wait until the log settles.
        if (isRunnelError(err, 'REQUEST_TIMED_OUT')) this.needsBarrier = true;
        throw err;
      }
      this.log.info({ voters: [...raft.voters] }, `${name} committed`);
    });
  }

  /**
   * The quorum as the active controller sees it: the high watermark is the Raft commit index, each
   * voter's log end is what the leader knows it to hold, and the observers are the brokers with a
   * session here, at the metadata offset they last reported.
   */
  describeQuorum(): QuorumDescription {
    this.checkLeadership();
    const raft = this.raft;
    const active = this.active;
    if (!raft || !active) throw this.notController();
    const progress = new Map((raft.replicaProgress?.() ?? []).map((p) => [p.id, p]));
    const replica = (id: number): QuorumReplica => {
      const p = progress.get(id);
      return { id, logEndOffset: p?.matchIndex ?? -1, lastContactMs: p?.lastResponseMs ?? -1, endpoint: this.voterEndpoint(id) ?? null };
    };
    const voters = raft.voters.map(replica);
    // Controllers that are not voters first; a combined node's broker shows under the same id once.
    const learners = [...progress.values()].filter((p) => !p.voter).map((p) => replica(p.id));
    const brokers = active.tracker
      .sessionsView()
      .filter((s) => !learners.some((l) => l.id === s.brokerId))
      .map((s): QuorumReplica => {
        const e = this.current.brokers.get(s.brokerId)?.endpoints[0];
        return { id: s.brokerId, logEndOffset: s.metadataOffset, lastContactMs: s.lastContactMs, endpoint: e ? hostPort(e.host, e.port) : null };
      });
    const observers = [...learners, ...brokers];
    return { leaderId: raft.leaderId, term: raft.term, highWatermark: raft.commitIndex, voters, observers };
  }

  /** A registration in the log overrides controller.quorum.voters (the controller moved). */
  private voterEndpoint(id: number): string | undefined {
    const e = this.current.controllers.get(id) ?? this.options.voters.find((v) => v.id === id);
    return e ? hostPort(e.host, e.port) : undefined;
  }

  /** NOT_CONTROLLER pointing at the Raft leader when one is known. */
  notController(): RunnelError {
    const self = this.options.nodeId;
    const leader = this.raft?.leaderId ?? 0;
    if (leader <= 0 || leader === self) {
      return new RunnelError('NOT_CONTROLLER', `controller ${self} is not active and knows no active controller yet; retry shortly`);
    }
    const details: Record<string, string> = { 'leader-id': String(leader) };
    const endpoint = this.voterEndpoint(leader);
    if (endpoint !== undefined) details['leader-endpoint'] = endpoint;
    return new RunnelError('NOT_CONTROLLER', `controller ${self} is not active; the active controller is ${leader}`, { details });
  }

  private async execute<T>(decide: Decision<T>, requestId: string | undefined): Promise<T> {
    const active = this.active;
    if (!active || !this.leads(active)) throw this.notController();
    if (this.needsBarrier) {
      // An earlier proposal may still commit: wait until it is applied or known gone.
      await this.propose(encodeMetadataEntry([]));
      this.needsBarrier = false;
    }
    const result = decide(this.current, active.tracker, this.context(requestId));
    if (result.records.length > 0) await this.propose(encodeMetadataEntry(result.records));
    return result.response;
  }

  private async propose(data: Buffer): Promise<void> {
    const raft = this.raft!;
    try {
      await raft.propose(data);
    } catch (err) {
      if (isRunnelError(err, 'NOT_CONTROLLER')) {
        // Lost leadership, or handing it over: point the caller at whoever leads now.
        this.checkLeadership();
        throw this.notController();
      }
      if (isRunnelError(err, 'REQUEST_TIMED_OUT')) this.needsBarrier = true;
      throw err;
    }
  }

  /** A decision's context; its logger carries the request id, made only if the decision logs. */
  private context(requestId: string | undefined): ControllerContext {
    const base = this.log;
    let child: Logger | undefined;
    return {
      now: this.clock.now(),
      committedOffset: this.applied,
      settings: this.options.settings,
      random: this.random,
      get log(): Logger {
        if (requestId === undefined) return base;
        child ??= base.child({ requestId });
        return child;
      },
    };
  }

  // ---- leadership -------------------------------------------------------------------------

  private leads(active: Active): boolean {
    const raft = this.raft;
    return raft !== null && raft.isLeader && raft.term === active.term;
  }

  private checkLeadership(): void {
    const raft = this.raft;
    if (!raft || this.closed) return;
    if (this.active && !this.leads(this.active)) this.resign();
    if (!this.active && raft.isLeader && this.noopTerm === raft.term) this.activate(raft.term);
    if (!raft.isLeader) this.queue.failWaiting(() => this.notController());
  }

  private activate(term: number): void {
    const now = this.clock.now();
    // Broker sessions are not in the log: every registered broker gets a full session from now.
    const tracker = new BrokerHeartbeatTracker(this.options.settings.brokerSessionTimeoutMs);
    tracker.syncWith(this.current, now);
    this.active = { term, tracker, liveness: new Set() };
    this.needsBarrier = false;
    this.nextRebalanceAt = now + this.options.settings.leaderImbalanceCheckIntervalMs;
    this.log.info({ term, appliedIndex: this.applied, brokers: this.current.brokers.size }, 'controller is active');
    this.queue.setOpen(true);
  }

  private resign(): void {
    const active = this.active;
    this.active = null;
    this.queue.setOpen(false);
    this.queue.failWaiting(() => this.notController());
    if (active) this.endLiveness(active, this.notController());
    this.log.info({ term: active?.term, leaderId: this.raft?.leaderId }, 'controller is no longer active');
  }

  /** Ends every liveness stream of a term that is over; brokers reopen theirs to the next active controller. */
  private endLiveness(active: Active, err: RunnelError): void {
    const streams = [...active.liveness];
    active.liveness.clear();
    for (const s of streams) s.end(err);
  }

  // ---- timers -----------------------------------------------------------------------------

  private scheduleTick(): void {
    if (this.closed) return;
    this.cancelTick = this.clock.schedule(this.checkIntervalMs, () => {
      this.tick();
      this.scheduleTick();
    });
  }

  /** Leadership, session expiry and leader rebalancing, each as a write through the queue. */
  private tick(): void {
    this.checkLeadership();
    const active = this.active;
    if (!active) return;
    const now = this.clock.now();
    active.tracker.syncWith(this.current, now);
    if (!this.fencing && active.tracker.staleBrokers(this.current, now).length > 0) {
      this.fencing = true;
      this.write('fence stale brokers', (image, tracker, ctx) => fenceStaleBrokers(image, tracker, ctx))
        .then(
          ({ fenced }) => {
            if (fenced.length > 0) this.log.info({ fenced }, 'fenced brokers whose sessions expired');
          },
          (err: unknown) => this.log.warn({ err: String(err) }, 'fencing stale brokers failed'),
        )
        .finally(() => {
          this.fencing = false;
        });
    }
    const settings = this.options.settings;
    if (settings.autoLeaderRebalanceEnable && !this.rebalancing && now >= this.nextRebalanceAt) {
      this.rebalancing = true;
      this.write('rebalance leaders', (image, _tracker, ctx) => rebalanceLeaders(image, ctx))
        .then(
          ({ elected, remaining }) => {
            if (elected > 0) this.log.info({ elected, remaining }, 'moved leaderships back to preferred replicas');
            this.nextRebalanceAt = remaining > 0 ? this.clock.now() : this.clock.now() + settings.leaderImbalanceCheckIntervalMs;
          },
          (err: unknown) => {
            this.log.warn({ err: String(err) }, 'leader rebalance failed');
            this.nextRebalanceAt = this.clock.now() + settings.leaderImbalanceCheckIntervalMs;
          },
        )
        .finally(() => {
          this.rebalancing = false;
        });
    }
  }
}
