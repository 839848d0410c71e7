/**
 * The calibration banner and section from fixed ControlCheck fixtures, in
 * each of the three states: pinned text, so a banner that cries wolf (or
 * stays silent) on a run too short to tell fails here.
 */
import { describe, expect, it } from 'vitest';
import { calibrationBanner, calibrationBannerLine, calibrationSection, stateLabel } from './calibration.js';
import { calibration, control } from './fixtures.js';
import type { RunCalibration, RunRecord } from '../contract/index.js';

const failing = (change: Partial<RunCalibration>): Pick<RunRecord, 'calibration'> => ({ calibration: { ...calibration('passed'), ...change, state: 'failed' } });
const unsure = (change: Partial<RunCalibration>): Pick<RunRecord, 'calibration'> => ({ calibration: { ...calibration('passed'), ...change, state: 'inconclusive' } });
const text = (run: Pick<RunRecord, 'calibration'>): string | undefined => calibrationBanner(run)?.text;

describe('calibration banner: passed', () => {
  it('says nothing for a run without controls or with controls that passed', () => {
    expect(calibrationBanner({})).toBeUndefined();
    expect(calibrationBanner({ calibration: calibration('passed') })).toBeUndefined();
    expect(calibrationBannerLine({ calibration: calibration('passed') })).toBeUndefined();
  });
});

describe('calibration banner: failed', () => {
  it('names each failed control and why, then tells the reader to distrust every verdict', () => {
    expect(calibrationBanner({ calibration: calibration('failed') })).toEqual({
      state: 'failed',
      label: 'CALIBRATION FAILED',
      text: 'the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.',
    });
    expect(text(failing({ aa: control('aa', 1.03, 0.97, 1.09, 'unresolved', 'failed') }))).toBe(
      'the A/A control could not show identical code to be equal (1.030× [0.970–1.090], 5 processes); treat every verdict below as suspect.',
    );
    expect(text(failing({ planted: control('planted', 1.02, 0.98, 1.06, 'unresolved', 'failed') }))).toBe(
      'the planted 1.05× difference was not detected (1.020× [0.980–1.060]); treat every verdict below as suspect.',
    );
    expect(text(failing({ planted: control('planted', 0.99, 0.94, 1.04, 'unresolved', 'failed') }))).toBe(
      'the planted 1.05× difference was not detected, and its interval excludes it (0.990× [0.940–1.040]); treat every verdict below as suspect.',
    );
    expect(text(failing({ planted: control('planted', 1.12, 1.09, 1.15, 'slower', 'failed') }))).toBe(
      'the planted 1.05× difference was measured outside its interval (1.120× [1.090–1.150]); treat every verdict below as suspect.',
    );
    expect(text(failing({ planted: control('planted', 0.95, 0.93, 0.97, 'faster', 'failed') }))).toBe(
      'the planted 1.05× difference was measured in the wrong direction (0.950× [0.930–0.970]); treat every verdict below as suspect.',
    );
    const both = calibrationBannerLine(failing({ aa: control('aa', 0.9, 0.85, 0.95, 'faster', 'failed'), planted: control('planted', 1.0, 0.9, 1.1, 'too-few-samples', 'failed') }));
    expect(both).toBe(
      'CALIBRATION FAILED: the A/A control found a difference where there is none (0.900× [0.850–0.950]); ' +
        'the planted 1.05× difference had too few independent units for a verdict (5 processes); treat every verdict below as suspect.',
    );
  });

  it('names only the failed check when the other was inconclusive', () => {
    const run = failing({ aa: control('aa', 1.07, 1.02, 1.12, 'slower', 'failed'), planted: control('planted', 1.03, 0.99, 1.07, 'unresolved', 'inconclusive') });
    expect(text(run)).toBe('the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.');
  });

  it('still warns when the run says the controls failed but neither check is marked failed', () => {
    expect(text(failing({}))).toBe('the calibration controls did not pass; treat every verdict below as suspect.');
  });
});

describe('calibration banner: inconclusive', () => {
  it('says the run cannot resolve the planted 5%, what the verdicts do at that precision, and that nothing was caught wrong', () => {
    expect(calibrationBanner({ calibration: calibration('inconclusive') })?.state).toBe('inconclusive');
    expect(calibrationBannerLine({ calibration: calibration('inconclusive') })).toBe(
      'CALIBRATION INCONCLUSIVE: this run cannot resolve a 5% difference (planted 1.05× measured 1.030× [0.990–1.070]); ' +
        'rows measured as precisely as the controls (±4.0%) do not show smaller differences as faster or slower; the controls did not catch the method being wrong.',
    );
  });

  it('says identical code could not be shown equal when the A/A is unresolved, at the wider of the two precisions', () => {
    expect(text(unsure({ aa: control('aa', 1.01, 0.94, 1.08, 'unresolved', 'inconclusive') }))).toBe(
      'identical code could not be shown equal within the ±5% noise band (A/A 1.010× [0.940–1.080]); ' +
        'rows measured as precisely as the controls (±7.2%) do not show smaller differences as faster or slower; the controls did not catch the method being wrong.',
    );
    const both = text(unsure({ aa: control('aa', 1.01, 0.94, 1.08, 'unresolved', 'inconclusive'), planted: control('planted', 1.03, 0.99, 1.07, 'unresolved', 'inconclusive') }));
    expect(both).toMatch(/^identical code could not be shown equal .*\]\); this run cannot resolve a 5% difference .*\(±7\.2%\)/);
  });

  it('says too few units, and no precision, when the controls rest on too few processes', () => {
    const few = { ...control('aa', 1.0, 0.9, 1.1, 'too-few-samples', 'inconclusive'), basis: { unit: 'process' as const, count: 2 } };
    const fewPlanted = { ...control('planted', 1.05, 0.95, 1.15, 'too-few-samples', 'inconclusive'), basis: { unit: 'process' as const, count: 2 } };
    expect(text(unsure({ aa: few, planted: fewPlanted }))).toBe(
      'the A/A control had too few independent units for a verdict (2 processes); the planted 1.05× difference had too few independent units for a verdict (2 processes); ' +
        'rows resting on as few units get no verdict either; the controls did not catch the method being wrong.',
    );
  });

  it('gives no precision for an interval without a positive lower bound', () => {
    expect(text(unsure({ planted: control('planted', 1.03, 0, 1.07, 'unresolved', 'inconclusive') }))).toMatch(/\]\); a difference the run could not resolve is not shown as faster or slower;/);
  });

  it('still says something when the run says inconclusive but neither check is marked so', () => {
    expect(text(unsure({}))).toBe('the calibration controls could not tell; a difference the run could not resolve is not shown as faster or slower; the controls did not catch the method being wrong.');
  });
});

describe('calibration section', () => {
  it('explains both controls and lists each with its state', () => {
    const section = calibrationSection(calibration('failed'));
    expect(section.intro).toContain('Measured with this run on sha256 at size medium');
    expect(section.intro).toMatch(/A failed control means the verdicts of this run cannot be trusted as stated\.$/);
    expect(calibrationSection(calibration('passed')).intro).toMatch(/Both passed\.$/);
    expect(calibrationSection(calibration('inconclusive')).intro).toMatch(
      /An inconclusive control means the run was too short to tell: its interval holds the known ratio but could not resolve it\. Nothing caught the method being wrong, and each verdict still rests on its own interval\.$/,
    );
    expect(section.lines.map((l) => l.state)).toEqual(['failed', 'passed']);
    expect(calibrationSection(calibration('inconclusive')).lines.map((l) => l.state)).toEqual(['passed', 'inconclusive']);
    expect(section.lines[0]!.text).toBe('A/A: slower, 1.070x [1.020-1.120] (sha256 node vs the same, measured as a second entry)');
  });

  it('labels each state in capitals', () => {
    expect((['passed', 'failed', 'inconclusive'] as const).map(stateLabel)).toEqual(['PASSED', 'FAILED', 'INCONCLUSIVE']);
  });
});
