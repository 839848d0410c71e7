/**
 * Pins the harness's seeded randomness (stats/rng.ts) to the published
 * mulberry32 generator and to a Fisher-Yates shuffle, each written here
 * apart from the production code. A seed must mean the same bootstrap
 * interval and the same measuring order in every version of the harness;
 * a changed mixing step still looks random, so only exact values catch it.
 */
import { describe, expect, it } from 'vitest';
import { createRng, shuffled } from './index.js';

/** mulberry32 as published (Tommy Ettinger's generator, in bryc's widely copied JavaScript form). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Durstenfeld's Fisher-Yates, last position first, one draw per position above 0. */
function referenceShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i >= 1; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('createRng', () => {
  it('gives the published mulberry32 sequence for several seeds', () => {
    for (const seed of [0, 1, 42, 2024, 0xffffffff]) {
      const ours = createRng(seed);
      const reference = mulberry32(seed);
      const a = Array.from({ length: 50 }, () => ours());
      expect(a, `seed ${seed}`).toStrictEqual(Array.from({ length: 50 }, () => reference()));
    }
  });

  it('stays in [0, 1)', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 10_000 }, () => rng());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('shuffled', () => {
  it('is the reference Fisher-Yates permutation for the same draws, and leaves its input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    for (const seed of [1, 9, 123]) {
      expect(shuffled(items, createRng(seed)), `seed ${seed}`).toStrictEqual(referenceShuffle(items, mulberry32(seed)));
    }
    expect(items).toStrictEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  });

  it('takes exactly n - 1 draws, so later draws from the same generator are reproducible', () => {
    const rng = createRng(5);
    shuffled([1, 2, 3, 4, 5, 6, 7, 8], rng);
    const reference = createRng(5);
    for (let i = 0; i < 7; i++) reference();
    expect(rng()).toBe(reference());
  });

  it('puts every item in every position about equally often', () => {
    // 4 items, 4,000 seeded shuffles: each (item, position) pair about 1,000
    // times (binomial sd 27). A shuffle that never moves an item, or never
    // leaves one in place, puts 0 in some cell.
    const rng = createRng(31);
    const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    for (let t = 0; t < 4000; t++) {
      shuffled([0, 1, 2, 3], rng).forEach((item, position) => {
        const row = counts[item] as number[];
        row[position] = (row[position] as number) + 1;
      });
    }
    for (const row of counts) for (const count of row) expect(count).toBeGreaterThan(850);
  });

  it('returns empty and single-item lists as they are', () => {
    expect(shuffled([], createRng(1))).toStrictEqual([]);
    expect(shuffled(['only'], createRng(1))).toStrictEqual(['only']);
  });
});
