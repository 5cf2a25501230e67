import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { RunnelError } from '../errors.js';

/**
 * Bearer tokens: compact JWS (HS256 JWTs). Two kinds, each signed with its own key derived from
 * the cluster's inter.node.secret, so every node can check any token without asking anyone:
 * session tokens a broker hands a client after a SASL exchange (issuer runnel-session, subject the
 * user name, `cv` naming the credential it was issued for), and node tokens each node mints for
 * its own calls to other nodes (issuer runnel-node, subject the node id).
 */
export type TokenKind = 'session' | 'node';

export const TOKEN_ISSUERS: Readonly<Record<TokenKind, string>> = { session: 'runnel-session', node: 'runnel-node' };

/** Shortest inter.node.secret accepted: 32 characters. */
export const MIN_SECRET_LENGTH = 32;

export interface TokenClaims {
  readonly iss: string;
  readonly sub: string;
  /** Issued at / expires at, in seconds since the epoch (JWT NumericDate). */
  readonly iat: number;
  readonly exp: number;
  /** Session tokens: the fingerprint of the credential the session was opened with. */
  readonly cv?: string;
}

export interface TokenKeys {
  readonly session: Buffer;
  readonly node: Buffer;
}

/** The signing keys of both token kinds (HKDF-SHA-256 of the secret, one label per kind). */
export function deriveTokenKeys(secret: string): TokenKeys {
  const derive = (kind: TokenKind): Buffer => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'runnel', `${TOKEN_ISSUERS[kind]} signing key`, 32));
  return { session: derive('session'), node: derive('node') };
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(key: Buffer, signed: string): Buffer {
  return createHmac('sha256', key).update(signed).digest();
}

export function signToken(key: Buffer, claims: TokenClaims): string {
  const signed = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${signature(key, signed).toString('base64url')}`;
}

function refused(why: string): RunnelError {
  return new RunnelError('SASL_AUTHENTICATION_FAILED', `the bearer token ${why}; authenticate again`);
}

/** The issuer a token claims, without checking anything (to pick the key to check it with). */
export function tokenIssuer(token: string): string | undefined {
  const payload = token.split('.')[1];
  try {
    const iss = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss : undefined;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of a token signed with `key` and not expired at `nowMs`; SASL_AUTHENTICATION_FAILED
 * saying why otherwise (malformed, wrong signature, expired).
 */
export function verifyToken(key: Buffer, token: string, nowMs: number): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw refused('is not an HS256 JWT');
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = signature(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused('has an invalid signature');
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw refused('has an unreadable payload');
  }
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.iss !== 'string') throw refused('lacks sub, iss or exp');
  if (claims.exp * 1000 <= nowMs) throw refused(`expired at ${new Date(claims.exp * 1000).toISOString()}`);
  return claims;
}

/**
 * The token a node sends on its calls to other nodes: minted by itself, renewed once half its
 * lifetime has passed.
 */
export class NodeTokenSource {
  private token = '';
  private renewAtMs = 0;

  constructor(
    private readonly keys: TokenKeys,
    private readonly nodeId: number,
    private readonly lifetimeMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  current(): string {
    const now = this.now();
    if (now >= this.renewAtMs) {
      const iat = Math.floor(now / 1000);
      this.token = signToken(this.keys.node, { iss: TOKEN_ISSUERS.node, sub: String(this.nodeId), iat, exp: iat + Math.ceil(this.lifetimeMs / 1000) });
      this.renewAtMs = now + this.lifetimeMs / 2;
    }
    return this.token;
  }
}
