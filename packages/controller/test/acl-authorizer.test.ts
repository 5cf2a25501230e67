import { describe, expect, it } from 'vitest';
import type { Requester } from '@runnel/protocol';
import type { AclBinding } from '../src/acl/acl-binding.js';
import { Authorizer, type AuthorizerSettings } from '../src/acl/authorizer.js';

const alice: Requester = { principal: 'User:alice', host: '10.0.0.1' };
const bob: Requester = { principal: 'User:bob', host: '10.0.0.2' };

function allow(principal: string, operation: AclBinding['operation'], resourceName: string, extra: Partial<AclBinding> = {}): AclBinding {
  return { resourceType: 'TOPIC', resourceName, patternType: 'LITERAL', principal, host: '*', operation, permission: 'ALLOW', ...extra };
}

function deny(principal: string, operation: AclBinding['operation'], resourceName: string, extra: Partial<AclBinding> = {}): AclBinding {
  return { ...allow(principal, operation, resourceName, extra), permission: 'DENY' };
}

function authorizer(bindings: AclBinding[], settings: Partial<AuthorizerSettings> = {}): { authorizer: Authorizer; set: (b: AclBinding[]) => void } {
  let acls = new Map(bindings.map((b, i) => [String(i), b]));
  const a = new Authorizer({ enabled: true, superUsers: [], allowEveryoneIfNoAclFound: false, ...settings }, () => acls);
  return { authorizer: a, set: (b) => (acls = new Map(b.map((x, i) => [String(i), x]))) };
}

describe('the authorizer', () => {
  it('allows what an ACL allows and nothing else', () => {
    const { authorizer: a } = authorizer([allow('User:alice', 'WRITE', 'orders')]);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'orders')).toBe(true);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'orders')).toBe(false);
    expect(a.authorize(bob, 'WRITE', 'TOPIC', 'orders')).toBe(false);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'orders2')).toBe(false);
    expect(a.authorize(alice, 'WRITE', 'GROUP', 'orders')).toBe(false);
  });

  it('implies DESCRIBE from READ, WRITE, DELETE and ALTER, and DESCRIBE_CONFIGS from ALTER_CONFIGS', () => {
    for (const op of ['READ', 'WRITE', 'DELETE', 'ALTER'] as const) {
      expect(authorizer([allow('User:alice', op, 't')]).authorizer.authorize(alice, 'DESCRIBE', 'TOPIC', 't')).toBe(true);
    }
    expect(authorizer([allow('User:alice', 'CREATE', 't')]).authorizer.authorize(alice, 'DESCRIBE', 'TOPIC', 't')).toBe(false);
    expect(authorizer([allow('User:alice', 'ALTER_CONFIGS', 't')]).authorizer.authorize(alice, 'DESCRIBE_CONFIGS', 'TOPIC', 't')).toBe(true);
    expect(authorizer([allow('User:alice', 'DESCRIBE_CONFIGS', 't')]).authorizer.authorize(alice, 'ALTER_CONFIGS', 'TOPIC', 't')).toBe(false);
    expect(authorizer([allow('User:alice', 'ALL', 't')]).authorizer.authorize(alice, 'DELETE', 'TOPIC', 't')).toBe(true);
  });

  it('matches prefixed patterns, the literal wildcard, wildcard principals and hosts', () => {
    const { authorizer: a } = authorizer([
      allow('User:alice', 'READ', 'logs.', { patternType: 'PREFIXED' }),
      allow('User:*', 'DESCRIBE', '*'),
      allow('User:bob', 'WRITE', 'audit', { host: '10.0.0.9' }),
    ]);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'logs.app')).toBe(true);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'logs')).toBe(false);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'xlogs.app')).toBe(false);
    expect(a.authorize(bob, 'DESCRIBE', 'TOPIC', 'anything')).toBe(true);
    expect(a.authorize({ principal: 'Group:ops', host: '1.1.1.1' }, 'DESCRIBE', 'TOPIC', 'anything')).toBe(false);
    expect(a.authorize(bob, 'WRITE', 'TOPIC', 'audit')).toBe(false);
    expect(a.authorize({ principal: 'User:bob', host: '10.0.0.9' }, 'WRITE', 'TOPIC', 'audit')).toBe(true);
  });

  it('lets a DENY win over any ALLOW, including a broader one, but does not imply denials', () => {
    const { authorizer: a } = authorizer([
      allow('User:alice', 'ALL', 'pay', { patternType: 'PREFIXED' }),
      deny('User:alice', 'WRITE', 'payroll'),
      deny('User:*', 'READ', 'pay.secret'),
    ]);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'payments')).toBe(true);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'payroll')).toBe(false);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'payroll')).toBe(true);
    expect(a.authorize(alice, 'READ', 'TOPIC', 'pay.secret')).toBe(false);
    expect(a.authorize(alice, 'DESCRIBE', 'TOPIC', 'pay.secret')).toBe(true);
  });

  it('lets super users and nodes do anything, and opens unnamed resources only when configured', () => {
    const { authorizer: a } = authorizer([allow('User:alice', 'READ', 'named')], { superUsers: ['User:admin'] });
    expect(a.authorize({ principal: 'User:admin', host: '1.2.3.4' }, 'ALTER', 'CLUSTER', 'kafka-cluster')).toBe(true);
    expect(a.authorize({ principal: 'Node:2', host: '1.2.3.4' }, 'CLUSTER_ACTION', 'CLUSTER', 'kafka-cluster')).toBe(true);
    expect(a.authorize(bob, 'READ', 'TOPIC', 'unnamed')).toBe(false);
    const open = authorizer([allow('User:alice', 'READ', 'named')], { allowEveryoneIfNoAclFound: true }).authorizer;
    expect(open.authorize(bob, 'READ', 'TOPIC', 'unnamed')).toBe(true);
    expect(open.authorize(bob, 'READ', 'TOPIC', 'named')).toBe(false);
    const off = authorizer([], { enabled: false }).authorizer;
    expect(off.authorize(bob, 'ALTER', 'CLUSTER', 'kafka-cluster')).toBe(true);
  });

  it('answers from the ACLs as they are now, after every change', () => {
    const { authorizer: a, set } = authorizer([allow('User:alice', 'WRITE', 'orders')]);
    const before = a.generation;
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'orders')).toBe(true);
    set([deny('User:alice', 'WRITE', 'orders'), allow('User:alice', 'WRITE', 'orders')]);
    expect(a.generation).not.toBe(before);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'orders')).toBe(false);
    set([]);
    expect(a.authorize(alice, 'WRITE', 'TOPIC', 'orders')).toBe(false);
  });

  it('finds whether a principal may write some topic (idempotent producers)', () => {
    expect(authorizer([allow('User:alice', 'WRITE', 'x')]).authorizer.authorizeAny(alice, 'WRITE', 'TOPIC')).toBe(true);
    expect(authorizer([allow('User:alice', 'READ', 'x')]).authorizer.authorizeAny(alice, 'WRITE', 'TOPIC')).toBe(false);
    expect(authorizer([allow('User:alice', 'WRITE', 'x'), deny('User:alice', 'WRITE', '*')]).authorizer.authorizeAny(alice, 'WRITE', 'TOPIC')).toBe(false);
    expect(authorizer([allow('User:alice', 'WRITE', 'a.b', { patternType: 'PREFIXED' }), deny('User:alice', 'WRITE', 'a', { patternType: 'PREFIXED' })]).authorizer.authorizeAny(alice, 'WRITE', 'TOPIC')).toBe(false);
    expect(authorizer([allow('User:alice', 'WRITE', 'a', { patternType: 'PREFIXED' }), deny('User:alice', 'WRITE', 'a.b', { patternType: 'PREFIXED' })]).authorizer.authorizeAny(alice, 'WRITE', 'TOPIC')).toBe(true);
  });
});
