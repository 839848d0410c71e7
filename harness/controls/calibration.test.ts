/**
 * judgeCalibration: every branch of the A/A and planted-difference checks,
 * with comparisons planted by hand, in each of the three states (passed;
 * failed: the method caught wrong; inconclusive: too short to tell), so a
 * wrong state, a wrong bound of the "contains" test or a wrong figure in a
 * summary fails here.
 */
import { describe, expect, it } from 'vitest';
import { BASE_CALLS, CONTROL_ENTRIES, CONTROL_SIZE, CONTROL_WORKLOAD, PLANTED_CALLS, PLANTED_EXTRA, PLANTED_RATIO, combinedState, judgeCalibration } from './calibration.js';
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

describe('judgeCalibration: passed', () => {
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
        state: 'passed',
        summary: 'A/A control: no significant difference, as it must be, 1.004x [0.991-1.017] from 5 processes',
      },
      planted: {
        what: 'sha256 medium on node: 21 calls per timed call against 20',
        expectedRatio: 1.05,
        ratio: 1.049,
        ci95: [1.031, 1.068],
        verdict: 'slower',
        basis: { unit: 'process', count: 5 },
        state: 'passed',
        summary: 'planted difference: detected, and the interval contains the planted 1.050x, 1.049x [1.031-1.068] from 5 processes',
      },
      state: 'passed',
    });
  });

  it('counts the known value on either bound as contained', () => {
    expect(judgeCalibration(aaPass, vs(1.06, [1.05, 1.07], 'slower')).planted.state).toBe('passed');
    expect(judgeCalibration(aaPass, vs(1.04, [1.03, 1.05], 'slower')).planted.state).toBe('passed');
    expect(judgeCalibration(vs(1.02, [1.0, 1.04], 'no-significant-difference'), plantedPass).aa.state).toBe('passed');
    expect(judgeCalibration(vs(0.98, [0.96, 1.0], 'no-significant-difference'), plantedPass).aa.state).toBe('passed');
  });

  it('judges against the expected ratio it is given, and records it', () => {
    const planted = vs(1.1, [1.08, 1.12], 'slower', 4);
    const calibration = judgeCalibration(aaPass, planted, 1.1);
    expect(calibration.planted.state).toBe('passed');
    expect(calibration.planted.expectedRatio).toBe(1.1);
    expect(calibration.planted.summary).toBe('planted difference: detected, and the interval contains the planted 1.100x, 1.100x [1.080-1.120] from 4 processes');
    // The same interval misses the default 21/20.
    expect(judgeCalibration(aaPass, planted).planted.state).toBe('failed');
  });

  it('expects "faster" of a known ratio below 1, and calls "slower" there the wrong direction', () => {
    expect(judgeCalibration(aaPass, vs(0.95, [0.93, 0.97], 'faster'), 0.95).planted.state).toBe('passed');
    const wrong = judgeCalibration(aaPass, vs(1.05, [1.03, 1.07], 'slower'), 0.95).planted;
    expect(wrong.state).toBe('failed');
    expect(wrong.summary).toBe('planted difference: WRONG DIRECTION: measured slower, where the truth is 0.950x, 1.050x [1.030-1.070] from 5 processes');
    const unsure = judgeCalibration(aaPass, vs(0.97, [0.93, 1.01], 'unresolved'), 0.95).planted;
    expect(unsure.state).toBe('inconclusive');
    expect(unsure.summary).toMatch(/too wide to resolve a 5% difference, /);
  });

  it('names 0 processes when a comparison records no basis', () => {
    const calibration = judgeCalibration(vs(1.0, [0.99, 1.01], 'no-significant-difference', null), vs(1.05, [1.04, 1.06], 'slower', null));
    expect(calibration.aa.basis).toEqual({ unit: 'process', count: 0 });
    expect(calibration.planted.basis).toEqual({ unit: 'process', count: 0 });
    expect(calibration.aa.summary).toMatch(/ from 0 processes$/);
    expect(calibration.planted.summary).toMatch(/ from 0 processes$/);
  });
});

describe('judgeCalibration: failed (the method caught wrong)', () => {
  it.each([
    ['faster', vs(0.97, [0.955, 0.985], 'faster', 7), 'A/A control: FOUND A DIFFERENCE where there is none: the intervals are too narrow, 0.970x [0.955-0.985] from 7 processes'],
    ['slower', vs(1.03, [1.012, 1.049], 'slower', 7), 'A/A control: FOUND A DIFFERENCE where there is none: the intervals are too narrow, 1.030x [1.012-1.049] from 7 processes'],
    // An interval that excludes 1 without a verdict (a non-positive lower bound is "unresolved" by the verdict rule) still misses the truth.
    ['unresolved', vs(0.5, [0, 0.9], 'unresolved', 7), 'A/A control: MISSED THE KNOWN VALUE: the interval excludes 1.000x, so it is too narrow or biased, 0.500x [0.000-0.900] from 7 processes'],
  ] as const)('fails an A/A whose interval excludes 1 (%s), and the whole calibration with it', (_verdict, aa, summary) => {
    const calibration = judgeCalibration(aa, plantedPass);
    expect(calibration.aa.state).toBe('failed');
    expect(calibration.aa.summary).toBe(summary);
    expect(calibration.planted.state).toBe('passed');
    expect(calibration.state).toBe('failed');
  });

  it.each([
    ['below', vs(1.09, [1.0501, 1.12], 'slower', 6), 'planted difference: MISSED THE PLANTED VALUE (slower): the interval excludes 1.050x, so it is too narrow or biased, 1.090x [1.050-1.120] from 6 processes'],
    ['above', vs(1.02, [1.01, 1.0499], 'slower', 6), 'planted difference: MISSED THE PLANTED VALUE (slower): the interval excludes 1.050x, so it is too narrow or biased, 1.020x [1.010-1.050] from 6 processes'],
    ['above (no difference)', vs(1.01, [0.99, 1.03], 'no-significant-difference', 6), 'planted difference: MISSED THE PLANTED VALUE (no-significant-difference): the interval excludes 1.050x, so it is too narrow or biased, 1.010x [0.990-1.030] from 6 processes'],
    ['above (unresolved)', vs(0.99, [0.94, 1.04], 'unresolved', 6), 'planted difference: MISSED THE PLANTED VALUE (unresolved): the interval excludes 1.050x, so it is too narrow or biased, 0.990x [0.940-1.040] from 6 processes'],
    ['far above (faster)', vs(0.95, [0.93, 0.97], 'faster', 6), 'planted difference: WRONG DIRECTION: measured faster, where the truth is 1.050x, 0.950x [0.930-0.970] from 6 processes'],
  ] as const)('fails a planted difference with 1.05 %s its interval', (_where, planted, summary) => {
    const calibration = judgeCalibration(aaPass, planted);
    expect(calibration.planted.state).toBe('failed');
    expect(calibration.planted.summary).toBe(summary);
    expect(calibration.aa.state).toBe('passed');
    expect(calibration.state).toBe('failed');
  });

  it('fails when both fail, and when one fails and the other is inconclusive', () => {
    const calibration = judgeCalibration(vs(1.03, [1.01, 1.05], 'slower'), vs(1.0, [0.99, 1.01], 'no-significant-difference'));
    expect([calibration.aa.state, calibration.planted.state, calibration.state]).toEqual(['failed', 'failed', 'failed']);
    expect(judgeCalibration(vs(1.03, [1.01, 1.05], 'slower'), vs(1.03, [0.99, 1.07], 'unresolved')).state).toBe('failed');
    expect(judgeCalibration(vs(1.01, [0.94, 1.08], 'unresolved'), vs(0.95, [0.93, 0.97], 'faster')).state).toBe('failed');
  });
});

describe('judgeCalibration: inconclusive (too short to tell)', () => {
  it.each([
    [
      'unresolved',
      vs(1.01, [0.94, 1.08], 'unresolved', 3),
      'A/A control: inconclusive (unresolved): the interval reaches beyond the ±5% noise band, too wide to show identical code equal, 1.010x [0.940-1.080] from 3 processes',
    ],
    ['too-few-samples', vs(1.0, [1.0, 1.0], 'too-few-samples', 1), 'A/A control: inconclusive: too few processes for an interval, 1.000x [1.000-1.000] from 1 processes'],
    // Too few units: no interval to judge, even one that excludes 1.
    ['too-few-samples, 1 outside', vs(1.1, [1.05, 1.15], 'too-few-samples', 2), 'A/A control: inconclusive: too few processes for an interval, 1.100x [1.050-1.150] from 2 processes'],
  ] as const)('calls an A/A inconclusive when it is %s, and the whole calibration with it', (_verdict, aa, summary) => {
    const calibration = judgeCalibration(aa, plantedPass);
    expect(calibration.aa.state).toBe('inconclusive');
    expect(calibration.aa.summary).toBe(summary);
    expect(calibration.planted.state).toBe('passed');
    expect(calibration.state).toBe('inconclusive');
  });

  it.each([
    [
      'unresolved',
      vs(1.03, [0.99, 1.07], 'unresolved'),
      'planted difference: inconclusive (unresolved): the interval contains the planted 1.050x but also 1, too wide to resolve a 5% difference, 1.030x [0.990-1.070] from 5 processes',
    ],
    [
      'no-significant-difference reaching 1.05',
      vs(1.0, [0.96, 1.05], 'no-significant-difference'),
      'planted difference: inconclusive (no-significant-difference): the interval contains the planted 1.050x but also 1, too wide to resolve a 5% difference, 1.000x [0.960-1.050] from 5 processes',
    ],
    ['too-few-samples', vs(1.05, [1.05, 1.05], 'too-few-samples', 1), 'planted difference: inconclusive: too few processes for an interval, 1.050x [1.050-1.050] from 1 processes'],
    ['too-few-samples, 1.05 outside', vs(0.9, [0.8, 1.0], 'too-few-samples', 2), 'planted difference: inconclusive: too few processes for an interval, 0.900x [0.800-1.000] from 2 processes'],
  ] as const)('calls a planted difference inconclusive when it is %s', (_verdict, planted, summary) => {
    const calibration = judgeCalibration(aaPass, planted);
    expect(calibration.planted.state).toBe('inconclusive');
    expect(calibration.planted.summary).toBe(summary);
    expect(calibration.state).toBe('inconclusive');
  });

  it('is inconclusive when both are', () => {
    const calibration = judgeCalibration(vs(1.01, [0.94, 1.08], 'unresolved'), vs(1.03, [0.99, 1.07], 'unresolved'));
    expect([calibration.aa.state, calibration.planted.state, calibration.state]).toEqual(['inconclusive', 'inconclusive', 'inconclusive']);
  });
});

describe('combinedState', () => {
  it('is failed over inconclusive over passed, whichever check it comes from', () => {
    const states = ['passed', 'inconclusive', 'failed'] as const;
    const rank = (s: (typeof states)[number]) => states.indexOf(s);
    for (const aa of states) for (const planted of states) expect(combinedState(aa, planted)).toBe(states[Math.max(rank(aa), rank(planted))]);
  });
});
