import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { RunnelError } from '../errors.js';

/**
 * SCRAM-SHA-256 (RFC 5802 with the hash of RFC 7677), without channel binding, for both ends of
 * the exchange. The server keeps only StoredKey and ServerKey: it can check a client's proof and
 * prove itself, but holds nothing a client could log in with.
 */
export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
/** Kafka's bounds on SCRAM-SHA-256 iterations. */
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_MAX_ITERATIONS = 16384;
const KEY_BYTES = 32;

/** What the server stores per user. */
export interface ScramCredential {
  readonly salt: Buffer;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
  readonly iterations: number;
}

function hmac(key: Buffer, text: string | Buffer): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Hi(password, salt, i): PBKDF2-HMAC-SHA-256, off the event loop. */
export function scramSaltedPassword(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, KEY_BYTES, 'sha256', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** StoredKey and ServerKey from a salted password. */
export function scramKeys(saltedPassword: Buffer): { storedKey: Buffer; serverKey: Buffer } {
  return { storedKey: sha256(hmac(saltedPassword, 'Client Key')), serverKey: hmac(saltedPassword, 'Server Key') };
}

/** A fresh nonce: printable, without commas (base64). */
export function scramNonce(): string {
  return randomBytes(24).toString('base64');
}

function failed(why: string): RunnelError {
  return new RunnelError('SASL_AUTHENTICATION_FAILED', `Authentication failed during authentication due to ${why} with SASL mechanism ${SCRAM_SHA_256}`);
}

function malformed(what: string): RunnelError {
  return new RunnelError('SASL_AUTHENTICATION_FAILED', `malformed SCRAM message: ${what}`);
}

/** saslname escaping of RFC 5802: '=' and ',' are written =3D and =2C. */
function encodeName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function decodeName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw malformed(`username '${name}' has an '=' that is not =2C or =3D`);
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** `a=x,b=y` attributes in order; a duplicate or a part that is not k=v is malformed. */
function attributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    if (!/^[A-Za-z]=/.test(part)) throw malformed(`'${part}' is not an attribute=value pair`);
    const key = part[0]!;
    if (out.has(key)) throw malformed(`attribute ${key} appears twice`);
    out.set(key, part.slice(2));
  }
  return out;
}

function required(attrs: Map<string, string>, key: string, what: string): string {
  const v = attrs.get(key);
  if (v === undefined || v === '') throw malformed(`${what} (${key}=) is missing`);
  return v;
}

function base64(text: string, what: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw malformed(`${what} is not base64`);
  return Buffer.from(text, 'base64');
}

/** The client's side: firstMessage(), then finalMessage(serverFirst), then checkServerFinal(serverFinal). */
export class ScramClient {
  private readonly bare: string;
  private serverSignature: Buffer | null = null;

  constructor(
    username: string,
    private readonly password: string,
    private readonly nonce: string = scramNonce(),
  ) {
    this.bare = `n=${encodeName(username)},r=${nonce}`;
  }

  firstMessage(): string {
    return `n,,${this.bare}`;
  }

  async finalMessage(serverFirst: string): Promise<string> {
    const attrs = attributes(serverFirst);
    if (attrs.has('e')) throw failed(`the server refusing the exchange (${attrs.get('e')})`);
    const nonce = required(attrs, 'r', 'the nonce');
    if (!nonce.startsWith(this.nonce) || nonce.length === this.nonce.length) throw malformed('the server nonce does not extend the client nonce');
    const salt = base64(required(attrs, 's', 'the salt'), 'the salt');
    const iterations = Number(required(attrs, 'i', 'the iteration count'));
    if (!Number.isInteger(iterations) || iterations < SCRAM_MIN_ITERATIONS) {
      throw malformed(`the server asks for ${attrs.get('i')} iterations, below the minimum ${SCRAM_MIN_ITERATIONS}`);
    }
    const salted = await scramSaltedPassword(this.password, salt, iterations);
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.bare},${serverFirst},${withoutProof}`;
    const clientKey = hmac(salted, 'Client Key');
    const proof = xor(clientKey, hmac(sha256(clientKey), authMessage));
    this.serverSignature = hmac(hmac(salted, 'Server Key'), authMessage);
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** The server proved it knows the user's ServerKey; SASL_AUTHENTICATION_FAILED when it did not. */
  checkServerFinal(serverFinal: string): void {
    const attrs = attributes(serverFinal);
    if (attrs.has('e')) throw failed(`invalid credentials (${attrs.get('e')})`);
    const v = base64(required(attrs, 'v', 'the server signature'), 'the server signature');
    if (!this.serverSignature || v.length !== this.serverSignature.length || !timingSafeEqual(v, this.serverSignature)) {
      throw failed('a server signature that does not match (the server does not know this user\'s credential)');
    }
  }
}

/**
 * The server's side: first(clientFirst) answers the server-first message, final(clientFinal)
 * checks the proof and answers the server-final message with the authenticated user name.
 * `lookup` finds a user's credential; for an unknown user the exchange carries on with a decoy
 * salt from `decoySalt` and fails at the proof, exactly as a wrong password does.
 */
export class ScramServer {
  private state: { bare: string; serverFirst: string; nonce: string; username: string; credential: ScramCredential | null } | null = null;
  private done = false;

  constructor(
    private readonly lookup: (username: string) => ScramCredential | undefined,
    private readonly decoySalt: (username: string) => Buffer,
    private readonly serverNonce: string = scramNonce(),
  ) {}

  first(clientFirst: string): string {
    if (this.state || this.done) throw new RunnelError('ILLEGAL_SASL_STATE', 'the SCRAM exchange has already started');
    const match = /^([ny]),(a=[^,]*)?,(.*)$/.exec(clientFirst);
    if (!match) throw malformed('the client-first message does not start with a gs2 header (n,, or y,,); channel binding is not supported');
    const bare = match[3]!;
    const attrs = attributes(bare);
    if (attrs.has('m')) throw malformed('mandatory extensions (m=) are not supported');
    const username = decodeName(required(attrs, 'n', 'the username'));
    const authzid = match[2] ? decodeName(match[2].slice(2)) : '';
    if (authzid !== '' && authzid !== username) throw failed(`an authorization id '${authzid}' other than the user`);
    const clientNonce = required(attrs, 'r', 'the nonce');
    const credential = this.lookup(username) ?? null;
    const nonce = clientNonce + this.serverNonce;
    const salt = credential?.salt ?? this.decoySalt(username);
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${credential?.iterations ?? SCRAM_MIN_ITERATIONS}`;
    this.state = { bare, serverFirst, nonce, username, credential };
    return serverFirst;
  }

  /** The server-final message, and the user and credential the client proved it holds. */
  final(clientFinal: string): { serverFinal: string; username: string; credential: ScramCredential } {
    const state = this.state;
    if (!state || this.done) throw new RunnelError('ILLEGAL_SASL_STATE', 'the client-final message came before the client-first message');
    this.done = true;
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw malformed('the client proof (p=) is missing');
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    const binding = base64(required(attrs, 'c', 'the channel binding'), 'the channel binding').toString();
    if (!/^[ny],(a=[^,]*)?,$/.test(binding)) throw malformed('channel binding is not supported');
    if (required(attrs, 'r', 'the nonce') !== state.nonce) throw malformed('the nonce does not match the one the server sent');
    const proof = base64(clientFinal.slice(proofAt + 3), 'the client proof');
    const credential = state.credential;
    if (!credential || proof.length !== credential.storedKey.length) throw failed('invalid credentials');
    const authMessage = `${state.bare},${state.serverFirst},${withoutProof}`;
    const clientKey = xor(proof, hmac(credential.storedKey, authMessage));
    if (!timingSafeEqual(sha256(clientKey), credential.storedKey)) throw failed('invalid credentials');
    return { serverFinal: `v=${hmac(credential.serverKey, authMessage).toString('base64')}`, username: state.username, credential };
  }
}
