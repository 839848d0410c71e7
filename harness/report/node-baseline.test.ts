/**
 * Verdicts against the fastest verified Node variant (issue 15, item 4):
 * "Wasm, or what a team would write in Node". A sha256-like run, where
 * node-idiomatic (node:crypto) is 5x faster than the TypeScript port and the
 * AssemblyScript module only 1.7x faster than the port, must stay on Node.js
 * and name node-idiomatic, with the port comparison as the second one; a run
 * where wasm beats both may consider wasm; node-idiomatic is never an
 * alternative to move to. Figures are invented for the tests.
 */
import { describe, expect, it } from 'vitest';
import type { CompletedResult, ResultRecord, RunRecord, SizeName } from '../contract/index.js';
import { decideWorkload } from './adr-decide.js';
import { renderAdr } from './adr.js';
import { closingBlock, closingLines } from './closing.js';
import { renderCsv } from './csv.js';
import { completed, forked, processes, sampleRun, vs } from './fixtures.js';
import { warmTable } from './tables.js';

const WHY = "What a Node team hashing a request body calls: `node:crypto`'s createHash('sha256'), OpenSSL's native SHA-256, not a TypeScript port.";
const SIZES: readonly SizeName[] = ['small', 'medium'];

/**
 * One workload at two sizes: node (the port) at 100 µs, node-idiomatic at
 * `idiomatic` × node, wasm at `wasm` × node; wasm's ratio to node-idiomatic
 * is wasm / idiomatic, as local-warm records it when node-idiomatic is the
 * fastest Node variant. CIs are ±4% of each ratio, from 5 processes.
 */
function run(idiomatic: number, wasm: number): RunRecord {
  const ratio = (r: number) => vs(r, r * 0.96, r * 1.04, r < 0.96 ? 'faster' : r > 1.04 ? 'slower' : 'no-significant-difference', processes(5));
  const results: ResultRecord[] = SIZES.flatMap((size) => [
    completed('sha256', 'node', size, { warm: forked(100_000) }),
    completed('sha256', 'node-idiomatic', size, { warm: forked(100_000 * idiomatic), vsNode: ratio(idiomatic), build: { bundler: 'esbuild', why: WHY } }),
    completed('sha256', 'wasm', size, {
      warm: forked(100_000 * wasm),
      vsNode: ratio(wasm),
      ...(idiomatic < 1 ? { vsFastestNode: { ...ratio(wasm / idiomatic), baseline: 'node-idiomatic' as const } } : {}),
    }),
  ]);
  return sampleRun(results);
}

/** node:crypto 5x faster than the port; wasm 1.7x faster than the port, so 2.94x slower than node:crypto. */
const shaLike = () => run(0.2, 1 / 1.7);
/** node-idiomatic 2x faster than the port; wasm 5x faster than the port, so 2.5x faster than node-idiomatic. */
const wasmBeatsBoth = () => run(0.5, 0.2);

const decision = (r: RunRecord) => decideWorkload('sha256', r.results);

describe('a sha256-like run: node:crypto 5x faster than the port, wasm 1.7x faster than the port', () => {
  it('stays on Node.js, judged against node-idiomatic, and keeps the port comparison as same-algorithm evidence', () => {
    const d = decision(shaLike());
    expect(d.recommendation).toEqual({ kind: 'stay-on-node', because: 'slower' });
    expect(d.nodeBaseline).toBe('node-idiomatic');
    expect(d.nodeBaselineCalls).toBe('node:crypto');
    expect(d.assessments.map((a) => a.target)).toEqual(['wasm']);
    const wasm = d.assessments[0]!;
    if (wasm.kind === 'excluded') throw new Error(wasm.reason);
    expect(wasm.evidence.map((e) => [e.size, e.nodeBaseline, e.warm?.verdict, e.sameAlgorithm?.verdict])).toEqual([
      ['small', 'node-idiomatic', 'slower', 'faster'],
      ['medium', 'node-idiomatic', 'slower', 'faster'],
    ]);
    expect(wasm.evidence[0]!.baselineRow?.target).toBe('node-idiomatic');
  });

  it('closing block: names node-idiomatic and node:crypto, quotes both ratios with their intervals, the port second', () => {
    const [entry] = closingBlock(shaLike()).entries;
    expect(entry!.recommendation.headline).toBe('stay on Node.js (node-idiomatic: node:crypto)');
    expect(entry!.recommendation.reason).toContain('wasm is slower warm at every size measured');
    expect(entry!.recommendation.reason).toContain('against the same algorithm in TypeScript (node) it is faster');
    expect(entry!.figures[0]).toBe('wasm warm vs node-idiomatic (node:crypto): 2.94× slower [2.82–3.06] (5 processes) at small, 2.94× slower [2.82–3.06] (5 processes) at medium');
    expect(entry!.figures[1]).toBe('vs node, the same algorithm in TypeScript: 1.70× faster [1.63–1.77] (5 processes) at small, 1.70× faster [1.63–1.77] (5 processes) at medium');
    const text = closingLines(shaLike()).join('\n');
    expect(text).toContain('stay on Node.js (node-idiomatic: node:crypto)');
    expect(text).not.toMatch(/consider node-idiomatic/i);
  });

  it('ADR: keeps sha256 on Node.js with node-idiomatic chosen, both comparisons in the reasoning, never "consider node-idiomatic"', () => {
    const adr = renderAdr(shaLike());
    expect(adr).toContain('# Keep sha256 on Node.js\n');
    expect(adr).toContain('Chosen option: "node-idiomatic", because it is the Node code a team would write');
    expect(adr).toContain('**Stay on Node.js (node-idiomatic: node:crypto).**');
    expect(adr).toContain('vs node-idiomatic, the fastest verified Node variant: 2.94× slower [2.82–3.06] (5 processes)');
    expect(adr).toContain('vs node, the same algorithm: 1.70× faster [1.63–1.77] (5 processes)');
    expect(adr).toContain('Bad, because it is significantly slower warm than the fastest verified Node variant for: sha256 (vs node-idiomatic) at small and medium.');
    expect(adr).toContain('### node-idiomatic\n');
    expect(adr).not.toMatch(/consider node-idiomatic/i);
    expect(adr).not.toMatch(/Chosen option: "wasm"/);
  });

  it('tables and CSV carry the ratio to the fastest Node variant, its interval, verdict and baseline', () => {
    const r = shaLike();
    const table = warmTable(r.results)!;
    const column = table.columns.findIndex((c) => c.header === 'vs fastest Node variant [95% CI]');
    expect(column).toBeGreaterThan(0);
    const wasmRow = table.rows.find((row) => row[1]?.text === 'wasm')!;
    expect(wasmRow[column]).toEqual({ text: '2.94× slower [2.82–3.06] (5 processes) vs node-idiomatic', kind: 'slower' });
    const [header, ...lines] = renderCsv(r).trimEnd().split('\n');
    const names = header!.split(',');
    const wasmLine = lines.find((l) => l.startsWith('sha256,wasm,local,small'))!.split(',');
    const field = (name: string) => wasmLine[names.indexOf(name)];
    expect(names).toEqual(expect.arrayContaining(['vs_fastest_node_ratio', 'vs_fastest_node_ci_low', 'vs_fastest_node_ci_high', 'vs_fastest_node_verdict', 'vs_fastest_node_baseline']));
    expect(Number(field('vs_fastest_node_ratio'))).toBeCloseTo(1 / 1.7 / 0.2, 4);
    expect(field('vs_fastest_node_verdict')).toBe('slower');
    expect(field('vs_fastest_node_baseline')).toBe('node-idiomatic');
  });
});

describe('a run where wasm beats node:crypto and the port', () => {
  it('considers wasm, judged against node-idiomatic, and says so', () => {
    const r = wasmBeatsBoth();
    const d = decision(r);
    expect(d.recommendation).toEqual({ kind: 'consider-target', target: 'wasm' });
    expect(d.nodeBaseline).toBe('node-idiomatic');
    const [entry] = closingBlock(r).entries;
    expect(entry!.recommendation.headline).toBe('consider wasm');
    expect(entry!.recommendation.reason).toContain('judged against node-idiomatic: node:crypto, the fastest verified Node variant');
    expect(entry!.figures[0]).toContain('wasm warm vs node-idiomatic (node:crypto): 2.50× faster');
    const adr = renderAdr(r);
    expect(adr).toContain('Chosen option: "wasm"');
    expect(adr).toContain('These verdicts are against node-idiomatic: node:crypto, the fastest verified Node variant.');
  });
});

describe('a run where wasm against node-idiomatic has no verdict', () => {
  it('is not decided, says it is the comparison with node-idiomatic that has none, and never reads the port win as a verdict', () => {
    const r = shaLike();
    const unresolved = {
      ...r,
      results: r.results.map((x) => (x.state === 'completed' && x.vsFastestNode ? { ...x, vsFastestNode: { ...vs(1.02, 0.9, 1.15, 'unresolved', processes(10)), baseline: 'node-idiomatic' as const } } : x)),
    };
    const d = decision(unresolved);
    expect(d.recommendation).toEqual({ kind: 'unresolved', targets: ['wasm'] });
    const adr = renderAdr(unresolved);
    expect(adr).toContain('The warm comparison with node-idiomatic has no verdict (wasm at small, medium)');
    expect(adr).toContain('the warm comparison with node-idiomatic has no verdict (wasm at small and medium)');
    expect(closingBlock(unresolved).entries[0]!.recommendation.headline).toBe('not decided');
  });
});

describe('node-idiomatic is never an alternative', () => {
  it('a run of node and node-idiomatic only stays on Node.js, naming the faster variant, with nothing assessed', () => {
    const r = shaLike();
    const nodeOnly = { ...r, results: r.results.filter((x) => x.target !== 'wasm') };
    const d = decision(nodeOnly);
    expect(d.assessments).toEqual([]);
    expect(d.recommendation).toEqual({ kind: 'stay-on-node', because: 'no-valid-alternative' });
    expect(d.nodeBaseline).toBe('node-idiomatic');
    expect(closingBlock(nodeOnly).entries[0]!.recommendation.headline).toBe('stay on Node.js (node-idiomatic: node:crypto)');
    expect(renderAdr(nodeOnly)).not.toMatch(/consider node-idiomatic/i);
  });

  it('is never recommended whatever its speed-up over the port, in any run here', () => {
    for (const r of [shaLike(), wasmBeatsBoth()]) {
      const rec = decision(r).recommendation;
      expect('target' in rec ? rec.target : undefined).not.toBe('node-idiomatic');
      expect(decision(r).assessments.some((a) => a.target === 'node-idiomatic' || a.target === 'node')).toBe(false);
    }
  });

  it('a run where node is the fastest Node variant reads as against node, without the second comparison', () => {
    const r = run(1.5, 0.5);
    // node-idiomatic slower than the port: local-warm records no vsFastestNode, and wasm is judged on vsNode.
    const d = decision(r);
    expect(d.nodeBaseline).toBe('node');
    expect(d.recommendation).toEqual({ kind: 'consider-target', target: 'wasm' });
    const [entry] = closingBlock(r).entries;
    expect(entry!.figures[0]).toBe('wasm warm: 2.00× faster [1.92–2.08] at small, 2.00× faster [1.92–2.08] at medium (5 processes)');
    expect(entry!.figures.some((f) => f.includes('same algorithm'))).toBe(false);
    expect((r.results.find((x) => x.target === 'wasm') as CompletedResult).vsFastestNode).toBeUndefined();
  });
});
