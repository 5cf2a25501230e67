import { describe, expect, it } from 'vitest';
import { RunnelError, type BatchHeader } from '@runnel/protocol';
import { ProducerStateManager } from '../src/replica/producer-state.js';

function header(producerId: number, epoch: number, baseSequence: number, count: number, ts = 1000): BatchHeader {
  return {
    baseOffset: 0, batchLength: 100, partitionLeaderEpoch: 0, magic: 2, crc: 0, attributes: 0,
    lastOffsetDelta: count - 1, baseTimestamp: ts, maxTimestamp: ts, producerId, producerEpoch: epoch,
    baseSequence, recordCount: count,
  };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RunnelError) return e.errorName;
    throw e;
  }
  return 'accepted';
}

describe('ProducerStateManager', () => {
  it('accepts batches without a producer id without tracking them', () => {
    const s = new ProducerStateManager();
    const h = header(-1, -1, -1, 3);
    expect(s.check(h)).toEqual({ kind: 'append' });
    s.update(h, 0);
    expect(s.size).toBe(0);
  });

  it('accepts consecutive sequences and answers a retried batch with its original offsets', () => {
    const s = new ProducerStateManager();
    s.update(header(7, 0, 0, 5), 100);
    s.update(header(7, 0, 5, 5), 105);
    expect(s.check(header(7, 0, 10, 2))).toEqual({ kind: 'append' });
    const retry = s.check(header(7, 0, 5, 5));
    expect(retry).toMatchObject({ kind: 'duplicate', batch: { firstOffset: 105, lastOffset: 109 } });
  });

  it('refuses a gap in the sequence with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const s = new ProducerStateManager();
    s.update(header(7, 0, 0, 5), 0);
    expect(refusal(() => s.check(header(7, 0, 6, 1)))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(refusal(() => s.check(header(7, 0, 3, 1)))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('refuses an older producer epoch, and a new epoch must start at sequence 0', () => {
    const s = new ProducerStateManager();
    s.update(header(7, 3, 0, 5), 0);
    expect(refusal(() => s.check(header(7, 2, 5, 1)))).toBe('INVALID_PRODUCER_EPOCH');
    expect(refusal(() => s.check(header(7, 4, 9, 1)))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(s.check(header(7, 4, 0, 1))).toEqual({ kind: 'append' });
    s.update(header(7, 4, 0, 1), 5);
    expect(refusal(() => s.check(header(7, 3, 5, 1)))).toBe('INVALID_PRODUCER_EPOCH');
  });

  it('remembers only the last five batches, so older retries are not mistaken for duplicates', () => {
    const s = new ProducerStateManager();
    for (let i = 0; i < 7; i++) s.update(header(1, 0, i * 2, 2), i * 2);
    expect(refusal(() => s.check(header(1, 0, 0, 2)))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(s.check(header(1, 0, 4, 2))).toMatchObject({ kind: 'duplicate', batch: { firstOffset: 4 } });
  });

  it('wraps the sequence at int32 max as Kafka does', () => {
    const s = new ProducerStateManager();
    s.update(header(1, 0, 0x7fffffff - 1, 2), 0);
    expect(s.check(header(1, 0, 0, 1))).toEqual({ kind: 'append' });
  });

  it('forgets batches removed by truncation', () => {
    const s = new ProducerStateManager();
    s.update(header(1, 0, 0, 5), 0);
    s.update(header(1, 0, 5, 5), 5);
    s.truncateTo(5);
    expect(s.check(header(1, 0, 5, 5))).toEqual({ kind: 'append' });
    s.truncateTo(0);
    expect(s.size).toBe(0);
  });

  it('expires idle producers', () => {
    const s = new ProducerStateManager();
    s.update(header(1, 0, 0, 1, 1_000), 0);
    s.update(header(2, 0, 0, 1, 50_000), 1);
    s.removeExpired(60_000, 30_000);
    expect(s.size).toBe(1);
    expect(s.check(header(2, 0, 0, 1))).toMatchObject({ kind: 'duplicate' });
  });
});
