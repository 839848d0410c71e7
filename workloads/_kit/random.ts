/**
 * Deterministic input generation for workloads. A seeded PRNG (mulberry32)
 * so the same (size, seed) always yields byte-identical input on any machine:
 * the committed expected outputs depend on it.
 */
import { createRng } from '../../harness/stats/rng.js';

/** A seeded pseudo-random source. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform byte. */
  byte(): number;
  /** Picks one element. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Creates a seeded PRNG. It draws from the harness's mulberry32 so there is
 * one generator in the project; changing that generator changes every
 * committed expected output (the workload tests would say so).
 */
export function createRandom(seed: number): Random {
  const next = createRng(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    // The low byte of the 32-bit draw (next() is u32 / 2^32 exactly).
    byte: () => (next() * 4294967296) & 0xff,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** `length` seeded random bytes. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const random = createRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = random.byte();
  return bytes;
}

/** Mixes a size name into a seed so sizes get unrelated streams. */
export function seedFor(size: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < size.length; i++) h = Math.imul(h ^ size.charCodeAt(i), 0x9e3779b1) >>> 0;
  return h;
}
