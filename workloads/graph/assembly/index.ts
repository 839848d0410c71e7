// PageRank of ../node.ts in AssemblyScript: same push-style power iteration,
// same float operations in the same order, so the ranks are bit-identical.
// Input (u32 LE): nodes, edges, iterations, offsets[nodes + 1], targets[edges].
// Output: nodes float64 LE ranks.
import { setOutputBuffer } from '../../../wasm/assembly/abi';
export { inputBuffer, outputPtr } from '../../../wasm/assembly/abi';

const HEADER_BYTES: usize = 12;
const DAMPING: f64 = 0.85;

/** Runs PageRank on the graph the host wrote at `ptr`; publishes the ranks. */
export function run(ptr: usize, len: i32): i32 {
  if (<usize>len < HEADER_BYTES) throw new RangeError('graph: input shorter than its header');
  const nodes = load<u32>(ptr);
  const edges = load<u32>(ptr, 4);
  const iterations = load<u32>(ptr, 8);
  if (<u64>len != <u64>HEADER_BYTES + 4 * (<u64>nodes + 1 + <u64>edges)) throw new RangeError('graph: size does not match header');
  // The CSR arrays are read in place from the host-written input region (no copy).
  const offsets = ptr + HEADER_BYTES;
  const targets = offsets + ((<usize>nodes + 1) << 2);
  validate(nodes, edges, offsets, targets);
  return setOutputBuffer(pageRank(nodes, iterations, offsets, targets));
}

/** Rejects inputs that would index outside the rank arrays. */
function validate(nodes: u32, edges: u32, offsets: usize, targets: usize): void {
  if (load<u32>(offsets) != 0 || load<u32>(offsets + (<usize>nodes << 2)) != edges) {
    throw new RangeError('graph: offsets must run from 0 to the edge count');
  }
  for (let u: usize = 0; u < <usize>nodes; u++) {
    if (load<u32>(offsets + (u << 2)) > load<u32>(offsets + (u << 2), 4)) throw new RangeError('graph: offsets must not decrease');
  }
  for (let e: usize = 0; e < <usize>edges; e++) {
    if (load<u32>(targets + (e << 2)) >= nodes) throw new RangeError('graph: edge target out of range');
  }
}

/** `iterations` rounds of PageRank from the uniform distribution; returns the final rank buffer. */
function pageRank(nodes: u32, iterations: u32, offsets: usize, targets: usize): ArrayBuffer {
  const n = <usize>nodes;
  const bytes = <i32>(n << 3);
  let rankBuffer = new ArrayBuffer(bytes);
  let nextBuffer = new ArrayBuffer(bytes);
  let rank = changetype<usize>(rankBuffer);
  let next = changetype<usize>(nextBuffer);
  const initial = 1 / <f64>nodes;
  for (let v: usize = 0; v < n; v++) store<f64>(rank + (v << 3), initial);
  const teleport = (1 - DAMPING) / <f64>nodes;
  for (let iteration: u32 = 0; iteration < iterations; iteration++) {
    memory.fill(next, 0, n << 3);
    let dangling: f64 = 0;
    for (let u: usize = 0; u < n; u++) {
      const start = load<u32>(offsets + (u << 2));
      const end = load<u32>(offsets + (u << 2), 4);
      const r = load<f64>(rank + (u << 3));
      if (start == end) {
        dangling += r;
        continue;
      }
      const share = r / <f64>(end - start);
      for (let e = <usize>start; e < <usize>end; e++) {
        const slot = next + (<usize>load<u32>(targets + (e << 2)) << 3);
        store<f64>(slot, load<f64>(slot) + share);
      }
    }
    const base = teleport + (DAMPING * dangling) / <f64>nodes;
    for (let v: usize = 0; v < n; v++) {
      const slot = next + (v << 3);
      store<f64>(slot, base + DAMPING * load<f64>(slot));
    }
    const doneBuffer = nextBuffer;
    nextBuffer = rankBuffer;
    rankBuffer = doneBuffer;
    rank = changetype<usize>(rankBuffer);
    next = changetype<usize>(nextBuffer);
  }
  return rankBuffer;
}
