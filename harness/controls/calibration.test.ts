/**
 * judgeCalibration: every branch of the A/A and planted-difference checks,
 * with comparisons planted by hand, so a wrong verdict, a wrong bound of the
 * "contains" test or a wrong figure in a summary fails here.
 */
import { describe, expect, it } from 'vitest';
import { BASE_CALLS, CONTROL_ENTRIES, CONTROL_SIZE, CONTROL_WORKLOAD, PLANTED_CALLS, PLANTED_EXTRA, PLANTED_RATIO, judgeCalibration } from './calibration.js';
import type { VsBaseline, Verdict } from '../contract/index.js';

/** A comparison as compareForks would give it (null: no basis recorded). */
function vs(ratio: number, ci95: [number, number], verdict: Verdict, processes: number | null = 5): VsBaseline {
  return { ratio, ci95, verdict, ...(processes === null ? {} : { basis: { unit: 'process' as const, count: processes } }) };
}

const aaPass = vs(1.004, [0.991, 1.017], 'no-significant-difference');
const plantedPass = vs(1.049, [1.031, 1.068], 'slower');

describe('the planted difference', () => {
  it('is exactly 21 calls against 20: a ratio of 21/20', () => {
    expect(BASE_CALLS).toBe(20);
    expect(PLANTED_CALLS).toBe(21);
    expect(PLANTED_RATIO).toBe(21 / 20);
    expect(PLANTED_RATIO).toBe(1 + PLANTED_EXTRA);
    expect(CONTROL_WORKLOAD).toBe('sha256');
    expect(CONTROL_SIZE).toBe('medium');
    expect(new Set(Object.values(CONTROL_ENTRIES)).size).toBe(3);
  });
});

describe('judgeCalibration', () => {
  it('passes an A/A with no difference and a planted ratio detected inside its interval, and says so', () => {
    const calibration = judgeCalibration(aaPass, plantedPass);
    expect(calibration).toEqual({
      workload: 'sha256',
      size: 'medium',
      aa: {
        what: 'sha256 medium on node (20 calls per timed call), measured as two independent entries',
        expectedRatio: 1,
        ratio: 1.004,
        ci95: [0.991, 1.017],
        verdict: 'no-significant-difference',
        basis: { unit: 'process', count: 5 },
        passed: true,
        summary: 'A/A control: no significant difference, as it must be, 1.004x [0.991-1.017] from 5 processes',
      },
      planted: {
        what: 'sha256 medium on node: 21 calls per timed call against 20',
        expectedRatio: 1.05,
        ratio: 1.049,
        ci95: [1.031, 1.068],
        verdict: 'slower',
        basis: { unit: 'process', count: 5 },
        passed: true,
        summary: 'planted difference: detected, and the interval contains the planted 1.050x, 1.049x [1.031-1.068] from 5 processes',
      },
      passed: true,
    });
  });

  it.each([
    ['faster', vs(0.97, [0.955, 0.985], 'faster', 7), 'A/A control: FOUND A DIFFERENCE where there is none: the intervals are too narrow, 0.970x [0.955-0.985] from 7 processes'],
    ['slower', vs(1.03, [1.012, 1.049], 'slower', 7), 'A/A control: FOUND A DIFFERENCE where there is none: the intervals are too narrow, 1.030x [1.012-1.049] from 7 processes'],
    [
      'unresolved',
      vs(1.01, [0.94, 1.08], 'unresolved', 3),
      'A/A control: unresolved: the intervals are too wide to tell even identical code apart from a 5% difference, 1.010x [0.940-1.080] from 3 processes',
    ],
    ['too-few-samples', vs(1.0, [1.0, 1.0], 'too-few-samples', 1), 'A/A control: too few processes for an interval, 1.000x [1.000-1.000] from 1 processes'],
  ] as const)('fails an A/A whose verdict is %s, and the whole calibration with it', (_verdict, aa, summary) => {
    const calibration = judgeCalibration(aa, plantedPass);
    expect(calibration.aa.passed).toBe(false);
    expect(calibration.aa.summary).toBe(summary);
    expect(calibration.planted.passed).toBe(true);
    expect(calibration.passed).toBe(false);
  });

  it('counts the planted value on either bound as contained', () => {
    expect(judgeCalibration(aaPass, vs(1.06, [1.05, 1.07], 'slower')).planted.passed).toBe(true);
    expect(judgeCalibration(aaPass, vs(1.04, [1.03, 1.05], 'slower')).planted.passed).toBe(true);
  });

  it.each([
    ['below', vs(1.09, [1.0501, 1.12], 'slower', 6), 'planted difference: MISSED THE PLANTED VALUE: the interval excludes 1.050x, so it is too narrow or biased, 1.090x [1.050-1.120] from 6 processes'],
    ['above', vs(1.02, [1.01, 1.0499], 'slower', 6), 'planted difference: MISSED THE PLANTED VALUE: the interval excludes 1.050x, so it is too narrow or biased, 1.020x [1.010-1.050] from 6 processes'],
  ] as const)('fails a planted difference detected but with the planted value %s its interval', (_where, planted, summary) => {
    const calibration = judgeCalibration(aaPass, planted);
    expect(calibration.planted.passed).toBe(false);
    expect(calibration.planted.summary).toBe(summary);
    expect(calibration.aa.passed).toBe(true);
    expect(calibration.passed).toBe(false);
  });

  it.each([
    ['unresolved', vs(1.03, [0.98, 1.08], 'unresolved')],
    ['no-significant-difference', vs(1.01, [0.99, 1.03], 'no-significant-difference')],
    ['faster', vs(0.95, [0.93, 0.97], 'faster')],
    ['too-few-samples', vs(1.05, [1.05, 1.05], 'too-few-samples', 1)],
  ] as const)('fails a planted difference whose verdict is %s (not detected), even when its interval holds 1.05', (verdict, planted) => {
    const calibration = judgeCalibration(aaPass, planted);
    expect(calibration.planted.passed).toBe(false);
    expect(calibration.planted.summary).toMatch(new RegExp(`^planted difference: NOT DETECTED \\(${verdict}\\): a 5% difference went unseen, `));
    expect(calibration.passed).toBe(false);
  });

  it('judges against the expected ratio it is given, and records it', () => {
    const planted = vs(1.1, [1.08, 1.12], 'slower', 4);
    const calibration = judgeCalibration(aaPass, planted, 1.1);
    expect(calibration.planted.passed).toBe(true);
    expect(calibration.planted.expectedRatio).toBe(1.1);
    expect(calibration.planted.summary).toBe('planted difference: detected, and the interval contains the planted 1.100x, 1.100x [1.080-1.120] from 4 processes');
    // The same interval misses the default 21/20.
    expect(judgeCalibration(aaPass, planted).planted.passed).toBe(false);
  });

  it('fails when both fail', () => {
    const calibration = judgeCalibration(vs(1.03, [1.01, 1.05], 'slower'), vs(1.0, [0.99, 1.01], 'no-significant-difference'));
    expect([calibration.aa.passed, calibration.planted.passed, calibration.passed]).toEqual([false, false, false]);
  });

  it('names 0 processes when a comparison records no basis', () => {
    const calibration = judgeCalibration(vs(1.0, [0.99, 1.01], 'no-significant-difference', null), vs(1.05, [1.04, 1.06], 'slower', null));
    expect(calibration.aa.basis).toEqual({ unit: 'process', count: 0 });
    expect(calibration.planted.basis).toEqual({ unit: 'process', count: 0 });
    expect(calibration.aa.summary).toMatch(/ from 0 processes$/);
    expect(calibration.planted.summary).toMatch(/ from 0 processes$/);
  });
});
