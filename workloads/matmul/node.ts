/**
 * Dense float64 matrix multiply C = A x B as a Node Lambda would write it:
 * Float64Arrays and the cache-friendly i-k-j loop order (the inner loop walks
 * a row of B and a row of C contiguously).
 *
 * Each C[i][j] is accumulated from 0 as C += A[i][p] * B[p][j] for p = 0, 1, ...
 * The AssemblyScript version computes two adjacent columns per SIMD f64x2
 * operation with the same per-element order (separate multiply and add, no
 * fused multiply-add), so its results are bit-identical.
 */
import { decodeMatrices } from './format.js';

/** Multiplies the two encoded matrices; returns C as float64 LE bytes. */
export function run(input: Uint8Array): Uint8Array {
  const { rows, inner, cols, a, b } = decodeMatrices(input);
  const c = multiply(rows, inner, cols, a, b);
  return new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
}

/** C (rows x cols) = A (rows x inner) x B (inner x cols), all row-major. */
export function multiply(rows: number, inner: number, cols: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const cRow = i * cols;
    const aRow = i * inner;
    for (let p = 0; p < inner; p++) {
      const aip = a[aRow + p]!;
      const bRow = p * cols;
      for (let j = 0; j < cols; j++) c[cRow + j]! += aip * b[bRow + j]!;
    }
  }
  return c;
}
