import type { Logger } from 'pino';
import { RunnelError, type ErrorName, type pb } from '@runnel/protocol';
import { Group, Member, type GroupState, type JoinCallback, type Protocol, type SyncCallback } from './group-metadata.js';
import {
  groupMetadataRecord,
  groupTombstone,
  offsetCommitRecord,
  offsetTombstone,
  type GroupMetadataValue,
  type OffsetCommitValue,
  type OffsetsKey,
  type OffsetsRecord,
} from './offsets-records.js';

export interface GroupCoordinatorConfig {
  /** group.min.session.timeout.ms / group.max.session.timeout.ms */
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** group.max.size */
  maxSize: number;
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelayMs: number;
  /** offset.metadata.max.bytes */
  offsetMetadataMaxBytes: number;
  /** offsets.retention.minutes, in ms */
  offsetsRetentionMs: number;
}

/** Time and timers, from outside: the system clock in a broker, a virtual one in the simulator. */
export interface GroupTimers {
  now(): number;
  schedule(delayMs: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
}

/**
 * Appends records to this coordinator's __consumer_offsets partition and calls `done` once they
 * are committed (acks=all) or failed. Calls complete in the order they were made.
 */
export type OffsetsWriter = (records: OffsetsRecord[], done: (error: RunnelError | null) => void) => void;

export interface GroupStateMachineDeps {
  /** The __consumer_offsets partition whose groups this machine holds. */
  partition: number;
  config: GroupCoordinatorConfig;
  timers: GroupTimers;
  write: OffsetsWriter;
  /** A fresh member id starting with `prefix` (Kafka: client id or instance id, '-', a UUID). */
  newMemberId: (prefix: string) => string;
  logger: Logger;
}

export interface ClientInfo {
  clientId: string;
  clientHost: string;
}

/** How long a new member's first JoinGroup may wait before it is dropped (Kafka's NewMemberJoinTimeoutMs). */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60_000;

function err(name: ErrorName, message: string): { errorCode: number; errorMessage: string } {
  const e = new RunnelError(name, message);
  return { errorCode: e.code, errorMessage: e.message };
}

function joinError(name: ErrorName, memberId: string, message: string): pb.JoinGroupResponse {
  return { ...err(name, message), generationId: -1, protocolType: '', protocolName: '', leader: '', memberId, members: [], skipAssignment: false };
}

function syncError(name: ErrorName, message: string): pb.SyncGroupResponse {
  return { ...err(name, message), protocolType: '', protocolName: '', assignment: Buffer.alloc(0) };
}

/**
 * What a failed __consumer_offsets write means to a group client, as Kafka maps it: the
 * partition moved (NOT_COORDINATOR) or the write could not be made durable in time
 * (COORDINATOR_NOT_AVAILABLE), both of which send the client to find the coordinator again.
 */
export function coordinatorWriteError(e: RunnelError, forOffsetCommit: boolean): RunnelError {
  switch (e.errorName) {
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'KAFKA_STORAGE_ERROR':
    case 'NOT_COORDINATOR':
      return new RunnelError('NOT_COORDINATOR', e.message);
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
    case 'REQUEST_TIMED_OUT':
    case 'COORDINATOR_NOT_AVAILABLE':
      return new RunnelError('COORDINATOR_NOT_AVAILABLE', e.message);
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return new RunnelError(forOffsetCommit ? 'INVALID_COMMIT_OFFSET_SIZE' : 'UNKNOWN_SERVER_ERROR', e.message);
    default:
      return e;
  }
}

/**
 * The groups of one __consumer_offsets partition: Kafka's classic GroupCoordinator state
 * machine (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead), driven from outside.
 * It does no I/O: time, timers, member ids and the durable write come in through `deps`, and
 * answers go out through callbacks, so a simulator can run it on a virtual clock. A change that
 * must be durable (assignments, offsets, deletions) takes effect only when its write succeeds.
 */
export class GroupStateMachine {
  private readonly groups = new Map<string, Group>();
  private closed = false;

  constructor(protected readonly deps: GroupStateMachineDeps) {}

  get partition(): number {
    return this.deps.partition;
  }

  /** The generation after `current`. */
  protected nextGeneration(current: number): number {
    return current + 1;
  }

  group(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  get groupIds(): string[] {
    return [...this.groups.keys()];
  }

  // ---------------------------------------------------------------- JoinGroup

  joinGroup(req: pb.JoinGroupRequest__Output, client: ClientInfo, respond: JoinCallback): void {
    const cfg = this.deps.config;
    const memberId = req.memberId;
    if (!req.groupId) return respond(joinError('INVALID_GROUP_ID', memberId, 'the group id must not be empty'));
    if (req.sessionTimeoutMs < cfg.minSessionTimeoutMs || req.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return respond(joinError('INVALID_SESSION_TIMEOUT', memberId, `session.timeout.ms ${req.sessionTimeoutMs} is outside the broker's range [group.min.session.timeout.ms=${cfg.minSessionTimeoutMs}, group.max.session.timeout.ms=${cfg.maxSessionTimeoutMs}]`));
    }
    const protocols: Protocol[] = req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) }));
    const instanceId = req.groupInstanceId || null;
    let group = this.groups.get(req.groupId);
    if (memberId === '') {
      if (!group) {
        group = new Group(req.groupId, this.now());
        this.groups.set(req.groupId, group);
      }
      if (!this.acceptsJoin(group, null, instanceId)) {
        return respond(joinError('GROUP_MAX_SIZE_REACHED', '', `group ${req.groupId} has reached group.max.size=${cfg.maxSize} members`));
      }
      return this.joinNewMember(group, req, protocols, instanceId, client, respond);
    }
    if (!group) return respond(joinError('UNKNOWN_MEMBER_ID', memberId, `group ${req.groupId} has no member ${memberId}`));
    if (!this.acceptsJoin(group, memberId, instanceId)) {
      const existing = group.members.get(memberId);
      if (existing) this.removeMember(group, existing, 'the group is over group.max.size');
      group.pendingMembers.delete(memberId);
      return respond(joinError('GROUP_MAX_SIZE_REACHED', memberId, `group ${req.groupId} has reached group.max.size=${cfg.maxSize} members`));
    }
    this.joinCurrentMember(group, memberId, req, protocols, instanceId, client, respond);
  }

  /** Kafka's acceptJoiningMember: new members only while the group is below group.max.size. */
  private acceptsJoin(group: Group, memberId: string | null, instanceId: string | null): boolean {
    const max = this.deps.config.maxSize;
    if (instanceId !== null && group.staticMembers.has(instanceId)) return true;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return true;
      case 'PreparingRebalance': {
        if (memberId !== null && (group.pendingMembers.has(memberId) || group.members.get(memberId)?.awaitingJoin)) return true;
        let awaiting = 0;
        for (const m of group.members.values()) if (m.awaitingJoin) awaiting++;
        return awaiting < max;
      }
      default:
        return (memberId !== null && group.members.has(memberId)) || group.members.size < max;
    }
  }

  private joinNewMember(group: Group, req: pb.JoinGroupRequest__Output, protocols: Protocol[], instanceId: string | null, client: ClientInfo, respond: JoinCallback): void {
    if (group.state === 'Dead') return respond(joinError('COORDINATOR_NOT_AVAILABLE', '', `group ${group.groupId} is being removed; retry`));
    if (!group.supportsProtocols(req.protocolType, protocols, null)) {
      return respond(joinError('INCONSISTENT_GROUP_PROTOCOL', '', `protocol type '${req.protocolType}' with protocols [${protocols.map((p) => p.name).join(', ')}] is incompatible with group ${group.groupId}'s members`));
    }
    if (instanceId !== null) {
      const newId = this.deps.newMemberId(instanceId);
      const oldId = group.staticMembers.get(instanceId);
      if (oldId !== undefined) return this.replaceStaticMember(group, instanceId, oldId, newId, req, protocols, respond);
      return this.addMemberAndRebalance(group, newId, instanceId, req, protocols, client, respond);
    }
    // A dynamic member first gets its id, then joins with it (so retries do not pile up members).
    const newId = this.deps.newMemberId(client.clientId);
    const timer = this.schedule(req.sessionTimeoutMs, () => {
      if (!group.pendingMembers.delete(newId)) return;
      this.deps.logger.info({ groupId: group.groupId, memberId: newId, partition: this.partition }, 'pending member expired before joining');
      if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
    });
    group.pendingMembers.set(newId, timer);
    respond(joinError('MEMBER_ID_REQUIRED', newId, 'join again with the member id this answer carries'));
  }

  private joinCurrentMember(group: Group, memberId: string, req: pb.JoinGroupRequest__Output, protocols: Protocol[], instanceId: string | null, client: ClientInfo, respond: JoinCallback): void {
    if (group.state === 'Dead') return respond(joinError('COORDINATOR_NOT_AVAILABLE', memberId, `group ${group.groupId} is being removed; retry`));
    if (!group.supportsProtocols(req.protocolType, protocols, memberId)) {
      return respond(joinError('INCONSISTENT_GROUP_PROTOCOL', memberId, `protocol type '${req.protocolType}' with protocols [${protocols.map((p) => p.name).join(', ')}] is incompatible with group ${group.groupId}'s members`));
    }
    const pending = group.pendingMembers.get(memberId);
    if (pending !== undefined && instanceId === null) {
      this.deps.timers.cancel(pending);
      group.pendingMembers.delete(memberId);
      return this.addMemberAndRebalance(group, memberId, null, req, protocols, client, respond);
    }
    const invalid = this.validateMember(group, memberId, instanceId);
    if (invalid) return respond(joinError(invalid.name, memberId, invalid.message));
    const member = group.members.get(memberId)!;
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req, protocols, respond);
      case 'CompletingRebalance':
      case 'Stable':
        // A member that lost the join answer gets it again; a changed member (or the leader in a
        // Stable group, which may want new assignments) starts a rebalance.
        if (member.matches(protocols) && !(group.state === 'Stable' && group.leaderId === memberId)) {
          this.scheduleHeartbeat(group, member);
          return respond(this.joinAnswer(group, member));
        }
        return this.updateMemberAndRebalance(group, member, req, protocols, respond);
      default:
        return respond(joinError('UNKNOWN_MEMBER_ID', memberId, `group ${group.groupId} has no member ${memberId}`));
    }
  }

  /** Kafka's validateCurrentMember: a static id must map to this member; the member must exist. */
  private validateMember(group: Group, memberId: string, instanceId: string | null): { name: ErrorName; message: string } | null {
    if (instanceId !== null) {
      const current = group.staticMembers.get(instanceId);
      if (current === undefined) return { name: 'UNKNOWN_MEMBER_ID', message: `group ${group.groupId} has no static member with group.instance.id ${instanceId}` };
      if (current !== memberId) return { name: 'FENCED_INSTANCE_ID', message: `group.instance.id ${instanceId} now belongs to member ${current}, not ${memberId}` };
      return null;
    }
    if (!group.members.has(memberId)) return { name: 'UNKNOWN_MEMBER_ID', message: `group ${group.groupId} has no member ${memberId}` };
    return null;
  }

  private addMemberAndRebalance(group: Group, memberId: string, instanceId: string | null, req: pb.JoinGroupRequest__Output, protocols: Protocol[], client: ClientInfo, respond: JoinCallback): void {
    const member = new Member(memberId, instanceId, client.clientId, client.clientHost, req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs, req.sessionTimeoutMs, req.protocolType, protocols);
    member.isNew = true;
    if (group.state === 'PreparingRebalance' && group.generationId === 0) group.newMemberAdded = true;
    group.add(member);
    member.awaitingJoin = respond;
    this.scheduleHeartbeat(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.maybePrepareRebalance(group, `member ${memberId} joined`);
    this.tryCompleteJoin(group);
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: pb.JoinGroupRequest__Output, protocols: Protocol[], respond: JoinCallback): void {
    // A second JoinGroup from the same member replaces the first; the first is answered now.
    const previous = member.awaitingJoin;
    member.protocols = protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.awaitingJoin = respond;
    previous?.(joinError('REBALANCE_IN_PROGRESS', member.memberId, 'superseded by a newer JoinGroup from the same member'));
    this.maybePrepareRebalance(group, `member ${member.memberId} rejoined`);
    this.tryCompleteJoin(group);
  }

  /**
   * A known static member came back with a new member id: the new id takes over, the old one is
   * fenced. In a Stable group whose chosen protocol and this member's metadata stay the same,
   * no rebalance happens: the change is stored and the member keeps its assignment.
   */
  private replaceStaticMember(group: Group, instanceId: string, oldId: string, newId: string, req: pb.JoinGroupRequest__Output, protocols: Protocol[], respond: JoinCallback): void {
    const member = group.members.get(oldId)!;
    const previousLeader = group.leaderId;
    const old = { protocols: member.protocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
    const unchanged = group.protocolName !== null && member.metadata(group.protocolName).equals(protocols.find((p) => p.name === group.protocolName)?.metadata ?? Buffer.alloc(0));
    this.swapMemberId(group, instanceId, oldId, newId);
    member.protocols = protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs > 0 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.awaitingJoin = respond;
    this.scheduleHeartbeat(group, member);
    this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition, instanceId, oldMemberId: oldId, memberId: newId }, 'static member replaced');
    switch (group.state) {
      case 'Stable': {
        if (!unchanged || group.selectProtocol() !== group.protocolName) {
          return this.maybePrepareRebalance(group, `static member ${instanceId} rejoined with changed metadata`);
        }
        const generation = group.generationId;
        this.deps.write([this.groupRecord(group)], (error) => {
          if (this.groups.get(group.groupId) !== group || group.members.get(newId) !== member) return;
          if (error) {
            // The new id is not durable: put the old one back, and refuse the join.
            member.protocols = old.protocols;
            member.rebalanceTimeoutMs = old.rebalanceTimeoutMs;
            member.sessionTimeoutMs = old.sessionTimeoutMs;
            const callback = member.awaitingJoin;
            member.awaitingJoin = null;
            this.swapMemberId(group, instanceId, newId, oldId);
            this.scheduleHeartbeat(group, member);
            const e = coordinatorWriteError(error, false);
            callback?.(joinError(e.errorName, '', e.message));
            return;
          }
          const callback = member.awaitingJoin;
          member.awaitingJoin = null;
          // The old leader id goes back, so a leader does not compute assignments a Stable group would not send.
          callback?.({ errorCode: 0, errorMessage: '', generationId: generation, protocolType: group.protocolType ?? '', protocolName: group.protocolName ?? '', leader: previousLeader ?? '', memberId: newId, members: [], skipAssignment: false });
        });
        return;
      }
      case 'CompletingRebalance':
        return this.maybePrepareRebalance(group, `static member ${instanceId} rejoined during the sync phase`);
      default:
        return this.tryCompleteJoin(group);
    }
  }

  /** Move a static member to a new id; whatever the old id was waiting for is answered FENCED_INSTANCE_ID. */
  private swapMemberId(group: Group, instanceId: string, fromId: string, toId: string): void {
    const member = group.members.get(fromId)!;
    const fenced = `group.instance.id ${instanceId} rejoined as member ${toId}`;
    const join = member.awaitingJoin;
    const sync = member.awaitingSync;
    member.awaitingJoin = null;
    member.awaitingSync = null;
    join?.(joinError('FENCED_INSTANCE_ID', fromId, fenced));
    sync?.(syncError('FENCED_INSTANCE_ID', fenced));
    group.members.delete(fromId);
    member.memberId = toId;
    group.members.set(toId, member);
    group.staticMembers.set(instanceId, toId);
    if (group.leaderId === fromId) group.leaderId = toId;
    if (group.pendingSync.delete(fromId)) group.pendingSync.add(toId);
  }

  private maybePrepareRebalance(group: Group, reason: string): void {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance' || group.state === 'Empty') this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.state === 'CompletingRebalance') this.failPendingSyncs(group, new RunnelError('REBALANCE_IN_PROGRESS', `group ${group.groupId} is rebalancing: ${reason}`));
    this.cancel(group.syncTimer);
    group.syncTimer = null;
    group.pendingSync.clear();
    const wasEmpty = group.state === 'Empty';
    group.transitionTo('PreparingRebalance', this.now());
    this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition, reason }, 'preparing to rebalance group');
    this.cancel(group.joinTimer);
    if (wasEmpty) {
      // A new group's first rebalance waits for more members (group.initial.rebalance.delay.ms),
      // again each time one arrives, up to the rebalance timeout.
      const delay = this.deps.config.initialRebalanceDelayMs;
      group.initialDelayActive = true;
      group.newMemberAdded = false;
      this.armInitialDelay(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0));
    } else {
      group.initialDelayActive = false;
      group.joinTimer = this.schedule(group.rebalanceTimeoutMs, () => {
        group.joinTimer = null;
        this.completeJoin(group);
      });
      this.tryCompleteJoin(group);
    }
  }

  private armInitialDelay(group: Group, delay: number, remaining: number): void {
    group.joinTimer = this.schedule(delay, () => {
      group.joinTimer = null;
      if (group.state !== 'PreparingRebalance') return;
      if (group.newMemberAdded && remaining > 0) {
        group.newMemberAdded = false;
        const next = Math.min(this.deps.config.initialRebalanceDelayMs, remaining);
        return this.armInitialDelay(group, next, Math.max(remaining - next, 0));
      }
      group.initialDelayActive = false;
      this.completeJoin(group);
    });
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state === 'PreparingRebalance' && !group.initialDelayActive && group.allJoined) this.completeJoin(group);
  }

  /**
   * End the join phase: dynamic members that did not rejoin are dropped, the next generation
   * starts, and every joined member gets its answer (the leader with everyone's metadata).
   */
  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    this.cancel(group.joinTimer);
    group.joinTimer = null;
    group.initialDelayActive = false;
    for (const m of [...group.members.values()]) {
      if (!m.awaitingJoin && m.groupInstanceId === null) {
        this.cancel(m.heartbeatTimer);
        group.remove(m.memberId);
        this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition, memberId: m.memberId }, 'member removed: it did not rejoin within the rebalance timeout');
      }
    }
    const leader = group.leaderId !== null ? group.members.get(group.leaderId) : undefined;
    if (leader && !leader.awaitingJoin) {
      const joined = [...group.members.values()].find((m) => m.awaitingJoin);
      if (joined) group.leaderId = joined.memberId;
      else {
        // Only static members that have not rejoined are left: wait for them (or their session) again.
        group.joinTimer = this.schedule(group.rebalanceTimeoutMs, () => {
          group.joinTimer = null;
          this.completeJoin(group);
        });
        return;
      }
    }
    group.generationId = this.nextGeneration(group.generationId);
    const now = this.now();
    if (group.members.size === 0) {
      group.protocolName = null;
      group.leaderId = null;
      group.transitionTo('Empty', now);
      this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition }, 'group is empty');
      this.deps.write([this.groupRecord(group)], (error) => {
        if (error) this.deps.logger.warn({ groupId: group.groupId, generation: group.generationId, partition: this.partition, err: error.message }, 'storing the empty group failed');
      });
      return;
    }
    group.protocolName = group.selectProtocol();
    group.transitionTo('CompletingRebalance', now);
    this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition, members: group.members.size, leader: group.leaderId, protocol: group.protocolName }, 'group completed its join phase');
    for (const m of group.members.values()) {
      const callback = m.awaitingJoin;
      m.awaitingJoin = null;
      m.isNew = false;
      group.pendingSync.add(m.memberId);
      this.scheduleHeartbeat(group, m);
      callback?.(this.joinAnswer(group, m));
    }
    // Members that never send SyncGroup within the rebalance timeout are dropped.
    const generation = group.generationId;
    group.syncTimer = this.schedule(group.rebalanceTimeoutMs, () => {
      group.syncTimer = null;
      if (group.generationId !== generation || (group.state !== 'CompletingRebalance' && group.state !== 'Stable')) return;
      for (const id of [...group.pendingSync]) {
        const m = group.members.get(id);
        if (m) this.removeMember(group, m, 'it did not send SyncGroup within the rebalance timeout');
      }
    });
  }

  private joinAnswer(group: Group, member: Member): pb.JoinGroupResponse {
    const isLeader = group.leaderId === member.memberId;
    const protocol = group.protocolName ?? '';
    return {
      errorCode: 0,
      errorMessage: '',
      generationId: group.generationId,
      protocolType: group.protocolType ?? '',
      protocolName: protocol,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader ? [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? '', metadata: m.metadata(protocol) })) : [],
      skipAssignment: false,
    };
  }

  // ---------------------------------------------------------------- SyncGroup / Heartbeat / LeaveGroup

  syncGroup(req: pb.SyncGroupRequest__Output, respond: SyncCallback): void {
    const group = this.groups.get(req.groupId);
    if (!group) return respond(syncError('UNKNOWN_MEMBER_ID', `group ${req.groupId} has no member ${req.memberId}`));
    if (group.state === 'Dead') return respond(syncError('COORDINATOR_NOT_AVAILABLE', `group ${req.groupId} is being removed; retry`));
    const invalid = this.validateMember(group, req.memberId, req.groupInstanceId || null);
    if (invalid) return respond(syncError(invalid.name, invalid.message));
    if (req.generationId !== group.generationId) return respond(syncError('ILLEGAL_GENERATION', `generation ${req.generationId} is not group ${req.groupId}'s current generation ${group.generationId}`));
    if ((req.protocolType && req.protocolType !== group.protocolType) || (req.protocolName && req.protocolName !== group.protocolName)) {
      return respond(syncError('INCONSISTENT_GROUP_PROTOCOL', `group ${req.groupId} uses ${group.protocolType}/${group.protocolName}, not ${req.protocolType}/${req.protocolName}`));
    }
    const member = group.members.get(req.memberId)!;
    switch (group.state) {
      case 'Empty':
        return respond(syncError('UNKNOWN_MEMBER_ID', `group ${req.groupId} has no member ${req.memberId}`));
      case 'PreparingRebalance':
        return respond(syncError('REBALANCE_IN_PROGRESS', `group ${req.groupId} is rebalancing; join again`));
      case 'Stable':
        group.pendingSync.delete(member.memberId);
        this.scheduleHeartbeat(group, member);
        return respond(this.syncAnswer(group, member));
      case 'CompletingRebalance': {
        const previous = member.awaitingSync;
        member.awaitingSync = respond;
        previous?.(syncError('REBALANCE_IN_PROGRESS', 'superseded by a newer SyncGroup from the same member'));
        group.pendingSync.delete(member.memberId);
        this.scheduleHeartbeat(group, member);
        if (group.leaderId !== member.memberId) return;
        const given = new Map<string, Buffer>();
        for (const a of req.assignments) if (group.members.has(a.memberId)) given.set(a.memberId, Buffer.from(a.assignment));
        const assignments = new Map([...group.members.keys()].map((id) => [id, given.get(id) ?? Buffer.alloc(0)]));
        const generation = group.generationId;
        this.deps.write([this.groupRecord(group, assignments)], (error) => {
          if (this.groups.get(group.groupId) !== group || group.state !== 'CompletingRebalance' || group.generationId !== generation) return;
          if (error) {
            this.deps.logger.warn({ groupId: group.groupId, generation, partition: this.partition, err: error.message }, 'storing the group assignment failed');
            this.failPendingSyncs(group, coordinatorWriteError(error, false));
            return this.prepareRebalance(group, 'storing the assignment failed');
          }
          for (const m of group.members.values()) {
            m.assignment = assignments.get(m.memberId) ?? Buffer.alloc(0);
            const callback = m.awaitingSync;
            m.awaitingSync = null;
            callback?.(this.syncAnswer(group, m));
          }
          group.transitionTo('Stable', this.now());
          this.deps.logger.info({ groupId: group.groupId, generation, partition: this.partition, members: group.members.size }, 'group is stable');
        });
        return;
      }
    }
  }

  private syncAnswer(group: Group, member: Member): pb.SyncGroupResponse {
    return { errorCode: 0, errorMessage: '', protocolType: group.protocolType ?? '', protocolName: group.protocolName ?? '', assignment: member.assignment };
  }

  private failPendingSyncs(group: Group, error: RunnelError): void {
    for (const m of group.members.values()) {
      m.assignment = Buffer.alloc(0);
      const callback = m.awaitingSync;
      m.awaitingSync = null;
      callback?.(syncError(error.errorName, error.message));
    }
  }

  heartbeat(req: pb.HeartbeatRequest__Output): pb.HeartbeatResponse {
    const group = this.groups.get(req.groupId);
    if (!group) return err('UNKNOWN_MEMBER_ID', `group ${req.groupId} has no member ${req.memberId}`);
    if (group.state === 'Dead') return err('COORDINATOR_NOT_AVAILABLE', `group ${req.groupId} is being removed; retry`);
    const invalid = this.validateMember(group, req.memberId, req.groupInstanceId || null);
    if (invalid) return err(invalid.name, invalid.message);
    if (group.state === 'Empty') return err('UNKNOWN_MEMBER_ID', `group ${req.groupId} has no member ${req.memberId}`);
    if (req.generationId !== group.generationId) return err('ILLEGAL_GENERATION', `generation ${req.generationId} is not group ${req.groupId}'s current generation ${group.generationId}`);
    this.scheduleHeartbeat(group, group.members.get(req.memberId)!);
    if (group.state === 'PreparingRebalance') return err('REBALANCE_IN_PROGRESS', `group ${req.groupId} is rebalancing; join again`);
    return { errorCode: 0, errorMessage: '' };
  }

  leaveGroup(req: pb.LeaveGroupRequest__Output): pb.LeaveGroupResponse {
    const group = this.groups.get(req.groupId);
    if (group?.state === 'Dead') return { ...err('COORDINATOR_NOT_AVAILABLE', `group ${req.groupId} is being removed; retry`), members: [] };
    const members = req.members.map((leaving): pb.LeavingMemberResponse => {
      const answer = (name: ErrorName | null): pb.LeavingMemberResponse => ({ memberId: leaving.memberId, groupInstanceId: leaving.groupInstanceId, errorCode: name ? new RunnelError(name).code : 0 });
      if (!group) return answer('UNKNOWN_MEMBER_ID');
      const reason = `member left the group${leaving.reason ? `: ${leaving.reason}` : ''}`;
      if (leaving.groupInstanceId) {
        const current = group.staticMembers.get(leaving.groupInstanceId);
        if (current === undefined) return answer('UNKNOWN_MEMBER_ID');
        if (leaving.memberId && leaving.memberId !== current) return answer('FENCED_INSTANCE_ID');
        this.removeMember(group, group.members.get(current)!, reason);
        return answer(null);
      }
      const pending = group.pendingMembers.get(leaving.memberId);
      if (pending !== undefined) {
        this.cancel(pending);
        group.pendingMembers.delete(leaving.memberId);
        if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
        return answer(null);
      }
      const member = group.members.get(leaving.memberId);
      if (!member) return answer('UNKNOWN_MEMBER_ID');
      this.removeMember(group, member, reason);
      return answer(null);
    });
    return { errorCode: 0, errorMessage: '', members };
  }

  /** Drop a member (left, expired, or over the limit) and let the group react. */
  private removeMember(group: Group, member: Member, reason: string): void {
    const join = member.awaitingJoin;
    const sync = member.awaitingSync;
    member.awaitingJoin = null;
    member.awaitingSync = null;
    this.cancel(member.heartbeatTimer);
    member.heartbeatTimer = null;
    group.remove(member.memberId);
    this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition, memberId: member.memberId, reason }, 'member removed');
    join?.(joinError('UNKNOWN_MEMBER_ID', member.memberId, `member removed: ${reason}`));
    sync?.(syncError('UNKNOWN_MEMBER_ID', `member removed: ${reason}`));
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group, `member ${member.memberId} removed: ${reason}`);
    else if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
  }

  /**
   * (Re)arm a member's session timer. A member waiting on the coordinator (in JoinGroup or
   * SyncGroup) cannot heartbeat, so it is kept alive until answered, unless it is new.
   */
  private scheduleHeartbeat(group: Group, member: Member, timeoutMs = member.sessionTimeoutMs): void {
    this.cancel(member.heartbeatTimer);
    member.heartbeatTimer = this.schedule(timeoutMs, () => {
      member.heartbeatTimer = null;
      if (group.members.get(member.memberId) !== member) return;
      if (!member.isNew && (member.awaitingJoin || member.awaitingSync)) return this.scheduleHeartbeat(group, member);
      this.removeMember(group, member, `session timeout (${timeoutMs} ms) expired`);
    });
  }

  // ---------------------------------------------------------------- offsets

  commitOffsets(req: pb.OffsetCommitRequest__Output, respond: (r: pb.OffsetCommitResponse) => void): void {
    const all = (name: ErrorName, message: string): pb.OffsetCommitResponse => {
      const e = new RunnelError(name, message);
      return { errorCode: 0, errorMessage: '', topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: e.code, errorMessage: e.message })) })) };
    };
    if (!req.groupId) return respond(all('INVALID_GROUP_ID', 'the group id must not be empty'));
    const instanceId = req.groupInstanceId || null;
    const simple = req.generationId < 0 && req.memberId === '' && instanceId === null;
    let group = this.groups.get(req.groupId);
    if (!group) {
      if (!simple) return respond(all('ILLEGAL_GENERATION', `group ${req.groupId} has no generation ${req.generationId}`));
      group = new Group(req.groupId, this.now());
      this.groups.set(req.groupId, group);
    }
    if (group.state === 'Dead') return respond(all('COORDINATOR_NOT_AVAILABLE', `group ${req.groupId} is being removed; retry`));
    if (!simple) {
      const invalid = this.validateMember(group, req.memberId, instanceId);
      if (invalid) return respond(all(invalid.name, invalid.message));
      if (req.generationId !== group.generationId) return respond(all('ILLEGAL_GENERATION', `generation ${req.generationId} is not group ${req.groupId}'s current generation ${group.generationId}`));
      if (group.state === 'CompletingRebalance') return respond(all('REBALANCE_IN_PROGRESS', `group ${req.groupId} is completing a rebalance; commit after SyncGroup`));
      this.scheduleHeartbeat(group, group.members.get(req.memberId)!);
    } else if (group.state !== 'Empty') {
      return respond(all('UNKNOWN_MEMBER_ID', `group ${req.groupId} has members; only a member (with its id and generation) may commit`));
    }
    const now = this.now();
    const max = this.deps.config.offsetMetadataMaxBytes;
    const results = new Map<string, RunnelError | null>();
    const accepted: { topic: string; partition: number; value: Omit<OffsetCommitValue, 'expireTimestamp'> }[] = [];
    for (const t of req.topics) {
      for (const p of t.partitions) {
        const key = `${t.name}\0${p.partition}`;
        const metadata = p.committedMetadata ?? '';
        if (Buffer.byteLength(metadata) > max) {
          results.set(key, new RunnelError('OFFSET_METADATA_TOO_LARGE', `offset metadata of ${Buffer.byteLength(metadata)} bytes is over offset.metadata.max.bytes=${max}`));
          continue;
        }
        results.set(key, null);
        accepted.push({ topic: t.name, partition: p.partition, value: { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata, commitTimestamp: now } });
      }
    }
    const answer = (): pb.OffsetCommitResponse => ({
      errorCode: 0,
      errorMessage: '',
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const e = results.get(`${t.name}\0${p.partition}`);
          return { partition: p.partition, errorCode: e ? e.code : 0, errorMessage: e ? e.message : '' };
        }),
      })),
    });
    if (accepted.length === 0) return respond(answer());
    const target = group;
    target.pendingCommits++;
    this.deps.write(accepted.map((a) => offsetCommitRecord(target.groupId, a.topic, a.partition, a.value)), (error) => {
      target.pendingCommits--;
      if (error) {
        const e = coordinatorWriteError(error, true);
        for (const a of accepted) results.set(`${a.topic}\0${a.partition}`, e);
      } else if (this.groups.get(target.groupId) === target) {
        for (const a of accepted) target.setOffset(a.topic, a.partition, { ...a.value });
      }
      respond(answer());
    });
  }

  fetchOffsets(req: pb.OffsetFetchRequest__Output): pb.OffsetFetchResponse {
    const group = this.groups.get(req.groupId);
    const none = (partition: number): pb.OffsetFetchPartitionResponse => ({ partition, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 });
    const found = (partition: number, o: { offset: number; leaderEpoch: number; metadata: string }): pb.OffsetFetchPartitionResponse => ({
      partition,
      committedOffset: o.offset,
      committedLeaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      errorCode: 0,
    });
    if (req.topics.length === 0) {
      const topics = group ? [...group.offsets].sort((a, b) => a[0].localeCompare(b[0])) : [];
      return {
        errorCode: 0,
        errorMessage: '',
        topics: topics.map(([name, byPartition]) => ({ name, partitions: [...byPartition].sort((a, b) => a[0] - b[0]).map(([p, o]) => found(p, o)) })),
      };
    }
    return {
      errorCode: 0,
      errorMessage: '',
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const o = group?.offset(t.name, p);
          return o ? found(p, o) : none(p);
        }),
      })),
    };
  }

  deleteOffsets(req: pb.DeleteOffsetsRequest__Output, respond: (r: pb.DeleteOffsetsResponse) => void): void {
    const group = this.groups.get(req.groupId);
    if (!group || group.state === 'Dead') return respond({ ...err('GROUP_ID_NOT_FOUND', `group ${req.groupId} does not exist`), topics: [] });
    let subscribed: Set<string> | null = new Set();
    if (group.state !== 'Empty') {
      subscribed = group.subscribedTopics();
      if (subscribed === null) return respond({ ...err('NON_EMPTY_GROUP', `group ${req.groupId} has members and is not a consumer group whose subscriptions can be read`), topics: [] });
    }
    const topicErrors = new Map<string, RunnelError | null>();
    const removing: { topic: string; partition: number }[] = [];
    for (const t of req.topics) {
      for (const p of t.partitions) {
        if (subscribed.has(t.name)) {
          topicErrors.set(`${t.name}\0${p}`, new RunnelError('GROUP_SUBSCRIBED_TO_TOPIC', `group ${req.groupId} has members subscribed to ${t.name}`));
        } else {
          topicErrors.set(`${t.name}\0${p}`, null);
          if (group.offset(t.name, p)) removing.push({ topic: t.name, partition: p });
        }
      }
    }
    const answer = (): pb.DeleteOffsetsResponse => ({
      errorCode: 0,
      errorMessage: '',
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const e = topicErrors.get(`${t.name}\0${p}`);
          return { partition: p, errorCode: e ? e.code : 0, errorMessage: e ? e.message : '' };
        }),
      })),
    });
    if (removing.length === 0) return respond(answer());
    this.deps.write(removing.map((r) => offsetTombstone(group.groupId, r.topic, r.partition)), (error) => {
      if (error) {
        const e = coordinatorWriteError(error, false);
        for (const r of removing) topicErrors.set(`${r.topic}\0${r.partition}`, e);
      } else {
        for (const r of removing) group.removeOffset(r.topic, r.partition);
      }
      respond(answer());
    });
  }

  // ---------------------------------------------------------------- group admin

  deleteGroup(groupId: string, respond: (error: RunnelError | null) => void): void {
    const group = this.groups.get(groupId);
    if (!group || group.state === 'Dead') return respond(new RunnelError('GROUP_ID_NOT_FOUND', `group ${groupId} does not exist`));
    if (group.state !== 'Empty') return respond(new RunnelError('NON_EMPTY_GROUP', `group ${groupId} has members (state ${group.state}); it can be deleted once they leave`));
    if (group.pendingCommits > 0) return respond(new RunnelError('NON_EMPTY_GROUP', `group ${groupId} has offset commits being written; retry once they finish`));
    const records = [...group.offsets].flatMap(([topic, byPartition]) => [...byPartition.keys()].map((p) => offsetTombstone(groupId, topic, p)));
    records.push(groupTombstone(groupId));
    // Dead while the tombstones are written: nothing joins or commits in between.
    group.transitionTo('Dead', this.now());
    this.deps.write(records, (error) => {
      if (this.groups.get(groupId) !== group) return respond(null);
      if (error) {
        group.transitionTo('Empty', this.now());
        return respond(coordinatorWriteError(error, false));
      }
      this.groups.delete(groupId);
      this.deps.logger.info({ groupId, generation: group.generationId, partition: this.partition }, 'group deleted');
      respond(null);
    });
  }

  listGroups(states: ReadonlySet<string>): pb.ListedGroup[] {
    const out: pb.ListedGroup[] = [];
    for (const g of this.groups.values()) {
      if (g.state === 'Dead') continue;
      if (states.size > 0 && !states.has(g.state.toLowerCase())) continue;
      out.push({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state });
    }
    return out;
  }

  describeGroup(groupId: string, coordinatorId: number): pb.DescribedGroup {
    const g = this.groups.get(groupId);
    if (!g) return { errorCode: 0, errorMessage: '', groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [], generationId: -1, coordinatorId };
    const stable = g.state === 'Stable';
    return {
      errorCode: 0,
      errorMessage: '',
      groupId,
      groupState: g.state,
      protocolType: g.protocolType ?? '',
      protocolData: stable ? (g.protocolName ?? '') : '',
      generationId: g.generationId,
      coordinatorId,
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? '',
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable && g.protocolName !== null ? m.metadata(g.protocolName) : Buffer.alloc(0),
        memberAssignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  }

  // ---------------------------------------------------------------- expiry, deleted topics

  /**
   * Kafka's offsets expiration: an Empty group's offsets go once offsets.retention.minutes have
   * passed since it became Empty (a group used only for simple commits: since each commit); a
   * Stable consumer group's offsets of topics no member subscribes to go that long after their
   * commit. An Empty group left with no offsets is removed. Tombstones record both.
   */
  expireOffsets(): number {
    const now = this.now();
    const retention = this.deps.config.offsetsRetentionMs;
    const records: OffsetsRecord[] = [];
    let removed = 0;
    for (const group of [...this.groups.values()]) {
      // A commit being written would land after its tombstone; this group waits for the next check.
      if (group.pendingCommits > 0) continue;
      if (group.state === 'Empty') {
        for (const [topic, byPartition] of [...group.offsets]) {
          for (const [partition, o] of [...byPartition]) {
            // A group that only stores offsets (no protocol type: simple commits) expires each offset from its commit.
            const base = group.protocolType !== null && group.stateTimestamp >= 0 ? group.stateTimestamp : o.commitTimestamp;
            if (base + retention <= now) {
              group.removeOffset(topic, partition);
              records.push(offsetTombstone(group.groupId, topic, partition));
              removed++;
            }
          }
        }
        if (!group.hasOffsets && group.pendingMembers.size === 0 && group.pendingCommits === 0) {
          group.transitionTo('Dead', now);
          this.groups.delete(group.groupId);
          records.push(groupTombstone(group.groupId));
          this.deps.logger.info({ groupId: group.groupId, generation: group.generationId, partition: this.partition }, 'empty group with no offsets removed');
        }
      } else if (group.state === 'Stable') {
        const subscribed = group.subscribedTopics();
        if (subscribed === null) continue;
        for (const [topic, byPartition] of [...group.offsets]) {
          if (subscribed.has(topic)) continue;
          for (const [partition, o] of [...byPartition]) {
            if (o.commitTimestamp + retention <= now) {
              group.removeOffset(topic, partition);
              records.push(offsetTombstone(group.groupId, topic, partition));
              removed++;
            }
          }
        }
      }
    }
    if (records.length > 0) {
      this.deps.logger.info({ partition: this.partition, offsets: removed }, 'expired offsets');
      this.deps.write(records, (error) => {
        if (error) this.deps.logger.warn({ partition: this.partition, err: error.message }, 'writing expiry tombstones failed; they are written again on the next check');
      });
    }
    return removed;
  }

  /** Deleted topics take their committed offsets with them. */
  removeTopics(topics: ReadonlySet<string>): void {
    const records: OffsetsRecord[] = [];
    for (const group of this.groups.values()) {
      for (const topic of topics) {
        const byPartition = group.offsets.get(topic);
        if (!byPartition) continue;
        for (const p of byPartition.keys()) records.push(offsetTombstone(group.groupId, topic, p));
        group.offsets.delete(topic);
      }
    }
    if (records.length > 0) {
      this.deps.write(records, (error) => {
        if (error) this.deps.logger.warn({ partition: this.partition, err: error.message }, 'writing tombstones for deleted topics failed');
      });
    }
  }

  // ---------------------------------------------------------------- loading

  /** Replay one record of the partition's log (in log order; the latest record of a key wins). */
  replay(key: OffsetsKey, value: GroupMetadataValue | Omit<OffsetCommitValue, 'expireTimestamp'> | null, loading: LoadState): void {
    if (key.kind === 'offset') {
      const offsets = loading.offsets.get(key.group) ?? new Map<string, Omit<OffsetCommitValue, 'expireTimestamp'>>();
      loading.offsets.set(key.group, offsets);
      const k = `${key.topic}\0${key.partition}`;
      if (value === null) offsets.delete(k);
      else offsets.set(k, value as Omit<OffsetCommitValue, 'expireTimestamp'>);
    } else if (value === null) {
      loading.groups.delete(key.group);
    } else {
      loading.groups.set(key.group, value as GroupMetadataValue);
    }
  }

  /** Build the groups from what replay collected: a group with members is Stable, else Empty. */
  finishLoad(loading: LoadState): void {
    const now = this.now();
    const ids = new Set([...loading.groups.keys(), ...[...loading.offsets].filter(([, o]) => o.size > 0).map(([g]) => g)]);
    for (const id of ids) {
      const meta = loading.groups.get(id);
      const group = new Group(id, now);
      if (meta) {
        group.generationId = meta.generation;
        group.protocolType = meta.protocolType || null;
        if (meta.currentStateTimestamp >= 0) group.stateTimestamp = meta.currentStateTimestamp;
        if (meta.members.length > 0) {
          group.protocolName = meta.protocol;
          group.state = 'Stable';
          for (const m of meta.members) {
            const member = new Member(m.memberId, m.groupInstanceId, m.clientId, m.clientHost, m.rebalanceTimeoutMs, m.sessionTimeoutMs, meta.protocolType, [{ name: meta.protocol ?? '', metadata: m.subscription }]);
            member.assignment = m.assignment;
            group.add(member);
          }
          group.leaderId = meta.leader !== null && group.members.has(meta.leader) ? meta.leader : group.leaderId;
        }
      }
      for (const [k, o] of loading.offsets.get(id) ?? []) {
        const sep = k.lastIndexOf('\0');
        group.setOffset(k.slice(0, sep), Number(k.slice(sep + 1)), { ...o });
      }
      this.groups.set(id, group);
      for (const m of group.members.values()) this.scheduleHeartbeat(group, m);
    }
    this.deps.logger.info({ partition: this.partition, groups: this.groups.size }, 'loaded groups');
  }

  /**
   * This broker no longer coordinates the partition: stop every timer and tell everyone waiting
   * to look for the new coordinator.
   */
  unload(): void {
    this.closed = true;
    const e = new RunnelError('NOT_COORDINATOR', `this broker no longer coordinates __consumer_offsets partition ${this.partition}`);
    for (const group of this.groups.values()) {
      this.cancel(group.joinTimer);
      this.cancel(group.syncTimer);
      for (const t of group.pendingMembers.values()) this.cancel(t);
      for (const m of group.members.values()) {
        this.cancel(m.heartbeatTimer);
        const join = m.awaitingJoin;
        const sync = m.awaitingSync;
        m.awaitingJoin = null;
        m.awaitingSync = null;
        join?.(joinError('NOT_COORDINATOR', m.memberId, e.message));
        sync?.(syncError('NOT_COORDINATOR', e.message));
      }
    }
    this.groups.clear();
  }

  private groupRecord(group: Group, assignments?: ReadonlyMap<string, Buffer>): OffsetsRecord {
    const protocol = group.protocolName;
    return groupMetadataRecord(group.groupId, {
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol,
      leader: group.leaderId,
      currentStateTimestamp: group.stateTimestamp,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: protocol !== null ? m.metadata(protocol) : Buffer.alloc(0),
        assignment: assignments?.get(m.memberId) ?? m.assignment,
      })),
    });
  }

  private now(): number {
    return this.deps.timers.now();
  }

  private schedule(ms: number, fn: () => void): unknown {
    if (this.closed) return null;
    return this.deps.timers.schedule(ms, fn);
  }

  private cancel(handle: unknown): void {
    if (handle !== null && handle !== undefined) this.deps.timers.cancel(handle);
  }
}

/** What replaying a partition's log collects before the groups are built. */
export interface LoadState {
  groups: Map<string, GroupMetadataValue>;
  /** group -> "topic\0partition" -> offset. */
  offsets: Map<string, Map<string, Omit<OffsetCommitValue, 'expireTimestamp'>>>;
}

export function newLoadState(): LoadState {
  return { groups: new Map(), offsets: new Map() };
}

export type { GroupState };
