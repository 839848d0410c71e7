/**
 * The graph workload's wire format (the AssemblyScript side mirrors it in
 * assembly/index.ts). All integers are u32 little-endian:
 *
 *   nodes, edges, iterations,
 *   offsets[nodes + 1]   CSR row starts: node u's out-edges are targets[offsets[u] .. offsets[u+1])
 *   targets[edges]       destination node of each edge
 *
 * Output: `nodes` float64 little-endian ranks.
 */

/** Bytes before the offsets array. */
export const HEADER_BYTES = 12;

/** A directed graph in compressed sparse row form. */
export interface CsrGraph {
  readonly nodes: number;
  readonly iterations: number;
  /** Length nodes + 1; offsets[0] = 0, offsets[nodes] = edge count, non-decreasing. */
  readonly offsets: Uint32Array;
  /** Length = edge count; every entry < nodes. */
  readonly targets: Uint32Array;
}

/** Encodes a CSR graph and an iteration count as a workload input. */
export function encodeGraph(graph: CsrGraph): Uint8Array {
  const edges = graph.targets.length;
  const words = new Uint32Array(3 + graph.nodes + 1 + edges);
  words[0] = graph.nodes;
  words[1] = edges;
  words[2] = graph.iterations;
  words.set(graph.offsets, 3);
  words.set(graph.targets, 3 + graph.nodes + 1);
  // Typed arrays use the platform byte order; every Lambda architecture (x86_64, arm64) is little-endian.
  return new Uint8Array(words.buffer);
}

/**
 * Decodes and validates an input. The arrays are views on the input when it
 * is 4-byte aligned (the usual case), copies otherwise.
 */
export function decodeGraph(input: Uint8Array): CsrGraph {
  if (input.length < HEADER_BYTES) throw new RangeError('graph: input shorter than its header');
  const header = new DataView(input.buffer, input.byteOffset, HEADER_BYTES);
  const nodes = header.getUint32(0, true);
  const edges = header.getUint32(4, true);
  const iterations = header.getUint32(8, true);
  if (input.length !== HEADER_BYTES + 4 * (nodes + 1 + edges)) throw new RangeError('graph: size does not match header');
  const words = (byteOffset: number, count: number): Uint32Array => {
    const start = input.byteOffset + byteOffset;
    if (start % 4 === 0) return new Uint32Array(input.buffer, start, count);
    return new Uint32Array(input.slice(byteOffset, byteOffset + 4 * count).buffer);
  };
  const offsets = words(HEADER_BYTES, nodes + 1);
  const targets = words(HEADER_BYTES + 4 * (nodes + 1), edges);
  if (offsets[0] !== 0 || offsets[nodes] !== edges) throw new RangeError('graph: offsets must run from 0 to the edge count');
  for (let u = 0; u < nodes; u++) {
    if (offsets[u]! > offsets[u + 1]!) throw new RangeError('graph: offsets must not decrease');
  }
  for (let e = 0; e < edges; e++) {
    if (targets[e]! >= nodes) throw new RangeError('graph: edge target out of range');
  }
  return { nodes, iterations, offsets, targets };
}
