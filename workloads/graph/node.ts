/**
 * PageRank as a Node Lambda would compute it on a CSR graph: push-style power
 * iteration over Float64Arrays, a fixed number of iterations (so the work per
 * call is fixed), damping 0.85, rank of nodes without out-edges (dangling)
 * spread evenly over all nodes.
 *
 * The AssemblyScript version (assembly/index.ts) performs the same float
 * operations in the same order, which makes the results bit-identical:
 * JS numbers and Wasm f64 are both IEEE-754 binary64 without fused operations.
 */
import { decodeGraph } from './format.js';

/** Damping factor: probability of following a link rather than teleporting. */
export const DAMPING = 0.85;

/** Runs PageRank on an encoded graph; returns the ranks as float64 LE bytes. */
export function run(input: Uint8Array): Uint8Array {
  const { nodes, iterations, offsets, targets } = decodeGraph(input);
  const ranks = pageRank(nodes, iterations, offsets, targets);
  return new Uint8Array(ranks.buffer, ranks.byteOffset, ranks.byteLength);
}

/** `iterations` rounds of PageRank from the uniform distribution. */
export function pageRank(nodes: number, iterations: number, offsets: Uint32Array, targets: Uint32Array): Float64Array {
  let rank = new Float64Array(nodes).fill(1 / nodes);
  let next = new Float64Array(nodes);
  const teleport = (1 - DAMPING) / nodes;
  for (let iteration = 0; iteration < iterations; iteration++) {
    next.fill(0);
    let dangling = 0;
    for (let u = 0; u < nodes; u++) {
      const start = offsets[u]!;
      const end = offsets[u + 1]!;
      const r = rank[u]!;
      if (start === end) {
        dangling += r;
        continue;
      }
      const share = r / (end - start);
      for (let e = start; e < end; e++) next[targets[e]!]! += share;
    }
    const base = teleport + (DAMPING * dangling) / nodes;
    for (let v = 0; v < nodes; v++) next[v] = base + DAMPING * next[v]!;
    const done = next;
    next = rank;
    rank = done;
  }
  return rank;
}
