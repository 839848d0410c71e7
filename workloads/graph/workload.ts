import { defineWorkload } from '../_kit/define.js';
import { alreadyIdiomatic } from '../../harness/workloads/idiomatic.js';
import { createRandom, seedFor, type Random } from '../_kit/random.js';
import { encodeGraph, type CsrGraph } from './format.js';

/** Fixed iteration count: the work per call must not depend on convergence. */
const ITERATIONS = 20;

const SIZES = {
  small: { nodes: 1_000, edges: 4_000, iterations: ITERATIONS },
  medium: { nodes: 10_000, edges: 50_000, iterations: ITERATIONS },
  large: { nodes: 60_000, edges: 300_000, iterations: ITERATIONS },
} as const;

export default defineWorkload({
  name: 'graph',
  description: 'PageRank (damping 0.85, 20 fixed iterations, dangling mass spread) over a power-law directed graph in CSR form; returns float64 ranks.',
  stresses: ['float64 arithmetic in a fixed order', 'random-access scatter into a rank array', 'per-call scratch arrays'],
  payload: { input: 'bytes', output: 'bytes' },
  sizes: {
    small: { description: '1k nodes, 4k edges, 20 iterations', params: SIZES.small },
    medium: { description: '10k nodes, 50k edges, 20 iterations', params: SIZES.medium },
    large: { description: '60k nodes, 300k edges, 20 iterations', params: SIZES.large },
  },
  asc: {
    runtime: 'incremental',
    why: 'allocates two rank arrays per call (one becomes the output); the incremental GC reclaims them without host help',
  },
  unsupportedTargets: { 'node-idiomatic': alreadyIdiomatic('Node has no built-in graph or linear-algebra routine; PageRank over Float64Arrays is what a Node handler writes') },
  generateInput: (size, seed) => {
    const { nodes, edges, iterations } = SIZES[size];
    return encodeGraph(generateGraph(nodes, edges, iterations, createRandom(seedFor(size, seed))));
  },
});

/**
 * A directed graph with skewed degrees, like link or follow graphs: each
 * edge's source is drawn with density ~ x^-2/3 over a random node order
 * (a few hubs with thousands of out-links, a long tail with none, i.e.
 * dangling nodes) and its target with density ~ x^-1/2 over another order
 * (popular pages). No self-loops when nodes > 1; repeated edges may occur, as
 * in raw link data. Only multiplication and floor on the PRNG's exact
 * fractions, so the graph is identical on every machine.
 */
export function generateGraph(nodes: number, edges: number, iterations: number, random: Random): CsrGraph {
  const sourceOrder = permutation(nodes, random);
  const targetOrder = permutation(nodes, random);
  const sources = new Uint32Array(edges);
  const targets = new Uint32Array(edges);
  for (let e = 0; e < edges; e++) {
    const a = random.next();
    const b = random.next();
    const source = sourceOrder[Math.floor(nodes * a * a * a)]!;
    let target = targetOrder[Math.floor(nodes * b * b)]!;
    if (target === source && nodes > 1) target = (target + 1) % nodes;
    sources[e] = source;
    targets[e] = target;
  }
  // Counting sort by source into CSR, keeping generation order within a node.
  const offsets = new Uint32Array(nodes + 1);
  for (let e = 0; e < edges; e++) offsets[sources[e]! + 1]! += 1;
  for (let u = 0; u < nodes; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, nodes);
  const sorted = new Uint32Array(edges);
  for (let e = 0; e < edges; e++) sorted[cursor[sources[e]!]!++] = targets[e]!;
  return { nodes, iterations, offsets, targets: sorted };
}

/** A uniformly random ordering of 0..n-1 (Fisher-Yates). */
function permutation(n: number, random: Random): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
