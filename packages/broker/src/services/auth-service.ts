import type { Logger } from 'pino';
import { RunnelError, SCRAM_SHA_256, ScramServer, userPrincipal, type HandlersOf, type pb, type ScramCredential } from '@runnel/protocol';
import type { Authenticator } from '@runnel/controller';

export interface AuthServiceDeps {
  /** Issues session tokens and picks decoy salts; null when the cluster has no inter.node.secret. */
  authenticator: Authenticator | null;
  /** The SCRAM credentials of this broker's metadata image. */
  credentials: () => ReadonlyMap<string, ScramCredential>;
  /** Resolves once this broker's metadata has caught up (before that it may not know a user yet). */
  caughtUp: Promise<void>;
  logger: Logger;
}

function failure(err: unknown): pb.SaslAuthenticateResponse {
  const e = err instanceof RunnelError ? err : new RunnelError('SASL_AUTHENTICATION_FAILED', String(err));
  return { errorCode: e.code, errorMessage: e.message };
}

/**
 * The Auth service: a SCRAM-SHA-256 exchange on one stream (see auth.proto), ending in a session
 * token every broker accepts. Every failure is answered on the stream, which then ends; the
 * client learns nothing about whether the user exists. A broker still catching up on metadata
 * (just started) holds the exchange until it has, rather than refuse a user it does not know yet.
 */
export function authHandlers(deps: AuthServiceDeps): HandlersOf<'Auth'> {
  return {
    SaslAuthenticate: (call) => {
      const authenticator = deps.authenticator;
      let server: ScramServer | null = null;
      let over = false;
      const finish = (answer: pb.SaslAuthenticateResponse): void => {
        over = true;
        call.write(answer);
        call.end();
      };
      let turn = deps.caughtUp;
      call.on('data', (req: pb.SaslAuthenticateRequest__Output) => {
        turn = turn.then(() => step(req));
      });
      const step = (req: pb.SaslAuthenticateRequest__Output): void => {
        if (over) return;
        try {
          if (!authenticator) {
            throw new RunnelError('ILLEGAL_SASL_STATE', 'this cluster does not authenticate clients (no listener is SASL_PLAINTEXT); connect with security.protocol=PLAINTEXT');
          }
          if (!server) {
            if (req.mechanism !== SCRAM_SHA_256) {
              throw new RunnelError('UNSUPPORTED_SASL_MECHANISM', `SASL mechanism '${req.mechanism}' is not enabled; use ${SCRAM_SHA_256}`);
            }
            const credentials = deps.credentials();
            server = new ScramServer((user) => credentials.get(user), authenticator.decoySalt);
            call.write({ errorCode: 0, authBytes: Buffer.from(server.first(req.authBytes.toString('utf8'))) });
            return;
          }
          const { serverFinal, username, credential } = server.final(req.authBytes.toString('utf8'));
          const session = authenticator.issueSession(username, credential);
          const principal = userPrincipal(username);
          deps.logger.info({ principal, peer: call.getPeer() }, 'client authenticated');
          finish({ errorCode: 0, authBytes: Buffer.from(serverFinal), sessionToken: session.token, sessionLifetimeMs: session.lifetimeMs, principal });
        } catch (err) {
          deps.logger.info({ peer: call.getPeer(), err: String(err) }, 'SASL authentication failed');
          finish(failure(err));
        }
      };
      call.on('end', () => {
        if (!over) {
          over = true;
          call.end();
        }
      });
      call.on('error', () => {
        over = true;
      });
      call.on('cancelled', () => {
        over = true;
      });
    },
  };
}
