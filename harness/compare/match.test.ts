/**
 * Row pairing: matched rows are compared figure by figure, rows in one run
 * only and rows errored or unsupported in either run are listed, never
 * dropped, and Lambda rows contribute their own figures.
 */
import { describe, expect, it } from 'vitest';
import { completed, errored, lambdaCompleted, unsupported, vs, warm } from '../report/fixtures.js';
import type { CompletedResult, ResultRecord } from '../contract/index.js';
import { matchRows, stateText, type FigureComparison, type RowComparison } from './match.js';

const figures = (row: RowComparison | undefined): readonly FigureComparison[] => (row?.state === 'compared' ? row.figures : []);

describe('matchRows', () => {
  it('pairs rows by workload, target, placement, size and engine, and compares each figure they share', () => {
    const a = [completed('sha256', 'node', 'small', { warm: warm(100_000) }), completed('sha256', 'wasm', 'small', { warm: warm(50_000), vsNode: vs(0.5, 0.49, 0.51, 'faster') })];
    const b = [completed('sha256', 'wasm', 'small', { warm: warm(60_000), vsNode: vs(0.6, 0.59, 0.61, 'faster') }), completed('sha256', 'node', 'small', { warm: warm(100_000) })];
    const { rows, onlyInA, onlyInB } = matchRows(a, b, 0.02);
    expect(onlyInA).toEqual([]);
    expect(onlyInB).toEqual([]);
    expect(rows.map((r) => r.key)).toEqual(['sha256/node/local/small', 'sha256/wasm/local/small']);
    expect(figures(rows[0]).map((f) => (f.state === 'compared' ? [f.kind, f.verdict] : f.state))).toEqual([['warm-median', 'unclear']]);
    const wasm = figures(rows[1]);
    expect(wasm.map((f) => f.kind)).toEqual(['warm-median', 'warm-vs-node']);
    const ratio = wasm[1];
    expect(ratio?.state === 'compared' && ratio.change.ratio).toBeCloseTo(1.2, 12);
    // The ratio grew (wasm got slower relative to node): a regression.
    expect(ratio?.state === 'compared' && ratio.verdict).toBe('regression');
    expect(ratio?.state === 'compared' && ratio.insideA).toBe(false);
  });

  it('lists rows present in one run only, with their state, in each run', () => {
    const a = [completed('sha256', 'node', 'small', { warm: warm(1000) }), errored('noop', 'wasm', 'small', 'crashed: unreachable', 'crashed')];
    const b = [completed('sha256', 'node', 'small', { warm: warm(1000) }), completed('sha256', 'node', 'large', { warm: warm(9000) })];
    const { rows, onlyInA, onlyInB } = matchRows(a, b, 0.02);
    expect(rows.map((r) => r.key)).toEqual(['sha256/node/local/small']);
    expect(onlyInA).toEqual([{ key: 'noop/wasm/local/small', state: 'errored (crashed: crashed: unreachable)' }]);
    expect(onlyInB).toEqual([{ key: 'sha256/node/local/large', state: 'completed' }]);
  });

  it('lists pairs where either side errored or was unsupported with both states, and compares none of their figures', () => {
    const a = [completed('graph', 'wasm', 'small', { warm: warm(1000) }), unsupported('json-transform', 'component', 'small', 'no JSON builtins'), errored('x', 'wasm', 'large', 'digest mismatch')];
    const b = [errored('graph', 'wasm', 'small', 'ran past 30 s', 'timeout'), unsupported('json-transform', 'component', 'small', 'no JSON builtins'), completed('x', 'wasm', 'large', { warm: warm(5) })];
    const { rows } = matchRows(a, b, 0.02);
    expect(rows).toEqual([
      { state: 'not-compared', key: 'graph/wasm/local/small', stateA: 'completed', stateB: 'errored (timeout: ran past 30 s)' },
      { state: 'not-compared', key: 'json-transform/component/local/small', stateA: 'unsupported (no JSON builtins)', stateB: 'unsupported (no JSON builtins)' },
      // An errored row of an older run (no failure kind) reads as wrong-output, as the reports read it.
      { state: 'not-compared', key: 'x/wasm/local/large', stateA: 'errored (wrong-output: digest mismatch)', stateB: 'completed' },
    ]);
  });

  it('keeps the engine in the key: cold rows of two engines are two rows', () => {
    const row = (engine: string, ns: number): ResultRecord => ({ ...completed('noop', 'wasm', 'small', { warm: warm(ns) }), engine });
    const { rows, onlyInA, onlyInB } = matchRows([row('default', 10), row('liftoff-only', 20)], [row('liftoff-only', 20)], 0.02);
    expect(rows.map((r) => r.key)).toEqual(['noop/wasm/local/small/liftoff-only']);
    expect(onlyInA.map((r) => r.key)).toEqual(['noop/wasm/local/small/default']);
    expect(onlyInB).toEqual([]);
  });

  it('pairs repeated keys in order instead of letting one overwrite the other', () => {
    const a = [completed('sha256', 'node', 'medium', { warm: warm(100) }), completed('sha256', 'node', 'medium', { warm: warm(200) })];
    const b = [completed('sha256', 'node', 'medium', { warm: warm(100) })];
    const { rows, onlyInA } = matchRows(a, b, 0.02);
    expect(rows.map((r) => r.key)).toEqual(['sha256/node/local/medium']);
    expect(onlyInA.map((r) => r.key)).toEqual(['sha256/node/local/medium#2']);
  });

  it('lists a figure only one run has, and one whose interval cannot be combined, with the reason', () => {
    const a = [completed('sha256', 'wasm', 'small', { warm: warm(1000), vsNode: vs(0.5, 0.6, 0.7, 'faster') })];
    const b = [completed('sha256', 'wasm', 'small', { vsNode: vs(0.5, 0.45, 0.55, 'faster') })];
    const [only, bad] = figures(matchRows(a, b, 0.02).rows[0]);
    expect(only).toMatchObject({ state: 'only-in-a', kind: 'warm-median' });
    expect(bad).toMatchObject({ state: 'unusable', kind: 'warm-vs-node', reason: 'A: value outside its own interval' });
  });

  it('compares the Lambda figures summary.ts writes: REPORT Duration as the warm median, round trips and Init Duration', () => {
    const stats = (medianNs: number) => ({ ...warm(medianNs), ci95Ns: [medianNs * 0.99, medianNs * 1.01] as const });
    const lambdaRow = (scale: number): CompletedResult =>
      lambdaCompleted('noop', 'node', 'small', 128, 'x86_64', {
        warm: warm(1_000_000 * scale),
        lambda: { warm: { samples: 5, dropped: 0, client: stats(3_000_000 * scale), billed: stats(2_000_000) }, cold: { samples: 6, dropped: 0, init: stats(100_000_000 * scale), client: stats(300_000_000 * scale) } },
      });
    const row = matchRows([lambdaRow(1)], [lambdaRow(1.5)], 0.02).rows[0];
    expect(row?.key).toBe('noop/node/lambda/small/128MB-x86_64');
    const compared = figures(row).map((f) => (f.state === 'compared' ? [f.kind, f.verdict, Number(f.change.ratio.toFixed(6))] : f.state));
    expect(compared).toEqual([
      ['warm-median', 'regression', 1.5],
      ['lambda-round-trip', 'regression', 1.5],
      ['lambda-init', 'regression', 1.5],
      ['lambda-cold-round-trip', 'regression', 1.5],
    ]);
  });
});

describe('stateText', () => {
  it('shortens long errors (stderr tails) to one short phrase', () => {
    const text = stateText(errored('x', 'wasm', 'small', `boom\n${'tail '.repeat(100)}`, 'crashed'));
    expect(text.startsWith('errored (crashed: boom tail')).toBe(true);
    expect(text.length).toBeLessThan(130);
    expect(text).not.toContain('\n');
  });
});
