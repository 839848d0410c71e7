/**
 * The matmul workload's wire format (the AssemblyScript side mirrors it in
 * assembly/index.ts):
 *
 *   u32 LE rows (m), u32 LE inner (k), u32 LE cols (n), u32 reserved (0, keeps the data 8-byte aligned)
 *   A: m*k float64 LE, row-major
 *   B: k*n float64 LE, row-major
 *
 * Output: C = A x B, m*n float64 LE, row-major.
 */

/** Bytes before A. */
export const HEADER_BYTES = 16;

/** Largest result accepted, in bytes: AssemblyScript's largest single allocation is just under 1 GiB. */
export const MAX_OUTPUT_BYTES = 2 ** 30 - 64;

/** Two matrices to multiply, row-major. */
export interface MatrixPair {
  readonly rows: number;
  readonly inner: number;
  readonly cols: number;
  /** rows x inner. */
  readonly a: Float64Array;
  /** inner x cols. */
  readonly b: Float64Array;
}

/** Encodes A (rows x inner) and B (inner x cols) as a workload input. */
export function encodeMatrices(pair: MatrixPair): Uint8Array {
  const { rows, inner, cols, a, b } = pair;
  if (a.length !== rows * inner || b.length !== inner * cols) throw new RangeError('matmul: matrix sizes disagree with dimensions');
  const bytes = new Uint8Array(HEADER_BYTES + 8 * (a.length + b.length));
  new Uint32Array(bytes.buffer, 0, 4).set([rows, inner, cols, 0]);
  // Typed arrays use the platform byte order; every Lambda architecture (x86_64, arm64) is little-endian.
  const data = new Float64Array(bytes.buffer, HEADER_BYTES, a.length + b.length);
  data.set(a);
  data.set(b, a.length);
  return bytes;
}

/** Decodes an input; A and B are views on it when it is 8-byte aligned (the usual case), copies otherwise. */
export function decodeMatrices(input: Uint8Array): MatrixPair {
  if (input.length < HEADER_BYTES) throw new RangeError('matmul: input shorter than its header');
  const header = new DataView(input.buffer, input.byteOffset, HEADER_BYTES);
  const rows = header.getUint32(0, true);
  const inner = header.getUint32(4, true);
  const cols = header.getUint32(8, true);
  if (input.length !== HEADER_BYTES + 8 * (rows * inner + inner * cols)) throw new RangeError('matmul: size does not match header');
  // With inner = 0 a tiny input can ask for a huge C; both sides refuse the same limit.
  if (8 * rows * cols > MAX_OUTPUT_BYTES) throw new RangeError('matmul: result too large');
  const doubles = (byteOffset: number, count: number): Float64Array => {
    const start = input.byteOffset + byteOffset;
    if (start % 8 === 0) return new Float64Array(input.buffer, start, count);
    return new Float64Array(input.slice(byteOffset, byteOffset + 8 * count).buffer);
  };
  const a = doubles(HEADER_BYTES, rows * inner);
  const b = doubles(HEADER_BYTES + 8 * rows * inner, inner * cols);
  return { rows, inner, cols, a, b };
}
