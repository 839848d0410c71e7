/**
 * wordcount: both implementations against an independent oracle (a code
 * point walk with its own classification, folding and ranking) on the
 * presets, and hand-written cases that pin the definitions down: what
 * separates words, ASCII-only case folding, ranking ties, UTF-16 code-unit
 * order, and the cut at 100 lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { workloadArtifacts } from '../../harness/paths.js';
import { SIZE_NAMES } from '../../harness/contract/index.js';
import { loadWorkloadModule, type BoundWasmWorkload } from '../../wasm/loader.js';
import { run } from './node.js';
import definition from './workload.js';

/** The definitions, implemented a second way: code point by code point, counting in a plain object. */
function oracle(text: string): string {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  let word = '';
  const flush = (): void => {
    if (word !== '') counts[word] = (counts[word] ?? 0) + 1;
    word = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const isDigit = cp >= 48 && cp <= 57;
    const isUpper = cp >= 65 && cp <= 90;
    const isLower = cp >= 97 && cp <= 122;
    if (isUpper) word += String.fromCodePoint(cp + 32);
    else if (isDigit || isLower || cp >= 0x80) word += ch;
    else flush();
  }
  flush();
  const ranked = Object.keys(counts).sort((a, b) => {
    const byCount = counts[b]! - counts[a]!;
    if (byCount !== 0) return byCount;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return ranked
    .slice(0, 100)
    .map((w) => `${w}\t${counts[w]}\n`)
    .join('');
}

let wasm: BoundWasmWorkload;
beforeAll(async () => {
  wasm = await loadWorkloadModule(workloadArtifacts('wordcount').wasm, definition.payload);
});

/** Both implementations must give `want` (and agree with the oracle). */
function expectBoth(text: string, want: string): void {
  expect(oracle(text), 'oracle').toBe(want);
  expect(run(text), 'node').toBe(want);
  expect(wasm.call(text), 'wasm').toBe(want);
}

describe('wordcount', () => {
  it.each(SIZE_NAMES)('matches the oracle on the %s preset', (size) => {
    const text = definition.generateInput(size, 1) as string;
    const want = oracle(text);
    expect(want.split('\n')).toHaveLength(101); // 100 lines and the final newline
    expect(run(text)).toBe(want);
    expect(wasm.call(text)).toBe(want);
  });

  it('generates the text features the definitions are about', () => {
    const text = definition.generateInput('medium', 1) as string;
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(definition.sizes.medium.params.bytes!);
    expect(text).toMatch(/[^\x00-\x7f]/); // non-ASCII words
    expect(text).toMatch(/[\u{10000}-\u{10ffff}]/u); // astral characters (4-byte UTF-8)
    expect(text).toContain('\r\n');
    expect(text).toMatch(/\b[A-Z]{2,}\b/); // ALL-CAPS words
    expect(text).toMatch(/[a-z]'[a-z]/); // apostrophes inside tokens
  });

  it('folds ASCII letters only and counts case variants together', () => {
    expectBoth('Hello, hello! HELLO', 'hello\t3\n');
    // Ü is not ASCII: "ÜBER" folds to "Über", never to "über".
    expectBoth('Über über ÜBER', 'Über\t2\nüber\t1\n');
    expectBoth('CAFÉ café Café', 'café\t2\ncafÉ\t1\n');
  });

  it('splits on ASCII punctuation, whitespace and control characters, not on non-ASCII', () => {
    expectBoth(
      "don't x86_64 e-mail 3.14 user@example.com",
      '14\t1\n3\t1\n64\t1\ncom\t1\ndon\t1\ne\t1\nexample\t1\nmail\t1\nt\t1\nuser\t1\nx86\t1\n',
    );
    expectBoth('a\u0000b\tc\r\nd\u007fe', 'a\t1\nb\t1\nc\t1\nd\t1\ne\t1\n');
    // Non-ASCII punctuation and emoji are word characters under this definition.
    expectBoth('🙂 a🙂b 🙂 x—y', '🙂\t2\na🙂b\t1\nx—y\t1\n');
  });

  it('breaks ties by UTF-16 code unit, as JS `<` does', () => {
    expectBoth('b a B A ä Ä', 'a\t2\nb\t2\nÄ\t1\nä\t1\n');
    // U+1D11E is the surrogate pair D834 DD1E, which sorts before U+FF21 by code unit (not by code point).
    expectBoth('Ａ 𝄞', '𝄞\t1\nＡ\t1\n');
  });

  it('lists at most 100 words, cutting inside a tie by word order', () => {
    const words = Array.from({ length: 150 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const text = `${words.join(' ')} w149 w149 w120`;
    const want = ['w149\t3\n', 'w120\t2\n', ...words.filter((w) => w !== 'w149' && w !== 'w120').slice(0, 98).map((w) => `${w}\t1\n`)].join('');
    expectBoth(text, want);
  });

  it('returns nothing for text without words', () => {
    expectBoth('', '');
    expectBoth(' ,.;\n\t-- !! ', '');
  });
});
