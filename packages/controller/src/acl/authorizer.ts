import { isNodePrincipal, type Principal, type Requester } from '@runnel/protocol';
import type { Uuid } from '../uuid.js';
import { WILDCARD, type AclBinding, type AclOperation, type AclResourceType } from './acl-binding.js';

export interface AuthorizerSettings {
  /** Off: every request is allowed and ACLs cannot be managed (SECURITY_DISABLED). */
  readonly enabled: boolean;
  /** super.users: principals allowed everything without ACLs. Node principals always are. */
  readonly superUsers: readonly Principal[];
  /** allow.everyone.if.no.acl.found: a resource no ACL names is open to all (default false). */
  readonly allowEveryoneIfNoAclFound: boolean;
}

/** Allow bindings of these operations also allow the key operation (Kafka's implied operations). */
const IMPLIED_BY: Partial<Record<AclOperation, readonly AclOperation[]>> = {
  DESCRIBE: ['READ', 'WRITE', 'DELETE', 'ALTER'],
  DESCRIBE_CONFIGS: ['ALTER_CONFIGS'],
};

/** The bindings of one resource type, indexed by pattern. */
interface TypeIndex {
  readonly literal: Map<string, AclBinding[]>;
  readonly prefixed: { prefix: string; bindings: AclBinding[] }[];
}

/** Caches hold at most this many answers; a full cache starts over. */
const MAX_CACHED = 100_000;

function principalMatches(pattern: string, principal: Principal): boolean {
  if (pattern === principal) return true;
  const colon = principal.indexOf(':');
  return pattern.length === colon + 2 && pattern.endsWith(':*') && pattern.startsWith(principal.slice(0, colon + 1));
}

function applies(b: AclBinding, who: Requester): boolean {
  return principalMatches(b.principal, who.principal) && (b.host === WILDCARD || b.host === who.host);
}

/**
 * Kafka's StandardAuthorizer rules over the ACLs of the current metadata image. Super users (and
 * nodes) may do anything. A resource that no ACL names is open only with
 * allow.everyone.if.no.acl.found. Otherwise a DENY that matches the principal (or its type's
 * wildcard), the host (or *) and the operation (or ALL) wins; then an ALLOW must match in the
 * same way, where allowing READ, WRITE, DELETE or ALTER also allows DESCRIBE, and allowing
 * ALTER_CONFIGS also allows DESCRIBE_CONFIGS. Nothing matching is a denial.
 *
 * Answers are cached per (principal, host, operation, resource) and the index and cache are
 * rebuilt lazily whenever the image's ACL map is a new one (any ACL change makes a new map), so
 * the produce and fetch paths pay a map lookup per topic.
 */
export class Authorizer {
  private acls: ReadonlyMap<Uuid, AclBinding> | null = null;
  private index = new Map<AclResourceType, TypeIndex>();
  private cache = new Map<string, boolean>();
  private readonly superUsers: ReadonlySet<Principal>;

  constructor(
    readonly settings: AuthorizerSettings,
    private readonly currentAcls: () => ReadonlyMap<Uuid, AclBinding>,
  ) {
    this.superUsers = new Set(settings.superUsers);
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Changes whenever the ACLs do: a cache keyed on it is current while it stays the same. */
  get generation(): object {
    this.refresh();
    return this.acls!;
  }

  isSuperUser(principal: Principal): boolean {
    return isNodePrincipal(principal) || this.superUsers.has(principal);
  }

  /** Whether `who` may do `operation` on the resource of `type` named `name`. */
  authorize(who: Requester, operation: AclOperation, type: AclResourceType, name: string): boolean {
    if (!this.settings.enabled || this.isSuperUser(who.principal)) return true;
    this.refresh();
    const key = `${who.principal}\u0000${who.host}\u0000${operation}\u0000${type}\u0000${name}`;
    let answer = this.cache.get(key);
    if (answer === undefined) {
      answer = this.decide(who, operation, this.matching(type, name));
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(key, answer);
    }
    return answer;
  }

  /**
   * Whether `who` may do `operation` on some resource of `type` (Kafka's authorizeByResourceType):
   * an ALLOW that no matching DENY covers entirely. An idempotent producer needs IDEMPOTENT_WRITE
   * on the cluster or WRITE on some topic.
   */
  authorizeAny(who: Requester, operation: AclOperation, type: AclResourceType): boolean {
    if (!this.settings.enabled || this.isSuperUser(who.principal) || this.settings.allowEveryoneIfNoAclFound) return true;
    this.refresh();
    const index = this.index.get(type);
    if (!index) return false;
    const all = [...[...index.literal.values()].flat(), ...index.prefixed.flatMap((p) => p.bindings)].filter(
      (b) => applies(b, who) && (b.operation === operation || b.operation === 'ALL'),
    );
    const denies = all.filter((b) => b.permission === 'DENY');
    return all.some(
      (allow) =>
        allow.permission === 'ALLOW' &&
        !denies.some((deny) =>
          deny.patternType === 'LITERAL'
            ? deny.resourceName === WILDCARD || (allow.patternType === 'LITERAL' && deny.resourceName === allow.resourceName)
            : allow.resourceName.startsWith(deny.resourceName),
        ),
    );
  }

  private decide(who: Requester, operation: AclOperation, bindings: AclBinding[]): boolean {
    if (bindings.length === 0) return this.settings.allowEveryoneIfNoAclFound;
    const implied = IMPLIED_BY[operation] ?? [];
    let allowed = false;
    for (const b of bindings) {
      if (!applies(b, who)) continue;
      if (b.permission === 'DENY') {
        if (b.operation === operation || b.operation === 'ALL') return false;
      } else if (b.operation === operation || b.operation === 'ALL' || implied.includes(b.operation)) {
        allowed = true;
      }
    }
    return allowed;
  }

  /** Every binding whose pattern names the resource, for any principal. */
  private matching(type: AclResourceType, name: string): AclBinding[] {
    const index = this.index.get(type);
    if (!index) return [];
    const out = [...(index.literal.get(name) ?? []), ...(name === WILDCARD ? [] : (index.literal.get(WILDCARD) ?? []))];
    for (const p of index.prefixed) if (name.startsWith(p.prefix)) out.push(...p.bindings);
    return out;
  }

  private refresh(): void {
    const acls = this.currentAcls();
    if (acls === this.acls) return;
    const index = new Map<AclResourceType, TypeIndex>();
    for (const b of acls.values()) {
      let t = index.get(b.resourceType);
      if (!t) index.set(b.resourceType, (t = { literal: new Map(), prefixed: [] }));
      if (b.patternType === 'LITERAL') {
        const list = t.literal.get(b.resourceName);
        if (list) list.push(b);
        else t.literal.set(b.resourceName, [b]);
      } else {
        const entry = t.prefixed.find((p) => p.prefix === b.resourceName);
        if (entry) entry.bindings.push(b);
        else t.prefixed.push({ prefix: b.resourceName, bindings: [b] });
      }
    }
    this.acls = acls;
    this.index = index;
    this.cache = new Map();
  }
}
