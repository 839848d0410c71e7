/**
 * The whole comparison on real inputs (the published runs, each compared
 * with itself) and on built runs: summary counts, notes, and the regression
 * check --fail-on-regression reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { completed, sampleRun, vs, warm } from '../report/fixtures.js';
import type { RunRecord } from '../contract/index.js';
import { parseRunText } from './check.js';
import { compareRuns, hasRegression } from './index.js';
import { toRunRecord } from '../run-file/read.js';

const PUBLISHED = ['2026-11-26-local-default', '2026-11-26-local-lambda'];

const published = (name: string) => {
  const path = join(ROOT, 'results/published', name, 'run.json');
  return parseRunText(readFileSync(path, 'utf8'), path);
};

describe('compareRuns on the published runs, each against itself', () => {
  for (const name of PUBLISHED) {
    it(`${name}: every change is 1, nothing regressed or improved, every B median and ratio inside A's interval`, () => {
      const comparison = compareRuns(published(name), published(name), 0.02);
      // The file as read (version 1 migrated), which is what compareRuns compares.
      const run = toRunRecord(published(name).run, name);
      expect(comparison.onlyInA).toEqual([]);
      expect(comparison.onlyInB).toEqual([]);
      expect(comparison.rows).toHaveLength(run.results.length);
      const compared = comparison.rows.flatMap((row) => (row.state === 'compared' ? row.figures : []));
      expect(compared.length).toBeGreaterThan(run.results.length);
      for (const figure of compared) {
        expect(figure.state).toBe('compared');
        if (figure.state !== 'compared') continue;
        expect(figure.change.ratio).toBe(1);
        expect(figure.insideA).toBe(true);
        // Identical figures can only read "no change" or, where each run's interval is wider than the
        // noise threshold allows, "unclear": the method cannot know the two runs are one.
        const verdict = figure.change.ci95[1] <= 1.02 ? 'no-change' : 'unclear';
        expect(figure.verdict).toBe(verdict);
      }
      expect(comparison.summary.verdicts.regression).toBe(0);
      expect(comparison.summary.verdicts.improvement).toBe(0);
      for (const share of Object.values(comparison.summary.inside)) expect(share.inside).toBe(share.total);
      const warmRows = run.results.filter((r) => r.state === 'completed' && r.warm !== undefined).length;
      expect(comparison.summary.inside['warm-median']).toEqual({ inside: warmRows, total: warmRows });
      expect(comparison.notes).toEqual([expect.stringMatching(/^A and B are the same run/)]);
    });
  }

  it('2026-11-26-local-default: figures whose intervals are narrow enough read "no change"', () => {
    const comparison = compareRuns(published(PUBLISHED[0] as string), published(PUBLISHED[0] as string), 0.02);
    expect(comparison.summary.verdicts['no-change']).toBeGreaterThan(0);
  });
});

describe('compareRuns on built runs', () => {
  const runA = sampleRun();
  /** Run A with wasm 20% slower at small (warm median and ratio): a planted regression. */
  const runB: RunRecord = {
    ...sampleRun(),
    runId: 'second',
    results: sampleRun().results.map((row) =>
      row.state === 'completed' && row.workload === 'sha256' && row.target === 'wasm' && row.size === 'small' ? { ...row, warm: warm(72_000), vsNode: vs(0.6, 0.55, 0.65, 'faster') } : row,
    ),
  };

  it('finds the planted regression in the warm median and the ratio, and nothing else', () => {
    const comparison = compareRuns({ label: 'a', run: runA }, { label: 'b', run: runB }, 0.02);
    expect(hasRegression(comparison)).toBe(true);
    const regressions = comparison.rows.flatMap((row) => (row.state === 'compared' ? row.figures.filter((f) => f.state === 'compared' && f.verdict === 'regression').map((f) => `${row.key} ${f.kind}`) : []));
    expect(regressions).toEqual(['sha256/wasm/local/small warm-median', 'sha256/wasm/local/small warm-vs-node']);
    expect(compareRuns({ label: 'a', run: runA }, { label: 'a2', run: { ...runA, runId: 'again' } }).summary.verdicts.regression).toBe(0);
  });

  it('counts rows not compared (errored or unsupported on a side) and notes settings that differ', () => {
    const b: RunRecord = { ...runA, runId: 'b', config: { ...runA.config, timeMs: 900, outDir: '/elsewhere' }, results: [...runA.results, completed('noop', 'node', 'large', { warm: warm(90) })] };
    const comparison = compareRuns({ label: 'a', run: runA }, { label: 'b', run: b }, 0.02);
    expect(comparison.summary.notCompared).toBe(2);
    expect(comparison.onlyInB).toEqual([{ key: 'noop/node/local/large', state: 'completed' }]);
    // outDir differs between any two runs and says nothing about the measurement.
    expect(comparison.notes).toEqual(["measured with different settings: timeMs (see each run.json's config)"]);
  });

  it('notes a run that did not complete and one whose calibration controls failed', () => {
    const check = { what: 'x', expectedRatio: 1, ratio: 1.1, ci95: [1.05, 1.15] as const, verdict: 'slower' as const, basis: { unit: 'process' as const, count: 5 }, state: 'failed' as const, summary: 'A/A: slower' };
    const b = { ...runA, runId: 'b', state: 'interrupted' as const, calibration: { workload: 'sha256', size: 'medium' as const, aa: check, planted: check, state: 'failed' as const } };
    const notes = compareRuns({ label: 'a', run: runA }, { label: 'b', run: b }, 0.02).notes;
    expect(notes.some((n) => n.startsWith('B did not complete (interrupted)'))).toBe(true);
    expect(notes.some((n) => n.startsWith("B's calibration controls failed"))).toBe(true);
    // Inconclusive controls (too short to tell) do not say the intervals are too narrow.
    const unsure = { ...b, calibration: { ...b.calibration, state: 'inconclusive' as const } };
    expect(compareRuns({ label: 'a', run: runA }, { label: 'b', run: unsure }, 0.02).notes.some((n) => n.includes('calibration'))).toBe(false);
  });
});
