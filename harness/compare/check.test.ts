/**
 * Refusals: each is one line naming the file or the difference, raised as a
 * RefusedComparison (a UsageError, so the command exits 2).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../options/errors.js';
import { completed, sampleRun, warm } from '../report/fixtures.js';
import type { RunRecord } from '../contract/index.js';
import { checkComparable, parseRunText, RefusedComparison, type NamedRun } from './check.js';

const named = (label: string, run: RunRecord): NamedRun => ({ label, run });

/** The refusal's message, or undefined when nothing was thrown. */
function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedComparison);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  return undefined;
}

describe('parseRunText', () => {
  it('reads a run.json', () => {
    const { label, run } = parseRunText(JSON.stringify(sampleRun()), 'runs/a');
    expect(label).toBe('runs/a');
    expect(run.runId).toBe(sampleRun().runId);
  });

  it('refuses text that is empty, not JSON, or JSON that is not a run', () => {
    expect(refusal(() => parseRunText('', 'a.json'))).toBe('a.json is empty: not a run.json');
    expect(refusal(() => parseRunText('{"schemaVersion": 1, "res', 'a.json'))).toMatch(/^a\.json is not valid JSON \(.*\): not a run\.json$/);
    expect(refusal(() => parseRunText('[1, 2]', 'a.json'))).toBe('a.json is JSON but not an object: not a run.json');
    expect(refusal(() => parseRunText('{"name": "wasm-lambda-bench"}', 'package.json'))).toBe('package.json has no schemaVersion or no results list: not a run.json');
  });
});

describe('checkComparable', () => {
  it('accepts two runs of one schema version and one seed', () => {
    expect(refusal(() => checkComparable(named('a', sampleRun()), named('b', sampleRun())))).toBeUndefined();
  });

  it('refuses different schema versions before checking either against the schema', () => {
    const future = { ...sampleRun(), schemaVersion: 3 } as unknown as RunRecord;
    expect(refusal(() => checkComparable(named('runs/a', sampleRun()), named('runs/b', future)))).toBe(
      'different schema versions: runs/a has 2, runs/b has 3; compare runs of one schema version',
    );
  });

  it('refuses a run that does not match the schema, naming it', () => {
    const broken = { ...sampleRun(), startedAt: 'yesterday' };
    expect(refusal(() => checkComparable(named('runs/a', sampleRun()), named('runs/b', broken)))).toMatch(/^runs\/b does not match the run\.json schema: \/startedAt: must match format "date-time"/);
  });

  it('refuses runs measured with different seeds: inputs and expected outputs differ', () => {
    const other = { ...sampleRun(), config: { ...sampleRun().config, seed: 7 } };
    expect(refusal(() => checkComparable(named('runs/a', sampleRun()), named('runs/b', other)))).toMatch(/^different input seeds \(runs\/a: 42, runs\/b: 7\)/);
  });

  it('refuses a run that does not say its seed, naming the missing field', () => {
    const { seed: _seed, ...config } = sampleRun().config;
    const unseeded = { ...sampleRun(), config } as unknown as RunRecord;
    expect(refusal(() => checkComparable(named('a', sampleRun()), named('b', unseeded)))).toMatch(/^b does not match the run\.json schema: \/config\/seed: missing required field/);
  });

  it('refuses a matched row verified against the committed vectors in one run and against node in the other', () => {
    const run = (verifiedAgainst: 'committed' | 'node-reference') => sampleRun([completed('sha256', 'wasm', 'small', { warm: warm(10), verifiedAgainst })]);
    expect(refusal(() => checkComparable(named('a', run('committed')), named('b', run('node-reference'))))).toBe(
      "sha256/wasm/local/small was verified against the committed vectors in a and against node's output in b: its expected output differs between the runs",
    );
    // A run written before the field existed says nothing: not a difference.
    expect(refusal(() => checkComparable(named('a', run('committed')), named('b', sampleRun([completed('sha256', 'wasm', 'small', { warm: warm(10) })]))))).toBeUndefined();
  });
});
