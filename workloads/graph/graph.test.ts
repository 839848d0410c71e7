/**
 * PageRank against hand-computed graphs, a closed-form fixed point and an
 * independent dense-matrix reference, in both the TypeScript implementation
 * and the built Wasm module.
 */
import { describe, expect, it } from 'vitest';
import { workloadArtifacts } from '../../harness/paths.js';
import { loadWorkloadModule } from '../../wasm/loader.js';
import { createRandom } from '../_kit/random.js';
import { decodeGraph, encodeGraph, HEADER_BYTES } from './format.js';
import { DAMPING, run as runNode } from './node.js';
import definition, { generateGraph } from './workload.js';

const wasm = await loadWorkloadModule(workloadArtifacts('graph').wasm, definition.payload);
const implementations = [
  ['node', runNode],
  ['wasm', (input: Uint8Array) => wasm.call(input) as Uint8Array],
] as const;

/** Encodes a graph given as adjacency lists. */
function fromLists(lists: readonly (readonly number[])[], iterations: number): Uint8Array {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, u) => (offsets[u + 1] = offsets[u]! + list.length));
  return encodeGraph({ nodes: lists.length, iterations, offsets, targets: Uint32Array.from(lists.flat()) });
}

/** The output bytes as numbers (copied: the output may not be 8-byte aligned). */
function ranksOf(output: Uint8Array): number[] {
  return Array.from(new Float64Array(output.slice().buffer));
}

/**
 * Textbook PageRank, written independently: build the dense column-stochastic
 * matrix G = d (M + dangling columns of 1/n) + (1 - d)/n and multiply.
 */
function denseReference(input: Uint8Array): number[] {
  const { nodes: n, iterations, offsets, targets } = decodeGraph(input);
  const g = Array.from({ length: n }, () => new Array<number>(n).fill((1 - DAMPING) / n));
  for (let u = 0; u < n; u++) {
    const degree = offsets[u + 1]! - offsets[u]!;
    if (degree === 0) for (let v = 0; v < n; v++) g[v]![u]! += DAMPING / n;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) g[targets[e]!]![u]! += DAMPING / degree;
  }
  let rank = new Array<number>(n).fill(1 / n);
  for (let i = 0; i < iterations; i++) rank = g.map((row) => row.reduce((sum, value, u) => sum + value * rank[u]!, 0));
  return rank;
}

describe.each(implementations)('PageRank (%s)', (_name, run) => {
  it('returns the uniform distribution after zero iterations', () => {
    expect(ranksOf(run(fromLists([[1], [2], [0], []], 0)))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('spreads dangling mass evenly (hand-computed, one iteration)', () => {
    // 0 -> 1, node 1 dangling. From [0.5, 0.5]: base = 0.15/2 + 0.85*0.5/2 = 0.2875;
    // rank0 = 0.2875, rank1 = 0.2875 + 0.85*0.5 = 0.7125.
    const [r0, r1] = ranksOf(run(fromLists([[1], []], 1)));
    expect(r0).toBeCloseTo(0.2875, 15);
    expect(r1).toBeCloseTo(0.7125, 15);
  });

  it('converges to the closed-form fixed point of a two-node graph', () => {
    // r0 = 0.075 + 0.425 r1 and r1 = 1.85 r0 give r0 = 0.075 / 0.21375.
    const [r0, r1] = ranksOf(run(fromLists([[1], []], 200)));
    expect(r0).toBeCloseTo(0.075 / 0.21375, 12);
    expect(r1).toBeCloseTo((1.85 * 0.075) / 0.21375, 12);
  });

  it('keeps a directed cycle uniform', () => {
    for (const rank of ranksOf(run(fromLists([[1], [2], [3], [4], [0]], 20)))) expect(rank).toBeCloseTo(0.2, 15);
  });

  it('splits a node\'s rank evenly over its out-edges, counting repeated edges', () => {
    // Star: 0 -> 1, 2, 2 (2 gets two shares), leaves link back to 0.
    const ranks = ranksOf(run(fromLists([[1, 2, 2], [0], [0]], 1)));
    const third = (1 / 3) / 3;
    expect(ranks[0]).toBeCloseTo(0.05 + 0.85 * (2 / 3), 15);
    expect(ranks[1]).toBeCloseTo(0.05 + 0.85 * third, 15);
    expect(ranks[2]).toBeCloseTo(0.05 + 0.85 * 2 * third, 15);
  });

  it('matches the dense reference on generated graphs, and ranks sum to 1', () => {
    for (const [nodes, edges] of [[1, 0], [1, 3], [7, 12], [40, 150], [120, 300]] as const) {
      const input = encodeGraph(generateGraph(nodes, edges, 20, createRandom(nodes * 31 + edges)));
      const ranks = ranksOf(run(input));
      const reference = denseReference(input);
      expect(ranks).toHaveLength(nodes);
      ranks.forEach((rank, v) => expect(rank).toBeCloseTo(reference[v]!, 12));
      expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('sums to 1 with every rank positive on the small preset', () => {
    const ranks = ranksOf(run(definition.generateInput('small', 3) as Uint8Array));
    expect(ranks).toHaveLength(definition.sizes.small.params.nodes!);
    expect(ranks.every((rank) => rank > 0)).toBe(true);
    expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('returns no ranks for an empty graph', () => {
    expect(run(fromLists([], 20))).toHaveLength(0);
  });
});

describe('graph input', () => {
  it('is a valid, deterministic CSR graph with skewed out-degrees and dangling nodes', () => {
    const input = definition.generateInput('medium', 5) as Uint8Array;
    expect(Buffer.from(definition.generateInput('medium', 5) as Uint8Array).equals(input)).toBe(true);
    const { nodes, iterations, offsets, targets } = decodeGraph(input);
    expect({ nodes, edges: targets.length, iterations }).toEqual(definition.sizes.medium.params);
    const degrees = Array.from({ length: nodes }, (_, u) => offsets[u + 1]! - offsets[u]!);
    const mean = targets.length / nodes;
    expect(Math.max(...degrees)).toBeGreaterThan(50 * mean);
    expect(degrees.filter((d) => d === 0).length).toBeGreaterThan(nodes / 20);
    let selfLoops = 0;
    for (let u = 0; u < nodes; u++) for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (targets[e] === u) selfLoops++;
    expect(selfLoops).toBe(0);
  });

  it.each([
    ['a short header', new Uint8Array(HEADER_BYTES - 1)],
    ['a length that disagrees with the header', fromLists([[1], [0]], 1).subarray(0, HEADER_BYTES + 8)],
    ['an edge target out of range', fromLists([[5], [0]], 1)],
    ['decreasing offsets', encodeGraph({ nodes: 2, iterations: 1, offsets: Uint32Array.of(0, 2, 1), targets: Uint32Array.of(1) })],
  ])('is rejected with %s', async (_what, bad) => {
    expect(() => runNode(bad)).toThrow(RangeError);
    const fresh = await loadWorkloadModule(workloadArtifacts('graph').wasm, definition.payload);
    expect(() => fresh.call(bad)).toThrow(/wasm abort/);
  });
});
