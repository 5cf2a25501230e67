import { RunnelError } from '@runnel/protocol';

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic name rules; a bad name gives INVALID_TOPIC_EXCEPTION saying what is wrong. */
export function validateTopicName(name: string): void {
  if (name.length === 0) throw new RunnelError('INVALID_TOPIC_EXCEPTION', 'topic name is empty');
  if (name === '.' || name === '..') throw new RunnelError('INVALID_TOPIC_EXCEPTION', `topic name cannot be '${name}'`);
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    throw new RunnelError(
      'INVALID_TOPIC_EXCEPTION',
      `topic name is ${name.length} characters long; the limit is ${MAX_TOPIC_NAME_LENGTH}`,
    );
  }
  if (!LEGAL.test(name)) {
    throw new RunnelError(
      'INVALID_TOPIC_EXCEPTION',
      `topic name '${name}' has characters other than ASCII letters, digits, '.', '_' and '-'`,
    );
  }
}

/**
 * '.' and '_' become the same character in metric names, so Kafka refuses a topic whose name
 * equals an existing one with those swapped; names with equal keys collide.
 */
export function topicCollisionKey(name: string): string {
  return name.replaceAll('.', '_');
}
