import { describe, expect, it } from 'vitest';
import { scramKeys, scramSaltedPassword } from '@runnel/protocol';
import type { AclBinding, AclBindingFilter } from '../src/acl/acl-binding.js';
import { createAcls, deleteAcls, describeAcls } from '../src/acl/acl-operations.js';
import { alterUserScramCredentials, describeUserScramCredentials } from '../src/scram-credentials.js';
import { decodeSnapshot, encodeSnapshot } from '../src/snapshot.js';
import { applyRecords } from '../src/delta.js';
import { EMPTY_IMAGE } from '../src/image.js';
import { TestCluster } from './helpers.js';

const readOrders: AclBinding = { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL', principal: 'User:alice', host: '*', operation: 'READ', permission: 'ALLOW' };
const writeLogs: AclBinding = { resourceType: 'TOPIC', resourceName: 'logs.', patternType: 'PREFIXED', principal: 'User:bob', host: '*', operation: 'WRITE', permission: 'ALLOW' };
const groupRead: AclBinding = { resourceType: 'GROUP', resourceName: 'billing', patternType: 'LITERAL', principal: 'User:alice', host: '*', operation: 'READ', permission: 'ALLOW' };
const any: AclBindingFilter = { resourceType: 'ANY', resourceName: null, patternType: 'ANY', principal: null, host: null, operation: 'ANY', permission: 'ANY' };

describe('ACL operations', () => {
  it('create bindings once, refuse malformed ones with a reason, and change nothing for them', () => {
    const c = new TestCluster();
    const results = c.commit(createAcls(c.image, [
      readOrders,
      readOrders,
      { ...readOrders, host: 'not-an-ip' },
      { ...readOrders, principal: 'alice' },
      { ...groupRead, operation: 'WRITE' },
      { ...readOrders, resourceType: 'CLUSTER' },
      { ...writeLogs, resourceName: '*' },
    ], c.ctx()));
    expect(results[0]).toBeNull();
    expect(results[1]).toBeNull();
    expect(results.slice(2).map((e) => e?.errorName)).toEqual(['INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_REQUEST']);
    expect(results[2]?.message).toMatch(/not an IP address/);
    expect(results[4]?.message).toMatch(/WRITE does not apply to a GROUP/);
    expect(c.image.acls.size).toBe(1);
    expect(c.commit(createAcls(c.image, [readOrders], c.ctx()))).toEqual([null]);
    expect(c.image.acls.size).toBe(1);
  });

  it('describe and delete by filter, MATCH finding every pattern that applies to a name', () => {
    const c = new TestCluster();
    c.commit(createAcls(c.image, [readOrders, writeLogs, groupRead], c.ctx()));
    expect(describeAcls(c.image, { ...any, principal: 'User:alice' })).toEqual([groupRead, readOrders]);
    expect(describeAcls(c.image, { ...any, resourceType: 'TOPIC', resourceName: 'logs.app', patternType: 'MATCH' })).toEqual([writeLogs]);
    expect(describeAcls(c.image, { ...any, resourceName: 'logs.app' })).toEqual([]);
    const deleted = c.commit(deleteAcls(c.image, [{ ...any, resourceType: 'TOPIC' }, { ...any, principal: 'User:alice' }], c.ctx()));
    expect(deleted[0]?.deleted).toHaveLength(2);
    expect(deleted[1]?.deleted).toEqual(expect.arrayContaining([readOrders, groupRead]));
    expect(c.image.acls.size).toBe(0);
  });

  it('survive a snapshot and a replay of the log, with SCRAM users', async () => {
    const c = new TestCluster();
    c.commit(createAcls(c.image, [readOrders, writeLogs], c.ctx()));
    const salt = Buffer.alloc(16, 7);
    const saltedPassword = await scramSaltedPassword('secret', salt, 4096);
    c.commit(alterUserScramCredentials(c.image, { deletions: [], upsertions: [{ name: 'alice', mechanism: 1, iterations: 4096, salt, saltedPassword }] }, c.ctx()));
    const restored = decodeSnapshot(encodeSnapshot(c.image));
    expect(restored).toEqual(c.image);
    expect(applyRecords(EMPTY_IMAGE, c.records).image).toEqual(c.image);
    expect(restored.scramCredentials.get('alice')).toEqual({ salt, iterations: 4096, ...scramKeys(saltedPassword) });
  });
});

describe('SCRAM credential operations', () => {
  const salt = Buffer.alloc(16, 1);
  const salted = Buffer.alloc(32, 2);

  it('set, describe and delete credentials, keeping only derived keys', () => {
    const c = new TestCluster();
    const set = c.commit(alterUserScramCredentials(c.image, {
      deletions: [],
      upsertions: [{ name: 'alice', mechanism: 1, iterations: 8192, salt, saltedPassword: salted }, { name: 'bob', mechanism: 1, iterations: 4096, salt, saltedPassword: salted }],
    }, c.ctx()));
    expect(set).toEqual([{ user: 'alice', error: null }, { user: 'bob', error: null }]);
    const stored = c.image.scramCredentials.get('alice')!;
    expect(stored.storedKey.equals(salted)).toBe(false);
    expect(stored.serverKey.equals(salted)).toBe(false);
    expect(describeUserScramCredentials(c.image, []).map((d) => [d.user, d.iterations])).toEqual([['alice', 8192], ['bob', 4096]]);
    expect(describeUserScramCredentials(c.image, ['carol'])[0]?.error?.errorName).toBe('RESOURCE_NOT_FOUND');
    c.commit(alterUserScramCredentials(c.image, { deletions: [{ name: 'bob', mechanism: 1 }], upsertions: [] }, c.ctx()));
    expect([...c.image.scramCredentials.keys()]).toEqual(['alice']);
  });

  it('refuse bad credentials with Kafka errors and change nothing for them', () => {
    const c = new TestCluster();
    const results = c.commit(alterUserScramCredentials(c.image, {
      deletions: [{ name: 'ghost', mechanism: 1 }, { name: 'twice', mechanism: 1 }],
      upsertions: [
        { name: 'twice', mechanism: 1, iterations: 4096, salt, saltedPassword: salted },
        { name: 'few', mechanism: 1, iterations: 1000, salt, saltedPassword: salted },
        { name: 'sha512', mechanism: 2, iterations: 4096, salt, saltedPassword: salted },
        { name: 'short', mechanism: 1, iterations: 4096, salt: Buffer.alloc(4), saltedPassword: salted },
        { name: '', mechanism: 1, iterations: 4096, salt, saltedPassword: salted },
        { name: 'ok', mechanism: 1, iterations: 4096, salt, saltedPassword: salted },
      ],
    }, c.ctx()));
    expect(results.map((r) => [r.user, r.error?.errorName ?? 'NONE'])).toEqual([
      ['ghost', 'RESOURCE_NOT_FOUND'],
      ['twice', 'DUPLICATE_RESOURCE'],
      ['few', 'UNACCEPTABLE_CREDENTIAL'],
      ['sha512', 'UNSUPPORTED_SASL_MECHANISM'],
      ['short', 'UNACCEPTABLE_CREDENTIAL'],
      ['', 'UNACCEPTABLE_CREDENTIAL'],
      ['ok', 'NONE'],
    ]);
    expect([...c.image.scramCredentials.keys()]).toEqual(['ok']);
  });
});
