import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProperties } from '../src/config/properties.js';

function pairs(text: string): [string, string][] {
  const parsed = parseProperties(text);
  expect(parsed.problems).toEqual([]);
  return parsed.entries.map((e) => [e.key, e.value]);
}

describe('parseProperties', () => {
  it('accepts =, : and whitespace as separators, with optional blanks around them', () => {
    expect(pairs('a=1\nb: 2\nc 3\nd   =   4\ne:5\nf\t\t6')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', '6'],
    ]);
  });

  it('keeps everything after the first separator, including further = and :', () => {
    expect(pairs('listeners=CLIENT://h:9092\nx = a=b:c')).toEqual([
      ['listeners', 'CLIENT://h:9092'],
      ['x', 'a=b:c'],
    ]);
  });

  it('reads a key alone or with an empty value as an empty value', () => {
    expect(pairs('lonely\nempty=\ncolon:')).toEqual([
      ['lonely', ''],
      ['empty', ''],
      ['colon', ''],
    ]);
  });

  it('skips # and ! comments (also indented) and blank or whitespace-only lines', () => {
    const text = '# comment\n  ! bang comment\n\n   \t\nkey=value # not a comment\n\t#indented=comment';
    expect(pairs(text)).toEqual([['key', 'value # not a comment']]);
  });

  it('drops leading whitespace of a line and keeps trailing whitespace of a value', () => {
    expect(pairs('   indented = value  ')).toEqual([['indented', 'value  ']]);
  });

  it('joins a line ending in a backslash with the next, dropping the next line\'s indentation', () => {
    const text = 'controller.quorum.voters=1@a:9093,\\\n    2@b:9093,\\\n\t3@c:9093\nnext=1';
    const parsed = parseProperties(text);
    expect(parsed.entries).toEqual([
      { key: 'controller.quorum.voters', value: '1@a:9093,2@b:9093,3@c:9093', line: 1 },
      { key: 'next', value: '1', line: 4 },
    ]);
  });

  it('treats an even number of trailing backslashes as escaped backslashes, not a continuation', () => {
    expect(pairs('a=x\\\\\nb=y')).toEqual([
      ['a', 'x\\'],
      ['b', 'y'],
    ]);
  });

  it('does not continue a comment line that ends in a backslash', () => {
    expect(pairs('# comment \\\na=1')).toEqual([['a', '1']]);
  });

  it('drops a continuation backslash on the last line', () => {
    expect(pairs('a=1\\')).toEqual([['a', '1']]);
  });

  it('continues onto a line that looks like a comment, as Java does', () => {
    expect(pairs('a=1,\\\n#2')).toEqual([['a', '1,#2']]);
  });

  it('decodes \\uXXXX and the t n r f escapes; any other escaped character stands for itself', () => {
    expect(pairs('a=caf\\u00E9\nb=\\t\\n\\r\\f\nc=\\q\\#\\!\\\\')).toEqual([
      ['a', 'café'],
      ['b', '\t\n\r\f'],
      ['c', 'q#!\\'],
    ]);
  });

  it('lets escaped separators and spaces be part of a key', () => {
    expect(pairs('a\\=b=c\nd\\:e:f\ng\\ h i')).toEqual([
      ['a=b', 'c'],
      ['d:e', 'f'],
      ['g h', 'i'],
    ]);
  });

  it('reports a malformed \\u escape with its line and keeps the other entries', () => {
    const parsed = parseProperties('a=1\nb=\\u12G4\nc=\\u00\nd=4');
    expect(parsed.entries.map((e) => e.key)).toEqual(['a', 'd']);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(parsed.problems[0]!.message).toContain('\\u12G4');
  });

  it('counts lines the same with \\n, \\r\\n and \\r line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const parsed = parseProperties(['# c', 'a=1', '', 'b=2'].join(eol));
      expect(parsed.entries).toEqual([
        { key: 'a', value: '1', line: 2 },
        { key: 'b', value: '2', line: 4 },
      ]);
    }
  });

  it('keeps repeated keys in order (the loader lets the last one win)', () => {
    expect(pairs('a=1\na=2')).toEqual([
      ['a', '1'],
      ['a', '2'],
    ]);
  });

  // Java's Properties.store escaping, written out independently, as the oracle for a round trip.
  function javaEscape(s: string, isKey: boolean): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      const code = c.charCodeAt(0);
      if (c === ' ' && (isKey || i === 0)) out += '\\ ';
      else if (c === '\\') out += '\\\\';
      else if (c === '\t') out += '\\t';
      else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\f') out += '\\f';
      else if ('=:#!'.includes(c)) out += `\\${c}`;
      else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += c;
    }
    return out;
  }

  it('reads back whatever Java\'s store() escaping writes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' })), { maxLength: 8 }), (entries) => {
        const text = entries.map(([k, v]) => `${javaEscape(k, true)}=${javaEscape(v, false)}`).join('\n');
        const parsed = parseProperties(text);
        expect(parsed.problems).toEqual([]);
        expect(parsed.entries.map((e) => [e.key, e.value])).toEqual(entries);
        expect(parsed.entries.map((e) => e.line)).toEqual(entries.map((_, i) => i + 1));
      }),
    );
  });
});
