import {
  CONSUMER_PROTOCOL_TYPE,
  RunnelError,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  errorName,
  type ErrorName,
  type TopicPartitions,
  type pb,
} from '@runnel/protocol';
import type { Cluster } from '../cluster.js';
import type { ResolvedConsumerConfig } from '../consumer-config.js';
import { PartitionState, tpKey, type TopicPartition } from '../partition-state.js';
import { assignorByName, type MemberSubscription, type RebalanceProtocol } from './assignors.js';
import { CommitFailedError, RebalanceInProgressError } from './commit-errors.js';
import { CoordinatorChannel } from './coordinator-channel.js';
import { GroupOffsets, type CommittedOffset, type OffsetCommitSpec } from './group-offsets.js';
import { HeartbeatLoop } from './heartbeat.js';
import type { RebalanceListener } from './rebalance-listener.js';
import type { Subscription } from './subscription.js';

/** Kafka's ConsumerGroupMetadata: who this member is in which generation. */
export interface GroupMetadata {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

/** How a join-and-sync run (in the background) ended; poll() acts on it. */
type Outcome =
  | { kind: 'assigned'; generationId: number; memberId: string; protocol: string; leader: boolean; partitions: TopicPartitions[] }
  /** The member id or generation is no longer valid: what the member owned is lost. */
  | { kind: 'reset'; error: ErrorName; resetMemberId: boolean; reason: string }
  /** The group started another rebalance before this one finished. */
  | { kind: 'rejoin'; reason: string }
  | { kind: 'failed'; error: RunnelError };

/** Join errors after which poll() raises the error (and tries again at a later poll). */
const FATAL: ReadonlySet<ErrorName> = new Set<ErrorName>(['FENCED_INSTANCE_ID']);

/** Whatever the user's listener throws is raised from poll() once the rebalance step is done. */
type Pending = { error: unknown } | null;

/**
 * The member side of Kafka's classic group protocol for one consumer. JoinGroup and SyncGroup run
 * in the background, started from poll(); everything that touches the user's partitions or calls
 * the rebalance listener (revoking before an eager join, applying an assignment, reporting lost
 * partitions, fetching committed positions) happens inside poll(), so a listener can commit
 * before its partitions go. A heartbeat loop keeps a stable generation alive and reports
 * rebalances, fencing, session loss and poll-interval expiry, which the next poll() acts on.
 */
export class ConsumerCoordinator {
  readonly groupId: string;
  private readonly channel: CoordinatorChannel;
  private readonly offsets: GroupOffsets;
  private readonly heartbeat: HeartbeatLoop;
  /** EAGER unless every configured assignor is cooperative (Kafka's rule). */
  readonly protocol: RebalanceProtocol;

  private subscription: Subscription | null = null;
  private listener: RebalanceListener = {};
  private generationId = -1;
  private memberId = '';
  private protocolName: string | null = null;
  private state: 'UNJOINED' | 'REBALANCING' | 'STABLE' = 'UNJOINED';
  private rejoinReason: string | null = null;
  /** Why the partitions owned now are lost (reported through onPartitionsLost at the next poll). */
  private lostReason: string | null = null;
  private task: Promise<void> | null = null;
  private outcome: Outcome | null = null;
  private fatal: RunnelError | null = null;
  private joinNotBeforeMs = 0;
  private lastPollMs = Date.now();
  private nextAutoCommitMs = 0;
  private autoCommitInFlight = false;
  private nextMetadataMs = 0;
  private metadataInFlight = false;
  /** Partition counts the current assignment was made with, of the topics this member watches. */
  private assignedCounts = new Map<string, number>();
  private committedRetryAtMs = 0;
  private closed = false;
  /** Bumped when the member leaves or loses its membership, so a join still in flight from before is ignored. */
  private membership = 0;

  constructor(
    private readonly config: ResolvedConsumerConfig,
    private readonly cluster: Cluster,
    private readonly states: Map<string, PartitionState>,
    /** Tells the consumer something changed: wakes poll() and the fetcher. */
    private readonly changed: () => void,
  ) {
    if (config.groupId === null) throw missingGroupId('a consumer group');
    this.groupId = config.groupId;
    this.channel = new CoordinatorChannel(cluster, { clientId: config.clientId, requestTimeoutMs: config.requestTimeoutMs, retryBackoffMs: config.retryBackoffMs, logger: config.logger });
    this.offsets = new GroupOffsets(this.channel, this.groupId, config.retryBackoffMs, config.logger);
    this.protocol = config.assignors.every((a) => a.protocol === 'COOPERATIVE') ? 'COOPERATIVE' : 'EAGER';
    this.heartbeat = new HeartbeatLoop(
      this.channel,
      { ...config, groupId: this.groupId },
      {
        rebalance: () => this.requestRejoin('the coordinator started a rebalance'),
        lost: (error, reason) => this.markLost(error, error !== 'ILLEGAL_GENERATION', reason),
        fatal: (err) => {
          this.fatal = err;
          this.lostReason ??= err.message;
          this.changed();
        },
        pollTimeout: (since) => this.onPollTimeout(since),
      },
      () => this.lastPollMs,
    );
  }

  private get log(): ResolvedConsumerConfig['logger'] {
    return this.config.logger;
  }

  private fields(): Record<string, unknown> {
    return { groupId: this.groupId, memberId: this.memberId, generation: this.generationId, groupInstanceId: this.config.groupInstanceId, assignor: this.protocolName };
  }

  metadata(): GroupMetadata {
    return { groupId: this.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.config.groupInstanceId };
  }

  subscribed(): Subscription | null {
    return this.subscription;
  }

  /** Start (or change) the subscription; the group is joined at the next poll(). */
  subscribe(subscription: Subscription, listener: RebalanceListener | undefined): void {
    const before = this.subscription;
    this.subscription = subscription;
    this.listener = listener ?? {};
    // The same subscription again only replaces the listener, as in Kafka: no rebalance.
    if (before && before.same(subscription)) {
      this.subscription = before;
      return;
    }
    this.nextMetadataMs = 0;
    this.requestRejoin(`subscription changed to ${subscription.describe()}`);
  }

  private requestRejoin(reason: string): void {
    if (this.rejoinReason === null) this.log.info({ ...this.fields(), reason }, 'rejoining the group');
    this.rejoinReason ??= reason;
    this.changed();
  }

  private markLost(error: ErrorName, resetMemberId: boolean, reason: string): void {
    this.log.warn({ ...this.fields(), error, reason }, 'membership lost; partitions are lost and the member rejoins');
    this.heartbeat.stop();
    this.membership++;
    this.generationId = -1;
    if (resetMemberId) this.memberId = '';
    this.state = 'UNJOINED';
    this.lostReason ??= reason;
    this.requestRejoin(reason);
  }

  private onPollTimeout(sinceLastPollMs: number): void {
    const reason = `poll() was not called for ${sinceLastPollMs} ms, more than maxPollIntervalMs (max.poll.interval.ms) ${this.config.maxPollIntervalMs}`;
    this.log.warn({ ...this.fields(), sinceLastPollMs }, `${reason}: leaving the group; raise maxPollIntervalMs or lower maxPollRecords`);
    void this.leaveGroup(reason);
    this.markLost('UNKNOWN_MEMBER_ID', true, reason);
  }

  /**
   * One step of group work from poll(): act on what the background reported, start a join when
   * one is needed, fetch committed positions of new partitions, auto-commit when due.
   */
  async poll(): Promise<void> {
    this.lastPollMs = Date.now();
    if (this.fatal) throw this.fatal;
    if (this.closed) return;
    if (!this.subscription) {
      // Manually assigned partitions of a consumer with a groupId also start at, and auto-commit to, the group's offsets.
      await this.fetchCommittedPositions();
      this.maybeAutoCommit();
      return;
    }
    let pending: Pending = null;
    this.maybeRefreshMetadata();
    if (this.outcome) {
      const o = this.outcome;
      this.outcome = null;
      this.task = null;
      pending = await this.apply(o);
      if (this.fatal) throw this.fatal;
    }
    if (this.lostReason !== null) {
      const lost = await this.reportLost();
      pending ??= lost;
    }
    if (this.rejoinReason !== null && !this.task && Date.now() >= this.joinNotBeforeMs) {
      const revoked = await this.prepareJoin();
      pending ??= revoked;
      this.startJoin();
    }
    await this.fetchCommittedPositions();
    this.maybeAutoCommit();
    if (pending) throw pending.error;
  }

  private owned(): TopicPartition[] {
    return [...this.states.values()].map((s) => ({ topic: s.topic, partition: s.partition }));
  }

  /** The consumed positions of these partitions (all assigned ones by default), to commit. */
  positions(partitions: readonly TopicPartition[] = this.owned()): OffsetCommitSpec[] {
    const out: OffsetCommitSpec[] = [];
    for (const tp of partitions) {
      const s = this.states.get(tpKey(tp));
      if (s && s.position !== null && !s.awaitingCommitted) out.push({ topic: s.topic, partition: s.partition, offset: s.position, leaderEpoch: s.positionEpoch, metadata: '' });
    }
    return out;
  }

  private removeStates(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const key = tpKey(tp);
      this.states.get(key)?.clear();
      this.states.delete(key);
    }
    this.changed();
  }

  private async call(name: keyof RebalanceListener, partitions: TopicPartition[]): Promise<Pending> {
    const fn = this.listener[name];
    if (!fn) return null;
    try {
      await fn.call(this.listener, partitions);
      return null;
    } catch (error) {
      this.log.error({ ...this.fields(), callback: name, err: String(error) }, 'rebalance listener failed');
      return { error };
    }
  }

  private async reportLost(): Promise<Pending> {
    const lost = this.owned();
    this.log.warn({ ...this.fields(), reason: this.lostReason, partitions: lost.length }, 'partitions lost');
    this.lostReason = null;
    if (lost.length === 0) return null;
    const pending = await this.call('onPartitionsLost', lost);
    this.removeStates(lost);
    return pending;
  }

  /** Before JoinGroup: eager members commit (auto-commit) and give up everything; cooperative ones only topics they left. */
  private async prepareJoin(): Promise<Pending> {
    if (this.protocol === 'EAGER') {
      const revoked = this.owned();
      if (revoked.length === 0) return null;
      if (this.config.enableAutoCommit && this.generationId >= 0) await this.commitQuietly(this.positions(revoked), 'before revoking partitions');
      this.log.info({ ...this.fields(), revoked: revoked.length }, 'revoking all partitions before rejoining (eager protocol)');
      return this.revoke(revoked);
    }
    const subscribed = new Set(this.subscription?.current() ?? []);
    const revoked = this.owned().filter((tp) => !subscribed.has(tp.topic));
    if (revoked.length === 0) return null;
    if (this.config.enableAutoCommit && this.generationId >= 0) await this.commitQuietly(this.positions(revoked), 'before revoking unsubscribed partitions');
    return this.revoke(revoked);
  }

  /** The listener first (it may still commit these partitions' positions), then they are gone. */
  private async revoke(partitions: TopicPartition[]): Promise<Pending> {
    const pending = await this.call('onPartitionsRevoked', partitions);
    this.removeStates(partitions);
    return pending;
  }

  private startJoin(): void {
    const reason = this.rejoinReason ?? 'joining';
    this.rejoinReason = null;
    this.state = 'REBALANCING';
    // Heartbeats went on through the revocation callbacks; from here the join keeps the member alive.
    this.heartbeat.stop();
    const membership = this.membership;
    const run = this.joinAndSync(reason, membership).then(
      (o) => o,
      (err: unknown): Outcome => ({ kind: 'failed', error: err instanceof RunnelError ? err : new RunnelError('UNKNOWN_SERVER_ERROR', String(err)) }),
    );
    const task: Promise<void> = run.then((o) => {
      if (this.closed || this.task !== task) return;
      if (membership !== this.membership) {
        // The membership this join belonged to ended meanwhile (lost, left): its answer is stale.
        this.task = null;
      } else {
        this.outcome = o;
      }
      this.changed();
    });
    this.task = task;
  }

  private async joinAndSync(reason: string, membership: number): Promise<Outcome> {
    const timeoutMs = this.config.maxPollIntervalMs + 5_000;
    for (;;) {
      if (this.closed) return { kind: 'rejoin', reason: 'closed' };
      const topics = await this.subscribedTopics();
      const metadata = encodeSubscription({
        topics,
        userData: null,
        ownedPartitions: this.protocol === 'COOPERATIVE' ? toTopicPartitions(this.owned()) : [],
        generationId: this.generationId,
        rackId: this.config.clientRack,
      });
      const join: pb.JoinGroupRequest = {
        groupId: this.groupId,
        sessionTimeoutMs: this.config.sessionTimeoutMs,
        rebalanceTimeoutMs: this.config.maxPollIntervalMs,
        memberId: this.memberId,
        groupInstanceId: this.config.groupInstanceId ?? '',
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocols: this.config.assignors.map((a) => ({ name: a.name, metadata })),
        reason,
      };
      this.log.info({ ...this.fields(), reason, topics: topics.length }, 'joining group');
      const joined = await this.channel.call(this.groupId, (c) => c.joinGroup, join, { timeoutMs });
      const joinError = errorName(joined.errorCode);
      if (joinError === 'MEMBER_ID_REQUIRED') {
        this.memberId = joined.memberId;
        continue;
      }
      if (joinError === 'UNKNOWN_MEMBER_ID') return { kind: 'reset', error: joinError, resetMemberId: true, reason: joined.errorMessage || 'the coordinator does not know this member id' };
      if (joinError === 'ILLEGAL_GENERATION') return { kind: 'reset', error: joinError, resetMemberId: false, reason: joined.errorMessage || 'stale generation' };
      if (joinError === 'REBALANCE_IN_PROGRESS') return { kind: 'rejoin', reason: 'the group is rebalancing again' };
      if (joinError !== 'NONE') return { kind: 'failed', error: new RunnelError(joinError, `joining group '${this.groupId}': ${joined.errorMessage || new RunnelError(joinError).message}`) };

      this.memberId = joined.memberId;
      this.generationId = joined.generationId;
      this.protocolName = joined.protocolName;
      const leader = joined.leader === joined.memberId;
      this.log.info({ ...this.fields(), protocol: joined.protocolName, leader, members: joined.members.length }, 'joined group');
      const assignments = leader && !joined.skipAssignment ? await this.assign(joined) : [];
      const sync: pb.SyncGroupRequest = {
        groupId: this.groupId,
        generationId: joined.generationId,
        memberId: joined.memberId,
        groupInstanceId: this.config.groupInstanceId ?? '',
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocolName: joined.protocolName,
        assignments,
      };
      const synced = await this.channel.call(this.groupId, (c) => c.syncGroup, sync, { timeoutMs });
      const syncError = errorName(synced.errorCode);
      if (syncError === 'REBALANCE_IN_PROGRESS') return { kind: 'rejoin', reason: 'the group started another rebalance during sync' };
      if (syncError === 'UNKNOWN_MEMBER_ID') return { kind: 'reset', error: syncError, resetMemberId: true, reason: synced.errorMessage || 'member removed during sync' };
      if (syncError === 'ILLEGAL_GENERATION') return { kind: 'reset', error: syncError, resetMemberId: false, reason: synced.errorMessage || 'generation changed during sync' };
      if (syncError !== 'NONE') return { kind: 'failed', error: new RunnelError(syncError, `syncing group '${this.groupId}': ${synced.errorMessage || new RunnelError(syncError).message}`) };
      const assignment = synced.assignment.length > 0 ? decodeAssignment(synced.assignment) : { partitions: [], userData: null };
      // The membership is live from here on, whenever the next poll() applies the assignment.
      if (membership === this.membership && !this.closed) this.heartbeat.start(joined.generationId, joined.memberId);
      return { kind: 'assigned', generationId: joined.generationId, memberId: joined.memberId, protocol: joined.protocolName, leader, partitions: assignment.partitions };
    }
  }

  /** The topics to put in the subscription: the list, or the cluster's topics matching the pattern. */
  private async subscribedTopics(): Promise<string[]> {
    const s = this.subscription!;
    if (s.pattern) {
      const all = await this.cluster.fetchAll(false);
      s.matchTopics(all.topics.filter((t) => !t.isInternal && t.errorCode === 0).map((t) => t.name));
      this.nextMetadataMs = Date.now() + this.config.metadataMaxAgeMs;
    }
    const topics = s.current();
    this.cluster.addTopics(topics);
    return topics;
  }

  /** As the leader: run the chosen assignor over every member's subscription. */
  private async assign(joined: pb.JoinGroupResponse__Output): Promise<pb.SyncGroupAssignment[]> {
    const members: MemberSubscription[] = joined.members.map((m) => {
      const s = decodeSubscription(m.metadata);
      return { memberId: m.memberId, groupInstanceId: m.groupInstanceId || null, topics: s.topics, ownedPartitions: s.ownedPartitions, generationId: s.generationId, rackId: s.rackId, userData: s.userData };
    });
    const topics = [...new Set(members.flatMap((m) => m.topics))];
    await this.cluster.refresh(topics);
    const counts = this.partitionCounts(topics);
    const assignor = assignorByName(joined.protocolName);
    const result = assignor.assign(counts, members);
    this.assignedCounts = counts;
    this.log.info(
      { ...this.fields(), assignor: assignor.name, members: members.length, topics: topics.length, assignment: Object.fromEntries([...result].map(([id, tps]) => [id, tps.map((tp) => `${tp.topic}:${tp.partitions.join(',')}`).join(' ')])) },
      'computed group assignment as leader',
    );
    return members.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment({ partitions: result.get(m.memberId) ?? [], userData: null }) }));
  }

  private partitionCounts(topics: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const t of topics) {
      const info = this.cluster.topic(t);
      if (info && info.error === 'NONE' && info.partitions.length > 0) counts.set(t, info.partitions.length);
      else counts.set(t, 0);
    }
    return counts;
  }

  /** In poll(): take the SyncGroup answer. Cooperative members revoke what moved away and rejoin at once. */
  private async apply(o: Outcome): Promise<Pending> {
    switch (o.kind) {
      case 'reset':
        this.markLost(o.error, o.resetMemberId, o.reason);
        return null;
      case 'rejoin':
        this.state = 'UNJOINED';
        this.requestRejoin(o.reason);
        return null;
      case 'failed': {
        this.state = 'UNJOINED';
        const e = o.error;
        if (FATAL.has(e.errorName)) {
          this.fatal = new RunnelError(e.errorName, `${e.message}. Another consumer uses groupInstanceId '${this.config.groupInstanceId}'; each static member needs its own group.instance.id.`);
          this.heartbeat.stop();
          return null;
        }
        this.rejoinReason ??= `retrying after ${e.errorName}`;
        this.joinNotBeforeMs = Date.now() + this.config.retryBackoffMs;
        this.log.warn({ ...this.fields(), error: e.errorName, err: e.message }, 'joining the group failed');
        return e.retriable ? null : { error: e };
      }
      case 'assigned':
        break;
    }
    this.generationId = o.generationId;
    this.memberId = o.memberId;
    this.protocolName = o.protocol;
    this.state = 'STABLE';
    const next = new Set<string>();
    const nextList: TopicPartition[] = [];
    for (const tp of o.partitions) {
      for (const p of tp.partitions) {
        next.add(tpKey({ topic: tp.topic, partition: p }));
        nextList.push({ topic: tp.topic, partition: p });
      }
    }
    const owned = this.owned();
    const revoked = owned.filter((tp) => !next.has(tpKey(tp)));
    const added = nextList.filter((tp) => !this.states.has(tpKey(tp)));
    this.log.info({ ...this.fields(), protocol: o.protocol, leader: o.leader, assigned: nextList.map(tpKey), added: added.length, revoked: revoked.length }, 'group assignment received');
    let pending: Pending = null;
    if (revoked.length > 0) {
      if (this.config.enableAutoCommit) await this.commitQuietly(this.positions(revoked), 'before revoking partitions');
      pending = await this.revoke(revoked);
      // The partitions just given up are assigned to their new owners by a follow-up rebalance.
      this.requestRejoin(`${revoked.length} partitions revoked; the follow-up rebalance assigns them`);
    }
    for (const tp of added) {
      const s = new PartitionState(tp.topic, tp.partition);
      s.awaitingCommitted = true;
      this.states.set(tpKey(tp), s);
    }
    this.cluster.addTopics(nextList.map((tp) => tp.topic));
    if (!o.leader) {
      const topics = this.subscription?.current() ?? [];
      await this.cluster.refresh(topics).catch((err: unknown) => this.log.warn({ ...this.fields(), err: String(err) }, 'metadata refresh failed'));
      this.assignedCounts = this.partitionCounts(topics);
    }
    this.committedRetryAtMs = 0;
    this.nextAutoCommitMs = Date.now() + this.config.autoCommitIntervalMs;
    this.changed();
    const assigned = await this.call('onPartitionsAssigned', added);
    return pending ?? assigned;
  }

  /** Newly assigned partitions start at the group's committed offset, else at auto.offset.reset. */
  async fetchCommittedPositions(): Promise<void> {
    const waiting = [...this.states.values()].filter((s) => s.awaitingCommitted);
    if (waiting.length === 0 || Date.now() < this.committedRetryAtMs) return;
    let committed: CommittedOffset[];
    try {
      committed = await this.offsets.fetch(waiting.map((s) => ({ topic: s.topic, partition: s.partition })), this.config.requestTimeoutMs);
    } catch (err) {
      this.committedRetryAtMs = Date.now() + this.config.retryBackoffMs;
      if (err instanceof RunnelError && err.retriable) {
        this.log.warn({ ...this.fields(), err: err.message }, 'fetching committed offsets failed; will retry');
        return;
      }
      throw err;
    }
    for (const c of committed) {
      const s = this.states.get(tpKey(c));
      if (!s || !s.awaitingCommitted) continue;
      if (c.offset !== null) {
        s.seek(c.offset, c.leaderEpoch ?? -1);
        this.log.debug({ ...this.fields(), topic: c.topic, partition: c.partition, offset: c.offset }, 'starting at the committed offset');
      } else {
        s.awaitingCommitted = false;
      }
    }
    this.changed();
  }

  private maybeAutoCommit(): void {
    if (!this.config.enableAutoCommit || this.autoCommitInFlight) return;
    if (this.subscription && (this.state !== 'STABLE' || this.task)) return;
    const now = Date.now();
    if (now < this.nextAutoCommitMs) return;
    this.nextAutoCommitMs = now + this.config.autoCommitIntervalMs;
    const offsets = this.positions();
    if (offsets.length === 0) return;
    this.autoCommitInFlight = true;
    this.commit(offsets)
      .then(
        () => this.log.debug({ ...this.fields(), partitions: offsets.length }, 'auto-committed offsets'),
        (err: unknown) => this.log.warn({ ...this.fields(), err: String(err) }, 'auto-commit failed'),
      )
      .finally(() => (this.autoCommitInFlight = false));
  }

  private async commitQuietly(offsets: OffsetCommitSpec[], why: string): Promise<void> {
    try {
      await this.commit(offsets);
      this.log.debug({ ...this.fields(), partitions: offsets.length, why }, 'committed offsets');
    } catch (err) {
      this.log.warn({ ...this.fields(), why, err: String(err) }, 'committing offsets failed');
    }
  }

  /**
   * Commit as this member (or as a plain client when not subscribed). Errors that say the group
   * moved on also start the rejoin (or mark the partitions lost), as Kafka's coordinator does.
   */
  async commit(offsets: readonly OffsetCommitSpec[], timeoutMs = this.config.requestTimeoutMs): Promise<void> {
    if (offsets.length === 0) return;
    if (this.fatal) throw this.fatal;
    if (!this.subscription) {
      await this.offsets.commit(offsets, { generationId: -1, memberId: '', groupInstanceId: null }, timeoutMs);
      return;
    }
    if (this.state !== 'STABLE' || this.generationId < 0) {
      if (this.task || this.rejoinReason !== null) throw new RebalanceInProgressError(this.groupId);
      throw new CommitFailedError(this.memberId === '' ? 'UNKNOWN_MEMBER_ID' : 'ILLEGAL_GENERATION', this.groupId);
    }
    try {
      await this.offsets.commit(offsets, { generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.config.groupInstanceId }, timeoutMs);
    } catch (err) {
      if (err instanceof RebalanceInProgressError) this.requestRejoin('a commit found the group rebalancing');
      else if (err instanceof CommitFailedError) this.markLost(err.errorName, err.errorName === 'UNKNOWN_MEMBER_ID', 'a commit found this member or generation gone');
      else if (err instanceof RunnelError && err.errorName === 'FENCED_INSTANCE_ID') this.fatal = err;
      throw err;
    }
  }

  async committed(partitions: readonly TopicPartition[], timeoutMs = this.config.requestTimeoutMs): Promise<CommittedOffset[]> {
    return this.offsets.fetch(partitions, timeoutMs);
  }

  private maybeRefreshMetadata(): void {
    const now = Date.now();
    if (this.metadataInFlight || now < this.nextMetadataMs || this.state !== 'STABLE') return;
    this.nextMetadataMs = now + this.config.metadataMaxAgeMs;
    this.metadataInFlight = true;
    this.checkMetadata()
      .catch((err: unknown) => this.log.warn({ ...this.fields(), err: String(err) }, 'metadata refresh failed'))
      .finally(() => (this.metadataInFlight = false));
  }

  /** A pattern that now matches other topics, or a partition count that changed, needs a rebalance. */
  private async checkMetadata(): Promise<void> {
    const s = this.subscription;
    if (!s) return;
    if (s.pattern) {
      const all = await this.cluster.fetchAll(false);
      if (s.matchTopics(all.topics.filter((t) => !t.isInternal && t.errorCode === 0).map((t) => t.name))) {
        this.requestRejoin(`pattern ${String(s.pattern)} now matches ${s.current().join(', ') || 'no topics'}`);
        return;
      }
    }
    const watched = [...new Set([...this.assignedCounts.keys(), ...s.current()])];
    await this.cluster.refresh(watched);
    const now = this.partitionCounts(watched);
    for (const [t, n] of now) {
      if ((this.assignedCounts.get(t) ?? 0) !== n) {
        this.requestRejoin(`topic '${t}' now has ${n} partitions`);
        return;
      }
    }
  }

  private async leaveGroup(reason: string): Promise<void> {
    // A static member keeps its place for session.timeout.ms so a restart needs no rebalance.
    if (this.memberId === '' || this.config.groupInstanceId !== null) return;
    const request: pb.LeaveGroupRequest = { groupId: this.groupId, members: [{ memberId: this.memberId, groupInstanceId: '', reason }] };
    try {
      const response = await this.channel.call(this.groupId, (c) => c.leaveGroup, request, { timeoutMs: this.config.requestTimeoutMs });
      const error = errorName(response.errorCode);
      if (error !== 'NONE') this.log.warn({ ...this.fields(), error }, 'LeaveGroup refused');
      else this.log.info({ ...this.fields(), reason }, 'left the group');
    } catch (err) {
      this.log.warn({ ...this.fields(), err: String(err) }, 'LeaveGroup failed');
    }
  }

  /**
   * Leave the group (close() and unsubscribe()): commit when auto-commit is on, tell the listener
   * (revoked, or lost when the membership is already gone), and send LeaveGroup unless static.
   */
  async leave(reason: string): Promise<void> {
    this.heartbeat.stop();
    let pending: Pending = null;
    if (this.subscription) {
      const owned = this.owned();
      if (this.generationId >= 0 && this.lostReason === null) {
        if (this.config.enableAutoCommit) await this.commitQuietly(this.positions(owned), reason);
        if (owned.length > 0) pending = await this.revoke(owned);
      } else if (owned.length > 0) {
        pending = await this.call('onPartitionsLost', owned);
        this.removeStates(owned);
      }
      await this.leaveGroup(reason);
    } else if (this.config.enableAutoCommit) {
      await this.commitQuietly(this.positions(), reason);
    }
    this.membership++;
    this.subscription = null;
    this.listener = {};
    this.generationId = -1;
    this.memberId = '';
    this.state = 'UNJOINED';
    this.rejoinReason = null;
    this.lostReason = null;
    this.outcome = null;
    this.task = null;
    if (pending) throw pending.error;
  }

  async close(): Promise<void> {
    try {
      await this.leave('the consumer is closing');
    } finally {
      this.closed = true;
      this.channel.close();
    }
  }
}

/** INVALID_GROUP_ID for group features used without a groupId. */
export function missingGroupId(feature: string): RunnelError {
  return new RunnelError('INVALID_GROUP_ID', `${feature} needs a consumer group: set groupId (group.id) in the consumer config`);
}

function toTopicPartitions(list: readonly TopicPartition[]): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const tp of list) {
    let ps = byTopic.get(tp.topic);
    if (!ps) byTopic.set(tp.topic, (ps = []));
    ps.push(tp.partition);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }));
}
