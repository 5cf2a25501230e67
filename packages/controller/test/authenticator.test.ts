import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { NodeTokenSource, deriveTokenKeys, scramKeys, type IncomingCall, type ScramCredential } from '@runnel/protocol';
import { Authenticator } from '../src/auth/authenticator.js';

const keys = deriveTokenKeys('authenticator-test-secret-of-32-characters');

function call(token: string | null): IncomingCall {
  const metadata = new grpc.Metadata();
  if (token !== null) metadata.set('authorization', `Bearer ${token}`);
  return { metadata, getPeer: () => '127.0.0.1:5000', getAuthContext: () => ({}) } as unknown as IncomingCall;
}

function credential(fill: number): ScramCredential {
  return { salt: Buffer.alloc(16, fill), iterations: 4096, ...scramKeys(Buffer.alloc(32, fill)) };
}

describe('the authenticator', () => {
  it('knows nodes by their node tokens and users by their session tokens', () => {
    const credentials = new Map([['alice', credential(1)]]);
    const auth = new Authenticator({ keys, credentials: () => credentials, sessionLifetimeMs: 60_000 });
    expect(auth.authenticate(call(new NodeTokenSource(keys, 2).current()))).toBe('Node:2');
    const { token, lifetimeMs } = auth.issueSession('alice', credentials.get('alice')!);
    expect(lifetimeMs).toBe(60_000);
    expect(auth.authenticate(call(token))).toBe('User:alice');
    expect(auth.authenticate(call(token))).toBe('User:alice');
  });

  it('refuses calls without a token, with another cluster\'s token, or after the session expired', () => {
    let now = Date.now();
    const credentials = new Map([['alice', credential(1)]]);
    const auth = new Authenticator({ keys, credentials: () => credentials, sessionLifetimeMs: 10_000, now: () => now });
    expect(() => auth.authenticate(call(null))).toThrow(/SASL_PLAINTEXT: authenticate first/);
    expect(() => auth.authenticate(call(new NodeTokenSource(deriveTokenKeys('another-secret-of-at-least-32-characters'), 1).current()))).toThrow(/invalid signature/);
    const { token } = auth.issueSession('alice', credentials.get('alice')!);
    expect(auth.authenticate(call(token))).toBe('User:alice');
    now += 11_000;
    expect(() => auth.authenticate(call(token))).toThrow(/expired/);
  });

  it('ends a session once its user is removed or has a new password', () => {
    let credentials = new Map([['alice', credential(1)]]);
    const auth = new Authenticator({ keys, credentials: () => credentials, sessionLifetimeMs: 60_000 });
    const { token } = auth.issueSession('alice', credentials.get('alice')!);
    expect(auth.authenticate(call(token))).toBe('User:alice');
    credentials = new Map([['alice', credential(2)]]);
    expect(() => auth.authenticate(call(token))).toThrow(/credential was changed or removed/);
    credentials = new Map();
    expect(() => auth.authenticate(call(token))).toThrow(/credential was changed or removed/);
    expect(auth.decoySalt('mallory')).toEqual(auth.decoySalt('mallory'));
    expect(auth.decoySalt('mallory')).not.toEqual(auth.decoySalt('trudy'));
  });
});
