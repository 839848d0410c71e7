import { defineWorkload } from '../_kit/define.js';
import { alreadyIdiomatic } from '../../harness/workloads/idiomatic.js';
import { createRandom, seedFor, type Random } from '../_kit/random.js';
import { encodeMatrices, type MatrixPair } from './format.js';

const SIZES = {
  small: { rows: 16, inner: 16, cols: 16 },
  medium: { rows: 96, inner: 96, cols: 96 },
  large: { rows: 256, inner: 256, cols: 256 },
} as const;

export default defineWorkload({
  name: 'matmul',
  description:
    'Dense float64 matrix multiply C = A x B (i-k-j loop); the Wasm side uses SIMD (f64x2, two columns per operation), the Node side scalar Float64Array code.',
  stresses: ['float64 multiply-add throughput', 'Wasm SIMD (f64x2) vs scalar JS', 'O(n^3) compute on O(n^2) data'],
  payload: { input: 'bytes', output: 'bytes' },
  sizes: {
    small: { description: '16x16 times 16x16 (4 Ki multiply-adds)', params: SIZES.small },
    medium: { description: '96x96 times 96x96 (885 Ki multiply-adds)', params: SIZES.medium },
    large: { description: '256x256 times 256x256 (16 Mi multiply-adds)', params: SIZES.large },
  },
  asc: {
    runtime: 'incremental',
    why: 'allocates the output matrix per call; the incremental GC reclaims earlier outputs without host help',
    extraFlags: ['--enable', 'simd'],
  },
  unsupportedTargets: { 'node-idiomatic': alreadyIdiomatic('Node has no built-in linear algebra (no BLAS); the i-k-j loop over Float64Arrays is what a Node handler writes') },
  generateInput: (size, seed) => {
    const { rows, inner, cols } = SIZES[size];
    return encodeMatrices(generateMatrices(rows, inner, cols, createRandom(seedFor(size, seed))));
  },
});

/**
 * Matrices with entries uniform in [-1, 1): the PRNG's 32-bit fractions
 * scaled by 2 and shifted, both exact, so inputs are identical everywhere.
 */
export function generateMatrices(rows: number, inner: number, cols: number, random: Random): MatrixPair {
  const fill = (count: number): Float64Array => {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = random.next() * 2 - 1;
    return values;
  };
  const a = fill(rows * inner);
  return { rows, inner, cols, a, b: fill(inner * cols) };
}
