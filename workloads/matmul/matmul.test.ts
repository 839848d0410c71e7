/**
 * Matrix multiply against a hand-computed product, identities and an
 * independent naive triple loop (dot product per element, same summation
 * order, so equality is exact), in both the TypeScript implementation and the
 * built Wasm SIMD module. Odd column counts cover every tail of the SIMD loop.
 */
import { describe, expect, it } from 'vitest';
import { workloadArtifacts } from '../../harness/paths.js';
import { loadWorkloadModule } from '../../wasm/loader.js';
import { createRandom } from '../_kit/random.js';
import { decodeMatrices, encodeMatrices, HEADER_BYTES } from './format.js';
import { run as runNode } from './node.js';
import definition, { generateMatrices } from './workload.js';

const wasm = await loadWorkloadModule(workloadArtifacts('matmul').wasm, definition.payload);
const implementations = [
  ['node', runNode],
  ['wasm', (input: Uint8Array) => wasm.call(input) as Uint8Array],
] as const;

/** Encodes matrices given as arrays of rows. */
function encode(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): Uint8Array {
  const inner = b.length;
  return encodeMatrices({ rows: a.length, inner, cols: b[0]?.length ?? 0, a: Float64Array.from(a.flat()), b: Float64Array.from(b.flat()) });
}

/** The output bytes as numbers (copied: the output may not be 8-byte aligned). */
function valuesOf(output: Uint8Array): number[] {
  return Array.from(new Float64Array(output.slice().buffer));
}

/** C[i][j] = sum over p of A[i][p] * B[p][j], written as a plain dot product per element. */
function naiveProduct(input: Uint8Array): number[] {
  const { rows, inner, cols, a, b } = decodeMatrices(input);
  const c: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let p = 0; p < inner; p++) sum += a[i * inner + p]! * b[p * cols + j]!;
      c.push(sum);
    }
  }
  return c;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

describe.each(implementations)('matrix multiply (%s)', (_name, run) => {
  it('multiplies a hand-computed 2x2 and a rectangular pair', () => {
    expect(valuesOf(run(encode([[1, 2], [3, 4]], [[5, 6], [7, 8]])))).toEqual([19, 22, 43, 50]);
    expect(valuesOf(run(encode([[1, 2, 3], [4, 5, 6]], [[1], [0], [-1]])))).toEqual([-2, -2]);
  });

  it.each([1, 2, 3, 4, 5, 7, 10])('leaves a %i-column matrix unchanged when multiplied by the identity', (n) => {
    const { a } = generateMatrices(3, n, 0, createRandom(n));
    const rows = Array.from({ length: 3 }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
    expect(valuesOf(run(encode(rows, identity(n))))).toEqual(Array.from(a));
    expect(valuesOf(run(encode(identity(3), rows)))).toEqual(Array.from(a));
  });

  it.each([
    [1, 1, 1],
    [2, 3, 2],
    [3, 5, 4],
    [4, 4, 5],
    [5, 3, 6],
    [6, 7, 7],
    [9, 17, 13],
    [16, 16, 16],
  ])('equals the naive triple loop bit for bit (%i x %i times %i columns)', (rows, inner, cols) => {
    const input = encodeMatrices(generateMatrices(rows, inner, cols, createRandom(rows * 10_000 + inner * 100 + cols)));
    expect(valuesOf(run(input))).toEqual(naiveProduct(input));
  });

  it.each([1, 2, 3, 4, 5, 7])('multiplies and adds separately, never fused (%i columns)', (cols) => {
    // -1 + (1 + 2^-30)(1 - 2^-30): the product rounds to 1, so the sum is 0;
    // a fused multiply-add would keep the exact product and give -2^-60.
    const x = 1 + 2 ** -30;
    const y = 1 - 2 ** -30;
    const product = valuesOf(run(encode([[1, x]], [new Array<number>(cols).fill(-1), new Array<number>(cols).fill(y)])));
    expect(product).toEqual(new Array<number>(cols).fill(0));
  });

  it('returns zeros for an empty inner dimension and nothing for empty outer ones', () => {
    expect(valuesOf(run(encodeMatrices({ rows: 2, inner: 0, cols: 3, a: new Float64Array(0), b: new Float64Array(0) })))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run(encodeMatrices({ rows: 0, inner: 4, cols: 4, a: new Float64Array(0), b: new Float64Array(16) }))).toHaveLength(0);
  });

  it('matches the naive triple loop on the small preset', () => {
    const input = definition.generateInput('small', 11) as Uint8Array;
    expect(valuesOf(run(input))).toEqual(naiveProduct(input));
  });
});

describe('matmul input', () => {
  it('is deterministic and self-describing, with entries in [-1, 1)', () => {
    const input = definition.generateInput('medium', 5) as Uint8Array;
    expect(Buffer.from(definition.generateInput('medium', 5) as Uint8Array).equals(input)).toBe(true);
    const { rows, inner, cols, a, b } = decodeMatrices(input);
    expect({ rows, inner, cols }).toEqual(definition.sizes.medium.params);
    const values = [...a, ...b];
    expect(values.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(values.length * 0.99);
  });

  it.each([
    ['a short header', new Uint8Array(HEADER_BYTES - 1)],
    ['a length that disagrees with the header', encode([[1, 2]], [[1], [2]]).subarray(0, HEADER_BYTES + 16)],
    ['a result over 1 GiB', encodeMatrices({ rows: 1 << 14, inner: 0, cols: 1 << 13, a: new Float64Array(0), b: new Float64Array(0) })],
  ])('is rejected with %s', async (_what, bad) => {
    expect(() => runNode(bad)).toThrow(RangeError);
    const fresh = await loadWorkloadModule(workloadArtifacts('matmul').wasm, definition.payload);
    expect(() => fresh.call(bad)).toThrow(/wasm abort/);
  });
});
