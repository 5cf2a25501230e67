import type * as grpc from '@grpc/grpc-js';
import {
  RunnelError, SCRAM_SHA_256, ScramClient, bearerInterceptor, createClient, fromServiceError,
  type ClientOf, type ClientOptions, type pb,
} from '@runnel/protocol';
import type { ClientLogger } from './logger.js';
import type { SecurityConfig } from './security-config.js';

/** How a client proves who it is: a SCRAM login, or a token it holds. */
export type SaslCredentials =
  | { readonly mechanism: 'SCRAM-SHA-256'; readonly username: string; readonly password: string }
  | { readonly mechanism: 'OAUTHBEARER'; readonly token: () => string | Promise<string> };

/** The credentials to log in with, or null for PLAINTEXT and SSL; INVALID_CONFIG for settings that do not fit together. */
export function resolveSecurity(config: SecurityConfig): SaslCredentials | null {
  const protocol = config.securityProtocol ?? 'PLAINTEXT';
  const given = [config.saslUsername, config.saslPassword, config.saslOauthBearerToken].some((x) => x !== undefined);
  if (protocol === 'PLAINTEXT' || protocol === 'SSL') {
    const sasl = protocol === 'PLAINTEXT' ? 'SASL_PLAINTEXT' : 'SASL_SSL';
    if (given) throw new RunnelError('INVALID_CONFIG', `SASL credentials are set but securityProtocol (security.protocol) is ${protocol}: set securityProtocol: '${sasl}'`);
    return null;
  }
  if (protocol !== 'SASL_PLAINTEXT' && protocol !== 'SASL_SSL') {
    throw new RunnelError('INVALID_CONFIG', `securityProtocol (security.protocol) must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got ${JSON.stringify(protocol)}`);
  }
  const mechanism = config.saslMechanism ?? SCRAM_SHA_256;
  if (mechanism === 'OAUTHBEARER') {
    if (typeof config.saslOauthBearerToken !== 'function') throw new RunnelError('INVALID_CONFIG', 'saslMechanism OAUTHBEARER needs saslOauthBearerToken, a function giving the token');
    return { mechanism, token: config.saslOauthBearerToken };
  }
  if (mechanism !== SCRAM_SHA_256) throw new RunnelError('INVALID_CONFIG', `saslMechanism (sasl.mechanism) must be ${SCRAM_SHA_256} or OAUTHBEARER, got ${JSON.stringify(mechanism)}`);
  if (typeof config.saslUsername !== 'string' || config.saslUsername === '' || typeof config.saslPassword !== 'string') {
    throw new RunnelError('INVALID_CONFIG', 'saslMechanism SCRAM-SHA-256 needs saslUsername and saslPassword');
  }
  return { mechanism, username: config.saslUsername, password: config.saslPassword };
}

/** The client options that make a client's calls authenticated with `credentials`, and what to close with the client. */
export function authenticatedClientOptions(
  credentials: SaslCredentials | null,
  /** TLS to the brokers (SASL_SSL), for the login exchange too. */
  tls: grpc.ChannelCredentials | undefined,
  addresses: () => string[],
  timeoutMs: number,
  logger: ClientLogger,
): { clientOptions: ClientOptions; session: SaslSession | null } {
  if (!credentials) return { clientOptions: {}, session: null };
  if (credentials.mechanism === 'OAUTHBEARER') return { clientOptions: { interceptors: [bearerInterceptor(credentials.token)] }, session: null };
  const session = new SaslSession(credentials, tls, addresses, timeoutMs, logger);
  return { clientOptions: session.clientOptions, session };
}

/** Renew a session once this share of its lifetime has passed. */
const RENEW_AT = 0.8;
/** The longest one SASL exchange with one broker may take before the next broker is tried. */
const EXCHANGE_TIMEOUT_MS = 5_000;

interface Session {
  readonly token: string;
  readonly renewAtMs: number;
  readonly expiresAtMs: number;
}

/**
 * One client's authenticated session with the cluster. The first call authenticates with a
 * SCRAM-SHA-256 exchange on any reachable broker and gets a session token, which every call to
 * every broker then carries (`authorization: Bearer`); once 80% of its lifetime has passed the
 * next call authenticates again in the background, and a call finding the token expired waits for
 * a new one. A wrong password fails the calls with SASL_AUTHENTICATION_FAILED. A broker refusing
 * the token (the user's password was changed, the cluster's secret rotated) drops it, so the
 * next call authenticates afresh.
 */
export class SaslSession {
  private session: Session | null = null;
  private pending: Promise<Session> | null = null;
  private readonly clients = new Map<string, ClientOf<'Auth'>>();
  private closed = false;

  constructor(
    private readonly credentials: { readonly username: string; readonly password: string },
    private readonly tls: grpc.ChannelCredentials | undefined,
    /** Brokers to authenticate with, in the order to try them. */
    private readonly addresses: () => string[],
    private readonly timeoutMs: number,
    private readonly logger: ClientLogger,
  ) {}

  /** Client options that make every call carry this session's token. */
  get clientOptions(): ClientOptions {
    return { interceptors: [this.interceptor] };
  }

  /** The current token, authenticating first when there is none or it has expired. */
  async token(): Promise<string> {
    const now = Date.now();
    const s = this.session;
    if (s && now < s.expiresAtMs) {
      if (now >= s.renewAtMs) this.renew().catch((err: unknown) => this.logger.warn({ err: String(err) }, 'renewing the SASL session failed'));
      return s.token;
    }
    return (await this.renew()).token;
  }

  close(): void {
    this.closed = true;
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private readonly interceptor = bearerInterceptor(
    () => this.token(),
    (refused) => {
      if (this.session?.token === refused) this.session = null;
    },
  );

  private renew(): Promise<Session> {
    this.pending ??= this.authenticate().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** One SCRAM exchange with the first broker that answers. */
  private async authenticate(): Promise<Session> {
    if (this.closed) throw new RunnelError('NETWORK_EXCEPTION', 'the client is closed');
    let last: RunnelError | undefined;
    for (const address of this.addresses()) {
      try {
        const session = await this.exchange(address);
        this.session = session;
        return session;
      } catch (err) {
        const e = fromServiceError(err);
        if (e.errorName !== 'NETWORK_EXCEPTION' && e.errorName !== 'REQUEST_TIMED_OUT') throw e;
        last = e;
      }
    }
    throw new RunnelError('NETWORK_EXCEPTION', `no broker answered the SASL authentication (tried ${this.addresses().join(', ')}): ${last?.message ?? ''}`, { cause: last });
  }

  private async exchange(address: string): Promise<Session> {
    let client = this.clients.get(address);
    if (!client) this.clients.set(address, (client = createClient('Auth', address, { credentials: this.tls })));
    const scram = new ScramClient(this.credentials.username, this.credentials.password);
    // A broker that has just started holds the exchange until it has caught up on metadata: do
    // not wait on one for long when another could answer.
    const stream = client.saslAuthenticate({ deadline: Date.now() + Math.min(this.timeoutMs, EXCHANGE_TIMEOUT_MS) });
    const answers: pb.SaslAuthenticateResponse__Output[] = [];
    const waiters: { resolve: (r: pb.SaslAuthenticateResponse__Output) => void; reject: (e: unknown) => void }[] = [];
    let failure: unknown = null;
    stream.on('data', (r: pb.SaslAuthenticateResponse__Output) => {
      const w = waiters.shift();
      if (w) w.resolve(r);
      else answers.push(r);
    });
    stream.on('error', (err: unknown) => {
      failure = err;
      for (const w of waiters.splice(0)) w.reject(err);
    });
    stream.on('end', () => {
      failure ??= new RunnelError('NETWORK_EXCEPTION', `broker ${address} ended the SASL exchange early`);
      for (const w of waiters.splice(0)) w.reject(failure);
    });
    const next = (): Promise<pb.SaslAuthenticateResponse__Output> => {
      const ready = answers.shift();
      if (ready) return Promise.resolve(ready);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject })).then((r) => r as pb.SaslAuthenticateResponse__Output);
    };
    const checked = (r: pb.SaslAuthenticateResponse__Output): pb.SaslAuthenticateResponse__Output => {
      if (r.errorCode !== 0) throw RunnelError.fromCode(r.errorCode, r.errorMessage);
      return r;
    };
    try {
      stream.write({ mechanism: SCRAM_SHA_256, authBytes: Buffer.from(scram.firstMessage()) });
      const serverFirst = checked(await next());
      stream.write({ authBytes: Buffer.from(await scram.finalMessage(serverFirst.authBytes.toString())) });
      const done = checked(await next());
      scram.checkServerFinal(done.authBytes.toString());
      const now = Date.now();
      this.logger.info({ principal: done.principal, broker: address, lifetimeMs: done.sessionLifetimeMs }, 'SASL authentication succeeded');
      return { token: done.sessionToken, renewAtMs: now + done.sessionLifetimeMs * RENEW_AT, expiresAtMs: now + done.sessionLifetimeMs };
    } finally {
      stream.end();
    }
  }
}
