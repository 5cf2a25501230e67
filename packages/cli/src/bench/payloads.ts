import { randomInt } from 'node:crypto';

const ALPHABET = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/**
 * `count` different record values of `size` random capital letters, as Kafka's
 * producer-perf-test generates them, so compressed workloads compress like text rather than
 * one value repeated (which any codec shrinks to nothing).
 */
export function payloadPool(size: number, count = 1024): Buffer[] {
  return Array.from({ length: count }, () => {
    const b = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) b[i] = ALPHABET[randomInt(ALPHABET.length)]!;
    return b;
  });
}
