/**
 * Runs written before the calibration state (version 1, and version 2 up to
 * the three-way state) read as before: `passed: true` as passed, `false` as
 * failed, with the same banner; a run that has its state is left alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import { calibrationBannerLine } from '../report/calibration.js';
import { replicatedRun } from '../report/fixtures.js';
import { migrateCalibration } from './migrate-calibration.js';
import { toRunRecord } from './read.js';

/** The published version-1 run that has calibration controls (they passed). */
const publishedV1 = (): Record<string, any> => JSON.parse(readFileSync(join(RESULTS_DIR, 'published', '2026-11-29-local-default', 'run.json'), 'utf8')) as Record<string, any>;

/** A run of the current version as it was written before the state: `passed` booleans instead. */
function oldV2(passed: boolean): Record<string, any> {
  const run = JSON.parse(JSON.stringify(replicatedRun(passed ? 'passed' : 'failed'))) as Record<string, any>;
  for (const block of [run.calibration, run.calibration.aa, run.calibration.planted]) {
    block.passed = block.state === 'passed';
    delete block.state;
  }
  return run;
}

describe('calibration written as passed/failed', () => {
  it('reads the published version-1 run as passed on both checks, with no banner', () => {
    const run = toRunRecord(publishedV1(), 'published');
    expect(run.calibration?.state).toBe('passed');
    expect(run.calibration?.aa.state).toBe('passed');
    expect(run.calibration?.planted.state).toBe('passed');
    expect(run.calibration).not.toHaveProperty('passed');
    expect(calibrationBannerLine(run)).toBeUndefined();
  });

  it('reads a version-1 run whose controls failed as failed, with the banner it had (not re-judged from its interval)', () => {
    const v1 = publishedV1();
    // Unresolved A/A: failed when this run was written, inconclusive by today's rule; an old run keeps its judgement.
    Object.assign(v1.calibration.aa, { ratio: 1.03, ci95: [0.97, 1.09], verdict: 'unresolved', passed: false });
    v1.calibration.passed = false;
    const run = toRunRecord(v1, 'old failed');
    expect([run.calibration?.aa.state, run.calibration?.planted.state, run.calibration?.state]).toEqual(['failed', 'passed', 'failed']);
    expect(calibrationBannerLine(run)).toBe(
      'CALIBRATION FAILED: the A/A control could not show identical code to be equal (1.030× [0.970–1.090], 5 processes); treat every verdict below as suspect.',
    );
  });

  it('reads a version-2 run written before the state as before', () => {
    expect(toRunRecord(oldV2(true), 'old v2').calibration).toEqual(replicatedRun('passed').calibration);
    const failed = toRunRecord(oldV2(false), 'old v2 failed');
    expect(failed.calibration).toEqual(replicatedRun('failed').calibration);
    expect(calibrationBannerLine(failed)).toBe(calibrationBannerLine(replicatedRun('failed')));
  });

  it('leaves a run with its state, or without controls, as it is', () => {
    const current = JSON.parse(JSON.stringify(replicatedRun('inconclusive'))) as Record<string, unknown>;
    expect(migrateCalibration(current)).toEqual(current);
    const none = { schemaVersion: 2 };
    expect(migrateCalibration(none)).toBe(none);
    // A block with a state and a stray boolean is not guessed at: the schema refuses the boolean.
    const both = { calibration: { state: 'passed', passed: false, aa: { state: 'failed', passed: true }, planted: 'x' } };
    expect(migrateCalibration(both)).toEqual(both);
  });
});
