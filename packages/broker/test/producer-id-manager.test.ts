import { describe, expect, it } from 'vitest';
import { ProducerIdManager } from '../src/metadata/producer-id-manager.js';

describe('ProducerIdManager', () => {
  it('hands out unique ids across blocks, asking the controller once per block', async () => {
    let calls = 0;
    const manager = new ProducerIdManager(async () => ({ start: 1000 * calls++, length: 10 }));
    const ids: number[] = [];
    for (let i = 0; i < 35; i++) ids.push(await manager.nextId());
    expect(new Set(ids).size).toBe(35);
    expect(ids.slice(0, 3)).toEqual([0, 1, 2]);
    expect(ids[10]).toBe(1000);
    expect(calls).toBe(4);
  });

  it('serves concurrent callers from one allocation', async () => {
    let calls = 0;
    const manager = new ProducerIdManager(async () => ({ start: 100 * ++calls, length: 1000 }));
    const ids = await Promise.all(Array.from({ length: 50 }, () => manager.nextId()));
    expect(new Set(ids).size).toBe(50);
    expect(calls).toBe(1);
  });

  it('fails with a retriable error when the controller cannot allocate', async () => {
    const manager = new ProducerIdManager(async () => {
      throw new Error('controller unreachable');
    });
    await expect(manager.nextId()).rejects.toThrow('controller unreachable');
  });
});
