import { RunnelError } from '@runnel/protocol';
import type { RandomSource } from './random.js';

/**
 * A Kafka Uuid (topic ids, incarnation ids) in its string form: 16 bytes as unpadded base64url,
 * 22 characters, exactly what Kafka tools print.
 */
export type Uuid = string;

export const UUID_BYTES = 16;
/** Kafka reserves the all-zero id ("no id") and 0...01 (the metadata topic). */
export const ZERO_UUID: Uuid = uuidFromBytes(Buffer.alloc(UUID_BYTES));
export const METADATA_TOPIC_ID: Uuid = uuidFromBytes(Buffer.from('00000000000000000000000000000001', 'hex'));

export function uuidFromBytes(bytes: Uint8Array): Uuid {
  if (bytes.length !== UUID_BYTES) {
    throw new RunnelError('INVALID_REQUEST', `a Uuid is ${UUID_BYTES} bytes, got ${bytes.length}`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
}

export function uuidToBytes(id: Uuid): Buffer {
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length !== UUID_BYTES || bytes.toString('base64url') !== id) {
    throw new RunnelError('INVALID_REQUEST', `'${id}' is not a Uuid (22 characters of base64url)`);
  }
  return bytes;
}

/** A random Uuid that is neither reserved nor starts with '-' (which would read as a CLI flag). */
export function randomUuid(random: RandomSource): Uuid {
  for (;;) {
    const id = uuidFromBytes(random.nextBytes(UUID_BYTES));
    if (id !== ZERO_UUID && id !== METADATA_TOPIC_ID && !id.startsWith('-')) return id;
  }
}
