import { describe, expect, it } from 'vitest';
import {
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeOffsetsKey,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  groupTombstone,
  offsetTombstone,
} from '../src/group/offsets-records.js';

/** Bytes written out by hand from Kafka's schemas (hex, spaces between fields). */
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const str = (s: string): string => Buffer.from(s).toString('hex');

describe('__consumer_offsets keys', () => {
  it('writes OffsetCommitKey as Kafka key version 1 and reads versions 0 and 1', () => {
    const bytes = hex(`0001 0001${str('g')} 0001${str('t')} 00000003`);
    expect(encodeOffsetCommitKey('g', 't', 3)).toEqual(bytes);
    expect(decodeOffsetsKey(bytes)).toEqual({ kind: 'offset', group: 'g', topic: 't', partition: 3 });
    expect(decodeOffsetsKey(hex(`0000 0002${str('gg')} 0001${str('t')} 00000000`))).toEqual({ kind: 'offset', group: 'gg', topic: 't', partition: 0 });
  });

  it('writes GroupMetadataKey as key version 2', () => {
    const bytes = hex(`0002 0001${str('g')}`);
    expect(encodeGroupMetadataKey('g')).toEqual(bytes);
    expect(decodeOffsetsKey(bytes)).toEqual({ kind: 'group', group: 'g' });
  });

  it('refuses unknown key versions and truncated keys as corrupt', () => {
    expect(() => decodeOffsetsKey(hex(`0003 0001${str('g')}`))).toThrow(/unknown version 3/);
    expect(() => decodeOffsetsKey(hex(`0001 0005${str('g')}`))).toThrow(expect.objectContaining({ errorName: 'CORRUPT_MESSAGE' }));
  });
});

describe('offset commit values', () => {
  it('writes v3 (offset, leader epoch, metadata, commit timestamp)', () => {
    const bytes = hex(`0003 0000000000000005 00000002 0002${str('ab')} 00000000000003e8`);
    expect(encodeOffsetCommitValue({ offset: 5, leaderEpoch: 2, metadata: 'ab', commitTimestamp: 1000 })).toEqual(bytes);
    expect(decodeOffsetCommitValue(bytes)).toEqual({ offset: 5, leaderEpoch: 2, metadata: 'ab', commitTimestamp: 1000, expireTimestamp: -1 });
  });

  it('reads v0, v1 (with expire timestamp) and v2', () => {
    expect(decodeOffsetCommitValue(hex(`0000 0000000000000007 0001${str('x')} 000000000000000a`))).toEqual({ offset: 7, leaderEpoch: -1, metadata: 'x', commitTimestamp: 10, expireTimestamp: -1 });
    expect(decodeOffsetCommitValue(hex(`0001 0000000000000007 0000 000000000000000a 0000000000000014`))).toEqual({ offset: 7, leaderEpoch: -1, metadata: '', commitTimestamp: 10, expireTimestamp: 20 });
    expect(decodeOffsetCommitValue(hex(`0002 0000000000000008 0000 000000000000000b`))).toEqual({ offset: 8, leaderEpoch: -1, metadata: '', commitTimestamp: 11, expireTimestamp: -1 });
  });

  it('keeps large offsets exact', () => {
    const v = { offset: 2 ** 53 - 1, leaderEpoch: 0, metadata: '', commitTimestamp: 1_700_000_000_000 };
    expect(decodeOffsetCommitValue(encodeOffsetCommitValue(v))).toMatchObject(v);
  });
});

describe('group metadata values', () => {
  const member = `0002${str('m1')} ffff 0001${str('c')} 0002${str('/h')} 0000012c 0000000a 00000002 0102 00000001 03`;

  it('writes v3 with the static instance id and state timestamp', () => {
    const bytes = hex(`0003 0008${str('consumer')} 00000004 0005${str('range')} 0002${str('m1')} 0000000000000063 00000001 ${member}`);
    const value = {
      protocolType: 'consumer',
      generation: 4,
      protocol: 'range',
      leader: 'm1',
      currentStateTimestamp: 99,
      members: [{ memberId: 'm1', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeoutMs: 300, sessionTimeoutMs: 10, subscription: hex('0102'), assignment: hex('03') }],
    };
    expect(encodeGroupMetadataValue(value)).toEqual(bytes);
    expect(decodeGroupMetadataValue(bytes)).toEqual(value);
  });

  it('reads an empty group of v0 (null protocol and leader) and a v1 member', () => {
    expect(decodeGroupMetadataValue(hex(`0000 0008${str('consumer')} 00000002 ffff ffff 00000000`))).toEqual({
      protocolType: 'consumer', generation: 2, protocol: null, leader: null, currentStateTimestamp: -1, members: [],
    });
    const v1 = decodeGroupMetadataValue(hex(`0001 0008${str('consumer')} 00000001 0005${str('range')} 0002${str('m1')} 00000001 0002${str('m1')} 0001${str('c')} 0002${str('/h')} 0000012c 0000000a 00000000 00000000`));
    expect(v1.members[0]).toMatchObject({ memberId: 'm1', groupInstanceId: null, rebalanceTimeoutMs: 300, sessionTimeoutMs: 10 });
  });

  it('gives v0 members their session timeout as rebalance timeout', () => {
    const v0 = decodeGroupMetadataValue(hex(`0000 0008${str('consumer')} 00000001 0005${str('range')} 0002${str('m1')} 00000001 0002${str('m1')} 0001${str('c')} 0002${str('/h')} 0000000a 00000000 00000000`));
    expect(v0.members[0]).toMatchObject({ rebalanceTimeoutMs: 10, sessionTimeoutMs: 10 });
  });

  it('refuses a value whose member array runs past the end', () => {
    expect(() => decodeGroupMetadataValue(hex(`0003 0008${str('consumer')} 00000001 ffff ffff 0000000000000000 00000005`))).toThrow(expect.objectContaining({ errorName: 'CORRUPT_MESSAGE' }));
  });
});

describe('tombstones', () => {
  it('carry the key and a null value', () => {
    expect(offsetTombstone('g', 't', 1)).toEqual({ key: encodeOffsetCommitKey('g', 't', 1), value: null });
    expect(groupTombstone('g')).toEqual({ key: encodeGroupMetadataKey('g'), value: null });
  });
});
