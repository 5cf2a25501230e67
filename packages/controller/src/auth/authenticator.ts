import { createHash, createHmac } from 'node:crypto';
import {
  RunnelError, TOKEN_ISSUERS, bearerToken, nodePrincipal, signToken, tokenIssuer, userPrincipal, verifyToken,
  type IncomingCall, type Principal, type ScramCredential, type TokenKeys,
} from '@runnel/protocol';

export interface AuthenticatorOptions {
  /** The token keys derived from inter.node.secret. */
  keys: TokenKeys;
  /** The users' SCRAM credentials of the current metadata image. */
  credentials: () => ReadonlyMap<string, ScramCredential>;
  /** How long a session token stays valid (sasl.session.lifetime.ms). */
  sessionLifetimeMs: number;
  now?: () => number;
}

/** Verified tokens remembered at most; a full cache starts over. */
const MAX_CACHED = 10_000;

interface Verified {
  readonly principal: Principal;
  readonly expiresAtMs: number;
  /** Session tokens: the user and the credential fingerprint the session was opened with. */
  readonly user?: string;
  readonly cv?: string;
}

const fingerprints = new WeakMap<ScramCredential, string>();

/** A short, stable name for one credential: a session opened with it ends when it is replaced or removed. */
export function credentialFingerprint(credential: ScramCredential): string {
  let f = fingerprints.get(credential);
  if (f === undefined) {
    f = createHash('sha256').update(credential.storedKey).digest().subarray(0, 12).toString('base64url');
    fingerprints.set(credential, f);
  }
  return f;
}

/**
 * Who a call on a SASL listener comes from: the `authorization: Bearer` token must be a session
 * token (User:<name>) whose user still has the credential it was issued for, or a node token
 * (Node:<id>). Anything else is refused with SASL_AUTHENTICATION_FAILED. Tokens already checked
 * are remembered until they expire, so a call costs a map lookup; the credential check runs on
 * every call, so removing a user or changing its password refuses its new calls at once.
 */
export class Authenticator {
  private readonly verified = new Map<string, Verified>();
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  authenticate = (call: IncomingCall): Principal => {
    const token = bearerToken(call.metadata);
    if (token === null) {
      throw new RunnelError(
        'SASL_AUTHENTICATION_FAILED',
        'this listener is SASL_PLAINTEXT: authenticate first (security.protocol=SASL_PLAINTEXT, sasl.mechanism=SCRAM-SHA-256, sasl.username, sasl.password)',
      );
    }
    const now = this.now();
    let v = this.verified.get(token);
    if (v === undefined || v.expiresAtMs <= now) {
      v = this.verify(token, now);
      if (this.verified.size >= MAX_CACHED) this.verified.clear();
      this.verified.set(token, v);
    }
    if (v.user !== undefined) {
      const credential = this.options.credentials().get(v.user);
      if (!credential || credentialFingerprint(credential) !== v.cv) {
        throw new RunnelError('SASL_AUTHENTICATION_FAILED', `the session of user '${v.user}' ended: its credential was changed or removed; authenticate again`);
      }
    }
    return v.principal;
  };

  /** A session token for `user`, who just proved it holds `credential`. */
  issueSession(user: string, credential: ScramCredential): { token: string; lifetimeMs: number } {
    const iat = Math.floor(this.now() / 1000);
    const lifetimeS = Math.max(1, Math.floor(this.options.sessionLifetimeMs / 1000));
    const token = signToken(this.options.keys.session, { iss: TOKEN_ISSUERS.session, sub: user, iat, exp: iat + lifetimeS, cv: credentialFingerprint(credential) });
    return { token, lifetimeMs: lifetimeS * 1000 };
  }

  /**
   * The salt to answer an unknown user with, the same on every broker and every attempt, so an
   * exchange does not reveal whether a user exists.
   */
  decoySalt = (user: string): Buffer => createHmac('sha256', this.options.keys.session).update(`decoy salt for ${user}`).digest().subarray(0, 16);

  private verify(token: string, now: number): Verified {
    const issuer = tokenIssuer(token);
    if (issuer === TOKEN_ISSUERS.node) {
      const claims = verifyToken(this.options.keys.node, token, now);
      if (!/^\d+$/.test(claims.sub)) throw new RunnelError('SASL_AUTHENTICATION_FAILED', `a node token names node '${claims.sub}'`);
      return { principal: nodePrincipal(Number(claims.sub)), expiresAtMs: claims.exp * 1000 };
    }
    if (issuer === TOKEN_ISSUERS.session) {
      const claims = verifyToken(this.options.keys.session, token, now);
      return { principal: userPrincipal(claims.sub), expiresAtMs: claims.exp * 1000, user: claims.sub, cv: claims.cv ?? '' };
    }
    throw new RunnelError('SASL_AUTHENTICATION_FAILED', 'the bearer token was not issued by this cluster; authenticate again');
  }
}
