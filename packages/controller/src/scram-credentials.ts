import { RunnelError, SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS, scramKeys } from '@runnel/protocol';
import type { ControllerContext, ControllerResult } from './controller-context.js';
import type { MetadataImage } from './image.js';
import { SCRAM_SHA_256_MECHANISM, type MetadataRecord } from './records.js';

export interface ScramDeletion {
  readonly name: string;
  readonly mechanism: number;
}

export interface ScramUpsertion {
  readonly name: string;
  readonly mechanism: number;
  readonly iterations: number;
  readonly salt: Buffer;
  /** Hi(password, salt, iterations): the controller keeps only StoredKey and ServerKey derived from it. */
  readonly saltedPassword: Buffer;
}

export interface ScramAlteration {
  readonly user: string;
  readonly error: RunnelError | null;
}

export interface DescribedScramUser {
  readonly user: string;
  readonly error: RunnelError | null;
  readonly iterations: number | null;
}

const SALTED_PASSWORD_BYTES = 32;
const MIN_SALT_BYTES = 16;

function checkMechanism(mechanism: number): void {
  if (mechanism !== SCRAM_SHA_256_MECHANISM) {
    throw new RunnelError('UNSUPPORTED_SASL_MECHANISM', `SCRAM mechanism ${mechanism} is not supported; use SCRAM-SHA-256 (1)`);
  }
}

/**
 * Kafka's AlterUserScramCredentials: deletions and upsertions of users' SCRAM-SHA-256
 * credentials, one result per user. A user named twice in one request is refused
 * (DUPLICATE_RESOURCE) and nothing of it changes; deleting a credential that does not exist is
 * RESOURCE_NOT_FOUND; iterations outside 4096-16384, an empty name, a salt shorter than 16 bytes
 * or a salted password that is not 32 bytes is UNACCEPTABLE_CREDENTIAL.
 */
export function alterUserScramCredentials(
  image: MetadataImage,
  request: { deletions: readonly ScramDeletion[]; upsertions: readonly ScramUpsertion[] },
  ctx: ControllerContext,
): ControllerResult<ScramAlteration[]> {
  const order: string[] = [];
  const count = new Map<string, number>();
  for (const { name } of [...request.deletions, ...request.upsertions]) {
    if (!count.has(name)) order.push(name);
    count.set(name, (count.get(name) ?? 0) + 1);
  }
  const errors = new Map<string, RunnelError>();
  const records: MetadataRecord[] = [];
  const fail = (name: string, err: unknown): void => {
    if (!(err instanceof RunnelError)) throw err;
    if (!errors.has(name)) errors.set(name, err);
  };
  for (const name of order) {
    if (count.get(name)! > 1) errors.set(name, new RunnelError('DUPLICATE_RESOURCE', `user '${name}' appears more than once in the request; alter one credential per user at a time`));
  }
  for (const d of request.deletions) {
    if (errors.has(d.name)) continue;
    try {
      checkMechanism(d.mechanism);
      if (!image.scramCredentials.has(d.name)) throw new RunnelError('RESOURCE_NOT_FOUND', `user '${d.name}' has no SCRAM-SHA-256 credential`);
      records.push({ type: 'removeUserScramCredential', name: d.name, mechanism: d.mechanism });
      ctx.log?.info({ user: d.name }, 'SCRAM credential deleted');
    } catch (err) {
      fail(d.name, err);
    }
  }
  for (const u of request.upsertions) {
    if (errors.has(u.name)) continue;
    try {
      checkMechanism(u.mechanism);
      if (u.name === '') throw new RunnelError('UNACCEPTABLE_CREDENTIAL', 'the user name must not be empty');
      if (!Number.isInteger(u.iterations) || u.iterations < SCRAM_MIN_ITERATIONS || u.iterations > SCRAM_MAX_ITERATIONS) {
        throw new RunnelError('UNACCEPTABLE_CREDENTIAL', `user '${u.name}': iterations must be from ${SCRAM_MIN_ITERATIONS} to ${SCRAM_MAX_ITERATIONS}, got ${u.iterations}`);
      }
      if (u.salt.length < MIN_SALT_BYTES) throw new RunnelError('UNACCEPTABLE_CREDENTIAL', `user '${u.name}': the salt must be at least ${MIN_SALT_BYTES} bytes, got ${u.salt.length}`);
      if (u.saltedPassword.length !== SALTED_PASSWORD_BYTES) {
        throw new RunnelError('UNACCEPTABLE_CREDENTIAL', `user '${u.name}': the salted password must be ${SALTED_PASSWORD_BYTES} bytes (PBKDF2-HMAC-SHA-256), got ${u.saltedPassword.length}`);
      }
      const { storedKey, serverKey } = scramKeys(u.saltedPassword);
      records.push({ type: 'userScramCredential', name: u.name, mechanism: u.mechanism, salt: Buffer.from(u.salt), storedKey, serverKey, iterations: u.iterations });
      ctx.log?.info({ user: u.name, iterations: u.iterations }, 'SCRAM credential set');
    } catch (err) {
      fail(u.name, err);
    }
  }
  return { records, response: order.map((user) => ({ user, error: errors.get(user) ?? null })) };
}

/** Kafka's DescribeUserScramCredentials: the named users (RESOURCE_NOT_FOUND for unknown ones), or all, by name. */
export function describeUserScramCredentials(image: MetadataImage, users: readonly string[]): DescribedScramUser[] {
  const names = users.length > 0 ? [...new Set(users)] : [...image.scramCredentials.keys()].sort();
  return names.map((user) => {
    const c = image.scramCredentials.get(user);
    return c
      ? { user, error: null, iterations: c.iterations }
      : { user, error: new RunnelError('RESOURCE_NOT_FOUND', `user '${user}' has no SCRAM credential`), iterations: null };
  });
}
