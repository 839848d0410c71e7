/**
 * The output-free deflate length counter agrees with zlib: same length for
 * every stream zlib inflates (every block type, levels, strategies, flushes
 * mid-stream), an error for every stream zlib refuses, and it stops counting
 * past the limit.
 */

import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inflatedLength } from './deflate-length.js';
import { zeroBomb } from './zip.fixture.js';

/** Deterministic pseudo-random bytes (a fixed LCG: the test is the same on every run). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

const SOURCE = readFileSync(new URL('./environment.ts', import.meta.url));
const INPUTS: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  one: Buffer.from('a'),
  repetitive: Buffer.from('hello hello hello hello hello'),
  noise: noise(70_000, 1),
  zeros: Buffer.alloc(300_000),
  source: SOURCE,
  mixed: Buffer.concat([SOURCE, noise(5000, 2), SOURCE]),
};

function zlibLength(data: Uint8Array): number | 'error' {
  try {
    return inflateRawSync(data).length;
  } catch {
    return 'error';
  }
}

function ourLength(data: Uint8Array): number | 'error' {
  try {
    return inflatedLength(data, Number.MAX_SAFE_INTEGER);
  } catch {
    return 'error';
  }
}

describe('inflatedLength', () => {
  it('counts what zlib inflates, for every level and strategy (stored, fixed and dynamic blocks)', () => {
    for (const [name, input] of Object.entries(INPUTS)) {
      for (const level of [0, 1, 6, 9]) {
        for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED]) {
          expect(inflatedLength(deflateRawSync(input, { level, strategy }), Number.MAX_SAFE_INTEGER), `${name} ${level} ${strategy}`).toBe(input.length);
        }
      }
    }
  });

  it('counts streams flushed mid-way (byte-aligned empty stored blocks after codes read ahead)', () => {
    for (const flush of [constants.Z_SYNC_FLUSH, constants.Z_FULL_FLUSH]) {
      const parts = [SOURCE.subarray(0, 1000), Buffer.from('xyz'), SOURCE.subarray(1000, 5000)];
      const stream = Buffer.concat([...parts.map((part) => deflateRawSync(part, { finishFlush: flush })), deflateRawSync(Buffer.alloc(0))]);
      expect(inflatedLength(stream, Number.MAX_SAFE_INTEGER)).toBe(5003);
    }
    expect(inflatedLength(zeroBomb(3), Number.MAX_SAFE_INTEGER)).toBe(3 * 1024 * 1024);
  });

  it('stops past the limit: a gigabyte bomb is measured only up to it', () => {
    const counted = inflatedLength(zeroBomb(1100), 10 * 1024 * 1024);
    expect(counted).toBeGreaterThan(10 * 1024 * 1024);
    expect(counted).toBeLessThan(11 * 1024 * 1024);
  });

  it('refuses exactly what zlib refuses, and counts what zlib accepts, for corrupted and truncated streams', () => {
    let state = 7;
    const random = (below: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % below;
    };
    let refused = 0;
    for (const input of [INPUTS.source, INPUTS.noise, INPUTS.repetitive] as Buffer[]) {
      for (const level of [1, 9]) {
        const stream = deflateRawSync(input, { level });
        for (let k = 0; k < 100; k += 1) {
          const corrupt = Buffer.from(stream);
          for (let flips = 1 + random(3); flips > 0; flips -= 1) corrupt[random(corrupt.length)]! ^= 1 << random(8);
          const data = random(10) < 3 ? corrupt.subarray(0, random(corrupt.length)) : corrupt;
          const expected = zlibLength(data);
          if (expected === 'error') refused += 1;
          expect(ourLength(data)).toBe(expected);
        }
      }
    }
    // Both outcomes were exercised.
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(600);
  });
});
