/**
 * Wrapping for the terminal: no line wider than asked, no word lost, a
 * number never parted from its unit, and a token wider than a line cut
 * rather than left to overflow.
 */
import { describe, expect, it } from 'vitest';
import { columns, truncate, wrap, wrapText } from './wrap.js';

describe('wrap', () => {
  it('breaks at spaces with a hanging indent and keeps every word', () => {
    const text = 'wasm warm: 2.31× faster [2.30–2.32] at small, 2.11× [2.11–2.12] at medium, 2.12× [2.11–2.13] at large';
    const lines = wrap(text, 40, 'sha256  ', '        ');
    expect(lines[0]!.startsWith('sha256  wasm warm:')).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('        ')).toBe(true);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(40); // timed-assertion-ok: a width in terminal columns, not a duration
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(`sha256 ${text}`);
  });

  it('keeps a number with its unit, and a ratio with its interval', () => {
    expect(wrap('peak RSS at small -1.15 MiB (46.6 MiB vs node 47.8 MiB)', 24)).toEqual(['peak RSS at small', '-1.15 MiB (46.6 MiB vs', 'node 47.8 MiB)']);
    expect(wrap('at small, 1.74× faster [1.51–2.00] at large', 30)).toEqual(['at small, 1.74×', 'faster [1.51–2.00] at large']);
  });

  it('cuts a word wider than the line, so nothing overflows', () => {
    const lines = wrap(`error: ${'x'.repeat(50)} end`, 20, '  ', '    ');
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(20); // timed-assertion-ok: a width in terminal columns, not a duration
    expect(lines.join('').replace(/\s+/g, '')).toBe(`error:${'x'.repeat(50)}end`);
  });

  it('counts code points, so × and – take one column each', () => {
    expect(columns('2.00× [1.89–2.13]')).toBe(17);
    expect(wrap('2.00× [1.89–2.13]', 17)).toEqual(['2.00× [1.89–2.13]']);
  });

  it('gives the prefix alone for empty text', () => {
    expect(wrap('', 10, '-> ')).toEqual(['->']);
  });
});

describe('wrapText and truncate', () => {
  it('leaves short lines alone and wraps long ones under their own indent', () => {
    expect(wrapText('short\n  a long line that goes on', 12)).toEqual(['short', '  a long', '    line', '    that', '    goes on']);
  });

  it('truncates with an ellipsis only when needed', () => {
    expect(truncate('json-transform', 20)).toBe('json-transform');
    expect(truncate('json-transform', 8)).toBe('json-tr…');
    expect(columns(truncate('×'.repeat(30), 10))).toBe(10);
  });
});
