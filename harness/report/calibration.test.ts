import { describe, expect, it } from 'vitest';
import { calibrationBannerLine, calibrationFailure, calibrationSection } from './calibration.js';
import { calibration, control } from './fixtures.js';
import type { RunCalibration, RunRecord } from '../contract/index.js';

const failing = (change: Partial<RunCalibration>): Pick<RunRecord, 'calibration'> => ({ calibration: { ...calibration(true), ...change, passed: false } });

describe('calibration banner', () => {
  it('says nothing for a run without controls or with controls that passed', () => {
    expect(calibrationFailure({})).toBeUndefined();
    expect(calibrationFailure({ calibration: calibration(true) })).toBeUndefined();
    expect(calibrationBannerLine({ calibration: calibration(true) })).toBeUndefined();
  });

  it('names each failed control and why, then tells the reader to distrust every verdict', () => {
    expect(calibrationFailure(failing({ aa: control('aa', 1.07, 1.02, 1.12, 'slower', false) }))).toBe(
      'the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.',
    );
    expect(calibrationFailure(failing({ aa: control('aa', 1.03, 0.97, 1.09, 'unresolved', false) }))).toBe(
      'the A/A control could not show identical code to be equal (1.030× [0.970–1.090], 5 processes); treat every verdict below as suspect.',
    );
    expect(calibrationFailure(failing({ planted: control('planted', 1.02, 0.98, 1.06, 'unresolved', false) }))).toBe(
      'the planted 1.05× difference was not detected (1.020× [0.980–1.060]); treat every verdict below as suspect.',
    );
    expect(calibrationFailure(failing({ planted: control('planted', 1.12, 1.09, 1.15, 'slower', false) }))).toBe(
      'the planted 1.05× difference was measured outside its interval (1.120× [1.090–1.150]); treat every verdict below as suspect.',
    );
    const both = calibrationBannerLine(failing({ aa: control('aa', 0.9, 0.85, 0.95, 'faster', false), planted: control('planted', 1.0, 0.9, 1.1, 'too-few-samples', false) }));
    expect(both).toBe(
      'CALIBRATION FAILED: the A/A control found a difference where there is none (0.900× [0.850–0.950]); ' +
        'the planted 1.05× difference had too few independent units for a verdict (5 processes); treat every verdict below as suspect.',
    );
  });

  it('still warns when the run says the controls failed but neither check is marked failed', () => {
    expect(calibrationFailure(failing({}))).toBe('the calibration controls did not pass; treat every verdict below as suspect.');
  });
});

describe('calibration section', () => {
  it('explains both controls and lists each with its outcome', () => {
    const section = calibrationSection(calibration(false));
    expect(section.intro).toContain('Measured with this run on sha256 at size medium');
    expect(section.intro).toContain('A failed control means the verdicts of this run cannot be trusted as stated.');
    expect(calibrationSection(calibration(true)).intro).toMatch(/Both passed\.$/);
    expect(section.lines.map((l) => l.passed)).toEqual([false, true]);
    expect(section.lines[0]!.text).toBe('A/A: slower, 1.070x [1.020-1.120] (sha256 node vs the same, measured as a second entry)');
  });
});
