import { afterEach, describe, expect, it } from 'vitest';
import { Consumer, type ConsumerConfig } from '../src/index.js';

// Nothing here reaches a broker: these are the checks a consumer makes before any request.
const BOOTSTRAP = '127.0.0.1:1';

describe('consumer group configuration and API rules', () => {
  const open: Consumer[] = [];
  const make = (config: Partial<ConsumerConfig> = {}): Consumer => {
    const c = new Consumer({ bootstrap: BOOTSTRAP, ...config });
    open.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });

  it('rejects bad group settings with INVALID_CONFIG naming the Kafka key', () => {
    const cases: [Partial<ConsumerConfig>, string][] = [
      [{ groupId: 'g', sessionTimeoutMs: 0 }, 'session.timeout.ms'],
      [{ groupId: 'g', sessionTimeoutMs: 3000, heartbeatIntervalMs: 3000 }, 'heartbeat.interval.ms'],
      [{ groupId: 'g', maxPollIntervalMs: -1 }, 'max.poll.interval.ms'],
      [{ groupId: 'g', autoCommitIntervalMs: 1.5 }, 'auto.commit.interval.ms'],
      [{ groupId: 'g', partitionAssignmentStrategy: [] }, 'partition.assignment.strategy'],
      [{ groupId: 'g', partitionAssignmentStrategy: ['range', 'sticky-ish'] }, 'partition.assignment.strategy'],
      [{ groupId: 'g', partitionAssignmentStrategy: ['range', 'range'] }, 'partition.assignment.strategy'],
      [{ groupId: '' }, 'group.id'],
      [{ groupId: 'g', groupInstanceId: '' }, 'group.instance.id'],
      [{ enableAutoCommit: true }, 'enable.auto.commit'],
    ];
    for (const [config, key] of cases) {
      let caught: unknown;
      try {
        make(config);
      } catch (err) {
        caught = err;
      }
      expect(caught, JSON.stringify(config)).toMatchObject({ errorName: 'INVALID_CONFIG' });
      expect((caught as Error).message).toContain(key);
    }
  });

  it('group features without a groupId fail with INVALID_GROUP_ID saying to set groupId', async () => {
    const c = make();
    const calls: (() => unknown)[] = [() => c.subscribe(['t']), () => c.groupMetadata(), () => c.commitAsync()];
    for (const call of calls) expect(call).toThrowError(expect.objectContaining({ errorName: 'INVALID_GROUP_ID', message: expect.stringContaining('set groupId') }));
    await expect(c.commitSync()).rejects.toMatchObject({ errorName: 'INVALID_GROUP_ID' });
    await expect(c.committed([{ topic: 't', partition: 0 }])).rejects.toMatchObject({ errorName: 'INVALID_GROUP_ID' });
  });

  it('subscribe and assign cannot be mixed, and unsubscribe allows switching', async () => {
    const c = make({ groupId: 'g' });
    c.subscribe(['t']);
    expect(c.subscription()).toEqual(['t']);
    expect(() => c.assign([{ topic: 't', partition: 0 }])).toThrowError(expect.objectContaining({ errorName: 'INVALID_REQUEST' }));
    await c.unsubscribe();
    expect(c.subscription()).toEqual([]);
    c.assign([{ topic: 't', partition: 0 }]);
    expect(() => c.subscribe(['t'])).toThrowError(expect.objectContaining({ errorName: 'INVALID_REQUEST' }));
    expect(c.assignment()).toEqual([{ topic: 't', partition: 0 }]);
  });

  it('subscribe rejects an empty list and bad topic names, keeping the previous subscription', () => {
    const c = make({ groupId: 'g' });
    c.subscribe(['a', 'b', 'a']);
    expect(() => c.subscribe([])).toThrowError(expect.objectContaining({ errorName: 'INVALID_REQUEST' }));
    expect(() => c.subscribe(['ok', ''])).toThrowError(expect.objectContaining({ errorName: 'INVALID_TOPIC_EXCEPTION' }));
    expect(c.subscription()).toEqual(['a', 'b']);
  });

  it('groupMetadata is unjoined before the first poll', () => {
    const c = make({ groupId: 'g', groupInstanceId: 'i-1' });
    expect(c.groupMetadata()).toEqual({ groupId: 'g', generationId: -1, memberId: '', groupInstanceId: 'i-1' });
  });

  it('wakeup() makes the next poll throw a WakeupError, once', async () => {
    const c = make();
    c.wakeup();
    await expect(c.poll(10)).rejects.toMatchObject({ name: 'WakeupError' });
    expect(await c.poll(0)).toEqual([]);
  });

  it('wakeup() interrupts a poll that is waiting', async () => {
    const c = make();
    const polling = c.poll(60_000);
    c.wakeup();
    await expect(polling).rejects.toMatchObject({ name: 'WakeupError' });
  });
});
