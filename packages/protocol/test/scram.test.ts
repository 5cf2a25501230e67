import { describe, expect, it } from 'vitest';
import { ScramClient, ScramServer, isRunnelError, scramKeys, scramSaltedPassword, type ScramCredential } from '../src/index.js';

// RFC 7677, section 3: user "user", password "pencil".
const CLIENT_NONCE = 'rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');

async function credential(password: string, salt = SALT, iterations = 4096): Promise<ScramCredential> {
  return { salt, iterations, ...scramKeys(await scramSaltedPassword(password, salt, iterations)) };
}

describe('SCRAM-SHA-256', () => {
  it('produces the messages of RFC 7677 for its example exchange', async () => {
    const stored = await credential('pencil');
    const client = new ScramClient('user', 'pencil', CLIENT_NONCE);
    const server = new ScramServer((u) => (u === 'user' ? stored : undefined), () => Buffer.alloc(16), SERVER_NONCE);
    expect(client.firstMessage()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst = server.first(client.firstMessage());
    expect(serverFirst).toBe('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    const clientFinal = await client.finalMessage(serverFirst);
    expect(clientFinal).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    const { serverFinal, username } = server.final(clientFinal);
    expect(serverFinal).toBe('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    expect(username).toBe('user');
    expect(() => client.checkServerFinal(serverFinal)).not.toThrow();
  });

  it('refuses a wrong password, and an unknown user the same way', async () => {
    const stored = await credential('right');
    const lookup = (u: string): ScramCredential | undefined => (u === 'alice' ? stored : undefined);
    for (const [user, password] of [['alice', 'wrong'], ['mallory', 'anything']] as const) {
      const client = new ScramClient(user, password);
      const server = new ScramServer(lookup, (u) => Buffer.from(`decoy-${u}`.padEnd(16, '.')));
      const serverFirst = server.first(client.firstMessage());
      expect(serverFirst).toMatch(/,i=4096$/);
      let error: unknown;
      try {
        server.final(await client.finalMessage(serverFirst));
      } catch (err) {
        error = err;
      }
      expect(isRunnelError(error, 'SASL_AUTHENTICATION_FAILED')).toBe(true);
      expect((error as Error).message).toContain('invalid credentials');
    }
  });

  it('escapes user names with = and , and refuses a server that does not know the credential', async () => {
    const stored = await credential('pw');
    const server = new ScramServer((u) => (u === 'a=b,c' ? stored : undefined), () => Buffer.alloc(16));
    const client = new ScramClient('a=b,c', 'pw');
    expect(client.firstMessage()).toContain('n=a=3Db=2Cc,');
    const { username } = server.final(await client.finalMessage(server.first(client.firstMessage())));
    expect(username).toBe('a=b,c');
    expect(() => client.checkServerFinal('v=AAAA')).toThrow(/server signature/);
  });

  it('refuses malformed messages and messages out of order', async () => {
    const server = new ScramServer(() => undefined, () => Buffer.alloc(16));
    expect(() => server.final('c=biws,r=x,p=AAAA')).toThrow(/before the client-first/);
    expect(() => server.first('p=tls-unique,,n=u,r=x')).toThrow(/channel binding is not supported/);
    expect(() => server.first('n,,n=u')).toThrow(/nonce/);
    const client = new ScramClient('u', 'p', 'abc');
    await expect(client.finalMessage('r=abcdef,s=AAAA,i=1000')).rejects.toThrow(/below the minimum 4096/);
    await expect(client.finalMessage('r=zzz,s=AAAA,i=4096')).rejects.toThrow(/does not extend/);
  });
});
