import { RunnelError, callRequester, type IncomingCall, type Requester } from '@runnel/protocol';
import { CLUSTER_RESOURCE_NAME, type AclOperation, type AclResourceType } from './acl-binding.js';
import type { Authorizer } from './authorizer.js';

/**
 * The authorization questions request handlers ask, answered by an authorizer (every question is
 * answered yes when there is none or it is off), with Kafka's error for each kind of refusal.
 */
export class RequestAccess {
  constructor(private readonly authorizer: Authorizer | undefined) {}

  get enabled(): boolean {
    return this.authorizer?.enabled ?? false;
  }

  may(who: Requester, operation: AclOperation, type: AclResourceType, name: string): boolean {
    return !this.authorizer || this.authorizer.authorize(who, operation, type, name);
  }

  /** Whether `who` may do `operation` on some resource of `type` (idempotent producers: WRITE on any topic). */
  mayAny(who: Requester, operation: AclOperation, type: AclResourceType): boolean {
    return !this.authorizer || this.authorizer.authorizeAny(who, operation, type);
  }

  /** The call's requester, once allowed `operation` on the cluster; CLUSTER_AUTHORIZATION_FAILED otherwise. */
  cluster(call: IncomingCall, operation: AclOperation, what: string): Requester {
    const who = callRequester(call);
    if (!this.may(who, operation, 'CLUSTER', CLUSTER_RESOURCE_NAME)) {
      throw new RunnelError('CLUSTER_AUTHORIZATION_FAILED', `${who.principal} is not allowed ${operation} on the cluster, which ${what} needs`);
    }
    return who;
  }

  /** TOPIC_AUTHORIZATION_FAILED unless `who` may do `operation` on the topic, whether or not it exists. */
  topicError(who: Requester, operation: AclOperation, topic: string): RunnelError | null {
    return this.may(who, operation, 'TOPIC', topic)
      ? null
      : new RunnelError('TOPIC_AUTHORIZATION_FAILED', `${who.principal} is not allowed ${operation} on topic '${topic}'`, { details: { topic } });
  }

  /** GROUP_AUTHORIZATION_FAILED unless `who` may do `operation` on the group, whether or not it exists. */
  groupError(who: Requester, operation: AclOperation, group: string): RunnelError | null {
    return this.may(who, operation, 'GROUP', group)
      ? null
      : new RunnelError('GROUP_AUTHORIZATION_FAILED', `${who.principal} is not allowed ${operation} on group '${group}'`);
  }

  /**
   * A check of one operation on topics for one requester, for a stream's whole life: answers are
   * remembered per topic until the ACLs change, so a produce or fetch pays one map lookup.
   */
  topics(who: Requester, operation: AclOperation): (topic: string) => RunnelError | null {
    const authorizer = this.authorizer;
    if (!authorizer?.enabled || authorizer.isSuperUser(who.principal)) return () => null;
    let generation = authorizer.generation;
    const known = new Map<string, RunnelError | null>();
    return (topic) => {
      const now = authorizer.generation;
      if (now !== generation) {
        generation = now;
        known.clear();
      }
      let answer = known.get(topic);
      if (answer === undefined) {
        answer = this.topicError(who, operation, topic);
        known.set(topic, answer);
      }
      return answer;
    };
  }

  /** ACLs are managed only with an authorizer on (SECURITY_DISABLED otherwise), by those allowed `operation` on the cluster. */
  acls(call: IncomingCall, operation: 'ALTER' | 'DESCRIBE'): void {
    if (!this.enabled) {
      throw new RunnelError('SECURITY_DISABLED', 'no authorizer is configured: set authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer on every node to use ACLs');
    }
    this.cluster(call, operation, operation === 'ALTER' ? 'changing ACLs' : 'listing ACLs');
  }
}
