import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { RunnelError } from '@runnel/protocol';
import { readUnsafeFault } from '../src/unsafe-fault.js';

function capture(): { logger: pino.Logger; lines: { level: number; msg: string; unsafeFault?: string }[] } {
  const lines: { level: number; msg: string; unsafeFault?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe('readUnsafeFault', () => {
  it('is off, and silent, without RUNNEL_UNSAFE_FAULT or with it empty', () => {
    const { logger, lines } = capture();
    expect(readUnsafeFault({ PATH: '/bin' }, logger)).toBeUndefined();
    expect(readUnsafeFault({ RUNNEL_UNSAFE_FAULT: '' }, logger)).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('turns acks-all-early on and says so at warn level', () => {
    const { logger, lines } = capture();
    expect(readUnsafeFault({ RUNNEL_UNSAFE_FAULT: 'acks-all-early' }, logger)).toBe('acks-all-early');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(40);
    expect(lines[0]!.unsafeFault).toBe('acks-all-early');
    expect(lines[0]!.msg).toMatch(/^UNSAFE FAULT ON, for testing only \(RUNNEL_UNSAFE_FAULT=acks-all-early\)/);
  });

  it('refuses a value that names no fault, saying which exist', () => {
    const { logger, lines } = capture();
    let error: unknown;
    try {
      readUnsafeFault({ RUNNEL_UNSAFE_FAULT: 'acks-early' }, logger);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RunnelError);
    expect((error as RunnelError).errorName).toBe('INVALID_CONFIG');
    expect((error as RunnelError).message).toBe('RUNNEL_UNSAFE_FAULT=acks-early names no unsafe fault (known: acks-all-early); unset RUNNEL_UNSAFE_FAULT to run safely');
    expect(lines).toEqual([]);
  });
});
