// C = A x B of ../node.ts in AssemblyScript with Wasm SIMD: the same i-k-j
// loop, but the innermost loop handles two adjacent columns of C per f64x2
// operation. Each lane still computes C[i][j] += A[i][p] * B[p][j] for
// p = 0, 1, ... with a separate multiply and add (Wasm SIMD has no fused
// multiply-add), so every element is bit-identical to the scalar version.
// Input: u32 LE rows, inner, cols, reserved; A (rows x inner) and B (inner x cols) float64 LE row-major.
// Output: C (rows x cols) float64 LE row-major.
import { setOutputBuffer } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

const HEADER_BYTES: usize = 16;
const MAX_OUTPUT_BYTES: u64 = (1 << 30) - 64;

/** Multiplies the matrices the host wrote at `ptr`; publishes C. */
export function run(ptr: usize, len: i32): i32 {
  if (<usize>len < HEADER_BYTES) throw new RangeError('matmul: input shorter than its header');
  const rows = load<u32>(ptr);
  const inner = load<u32>(ptr, 4);
  const cols = load<u32>(ptr, 8);
  if (<u64>len != <u64>HEADER_BYTES + 8 * (<u64>rows * <u64>inner + <u64>inner * <u64>cols)) {
    throw new RangeError('matmul: size does not match header');
  }
  // With inner = 0 a tiny input can ask for a huge C; same limit as ../format.ts.
  if (8 * <u64>rows * <u64>cols > MAX_OUTPUT_BYTES) throw new RangeError('matmul: result too large');
  // A and B are read in place from the host-written input region (no copy).
  const a = ptr + HEADER_BYTES;
  const b = a + ((<usize>rows * <usize>inner) << 3);
  return setOutputBuffer(multiply(<usize>rows, <usize>inner, <usize>cols, a, b));
}

function multiply(rows: usize, inner: usize, cols: usize, a: usize, b: usize): ArrayBuffer {
  // Zero-filled by the runtime: every element's sum starts from +0, as in Float64Array.
  const out = new ArrayBuffer(<i32>((rows * cols) << 3));
  const c = changetype<usize>(out);
  const rowBytes = cols << 3;
  // Columns handled four (two f64x2 vectors) at a time, then a pair, then a scalar tail.
  const cols4 = cols & ~3;
  const cols2 = cols & ~1;
  for (let i: usize = 0; i < rows; i++) {
    const cRow = c + i * rowBytes;
    const aRow = a + ((i * inner) << 3);
    for (let p: usize = 0; p < inner; p++) {
      const aip = load<f64>(aRow + (p << 3));
      const av = f64x2.splat(aip);
      const bRow = b + p * rowBytes;
      let j: usize = 0;
      for (; j < cols4; j += 4) {
        const cj = cRow + (j << 3);
        const bj = bRow + (j << 3);
        v128.store(cj, f64x2.add(v128.load(cj), f64x2.mul(av, v128.load(bj))));
        v128.store(cj, f64x2.add(v128.load(cj, 16), f64x2.mul(av, v128.load(bj, 16))), 16);
      }
      if (j < cols2) {
        const cj = cRow + (j << 3);
        v128.store(cj, f64x2.add(v128.load(cj), f64x2.mul(av, v128.load(bRow + (j << 3)))));
        j += 2;
      }
      if (j < cols) {
        const cj = cRow + (j << 3);
        store<f64>(cj, load<f64>(cj) + aip * load<f64>(bRow + (j << 3)));
      }
    }
  }
  return out;
}
