import { describe, expect, it } from 'vitest';
import { TOPIC_CONFIGS, effectiveTopicConfig, parseTopicConfig, validateTopicConfigs } from '../src/topic-config.js';
import { topicCollisionKey, validateTopicName } from '../src/topic-name.js';
import { errorOf } from './helpers.js';

describe('topic names', () => {
  it.each(['orders', 'a', 'Orders.v1_raw-2', 'x'.repeat(249), '...', '__consumer_offsets'])('accepts %s', (name) => {
    expect(errorOf(() => validateTopicName(name))).toBeUndefined();
  });

  it.each(['', '.', '..', 'x'.repeat(250), 'with space', 'slash/name', 'ümlaut', 'tab\t', 'colon:'])('rejects %j', (name) => {
    expect(errorOf(() => validateTopicName(name))).toBe('INVALID_TOPIC_EXCEPTION');
  });

  it('treats . and _ as the same for collisions', () => {
    expect(topicCollisionKey('a.b_c')).toBe(topicCollisionKey('a_b.c'));
    expect(topicCollisionKey('a.b')).not.toBe(topicCollisionKey('a-b'));
  });
});

describe('topic configs', () => {
  it.each([
    ['cleanup.policy', 'delete', ['delete']],
    ['cleanup.policy', 'compact', ['compact']],
    ['cleanup.policy', 'compact,delete', ['compact', 'delete']],
    ['cleanup.policy', 'delete, compact', ['delete', 'compact']],
    ['retention.ms', '-1', -1],
    ['retention.ms', '604800000', 604800000],
    ['retention.bytes', '-1', -1],
    ['segment.bytes', '14', 14],
    ['segment.ms', '3600000', 3600000],
    ['min.insync.replicas', '2', 2],
    ['max.message.bytes', '1048588', 1048588],
    ['unclean.leader.election.enable', 'TRUE', true],
    ['unclean.leader.election.enable', 'false', false],
    ['min.cleanable.dirty.ratio', '0.25', 0.25],
    ['min.cleanable.dirty.ratio', '1', 1],
    ['flush.messages', '9223372036854775807', Number.MAX_SAFE_INTEGER],
    ['delete.retention.ms', '0', 0],
    ['index.interval.bytes', '4096', 4096],
  ] as const)('parses %s=%s', (key, value, expected) => {
    expect(parseTopicConfig(key, value)).toEqual(expected);
  });

  it.each([
    ['no.such.key', '1'],
    ['cleanup.policy', 'forever'],
    ['cleanup.policy', 'delete,delete'],
    ['cleanup.policy', ''],
    ['retention.ms', '-2'],
    ['retention.ms', '1.5'],
    ['retention.ms', 'ten'],
    ['retention.bytes', '-5'],
    ['segment.bytes', '13'],
    ['segment.bytes', '2147483648'],
    ['segment.ms', '0'],
    ['min.insync.replicas', '0'],
    ['unclean.leader.election.enable', 'yes'],
    ['cleanup.policy', 'shred'],
    ['min.cleanable.dirty.ratio', '1.5'],
    ['min.cleanable.dirty.ratio', '-0.1'],
    ['min.cleanable.dirty.ratio', 'NaN'],
    ['flush.messages', '9223372036854775808'],
    ['max.message.bytes', ''],
  ])('rejects %s=%j with INVALID_CONFIG', (key, value) => {
    expect(errorOf(() => parseTopicConfig(key, value))).toBe('INVALID_CONFIG');
  });

  it('validates whole maps and names the bad key', () => {
    expect(() => validateTopicConfigs({ 'retention.ms': '1000', 'segment.bytes': 'big' })).toThrow(/segment\.bytes/);
    expect(errorOf(() => validateTopicConfigs({ 'retention.ms': '1000', 'cleanup.policy': 'compact' }))).toBeUndefined();
  });

  it('gives every known key a default that passes its own validation', () => {
    for (const [key, def] of Object.entries(TOPIC_CONFIGS)) {
      expect(errorOf(() => parseTopicConfig(key, def.default)), key).toBeUndefined();
    }
  });

  it('resolves overrides before defaults', () => {
    expect(effectiveTopicConfig('retention.ms')).toBe(604800000);
    expect(effectiveTopicConfig('retention.ms', new Map([['retention.ms', '5']]))).toBe(5);
    expect(effectiveTopicConfig('cleanup.policy')).toEqual(['delete']);
  });
});
