/**
 * What every report says about a run's calibration controls: the A/A pair
 * (identical code measured as two entries: must say "no significant
 * difference") and the planted difference (a variant doing a known amount
 * more work: its interval must contain the known ratio and exclude 1).
 *
 * When the controls failed, the measuring method itself was caught being
 * wrong on this machine at this time, so every verdict of the run is
 * suspect: `calibrationFailure` is the banner text every output puts at the
 * top (next to the INCOMPLETE RUN one). Plain text; each renderer escapes it.
 * Runs without controls (older runs, or skipped) get nothing.
 */
import type { ControlCheck, RunCalibration, RunRecord } from '../contract/index.js';
import { formatBasis, formatFactor } from './format.js';

/** A control's ratio: three decimals, as controls sit near 1 where two would round 1.004 and 0.996 alike. */
const controlFactor = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

/** "1.070× [1.020–1.120]": a control's ratio with its interval. */
function ratioText(check: ControlCheck): string {
  const [lo, hi] = check.ci95;
  return `${controlFactor(check.ratio)}× [${controlFactor(lo)}–${controlFactor(hi)}]`;
}

/** Why the A/A check failed, in words a reader acts on. */
function aaFailure(check: ControlCheck): string {
  switch (check.verdict) {
    case 'faster':
    case 'slower':
      return `the A/A control found a difference where there is none (${ratioText(check)})`;
    case 'too-few-samples':
      return `the A/A control had too few independent units for a verdict (${formatBasis(check.basis)})`;
    default:
      // Unresolved (or a verdict that should have passed): identical code could not be shown equal.
      return `the A/A control could not show identical code to be equal (${ratioText(check)}, ${formatBasis(check.basis)})`;
  }
}

/** Why the planted-difference check failed: not detected, or detected at the wrong size. */
function plantedFailure(check: ControlCheck): string {
  const known = `${formatFactor(check.expectedRatio)}×`;
  const [lo, hi] = check.ci95;
  if (check.verdict === 'too-few-samples') return `the planted ${known} difference had too few independent units for a verdict (${formatBasis(check.basis)})`;
  if (lo <= 1 && hi >= 1) return `the planted ${known} difference was not detected (${ratioText(check)})`;
  return `the planted ${known} difference was measured outside its interval (${ratioText(check)})`;
}

/**
 * The banner text when the run's controls failed (without the leading
 * "CALIBRATION FAILED" label, which each renderer styles), or undefined.
 */
export function calibrationFailure(run: Pick<RunRecord, 'calibration'>): string | undefined {
  const calibration = run.calibration;
  if (!calibration || calibration.passed) return undefined;
  const reasons = [...(calibration.aa.passed ? [] : [aaFailure(calibration.aa)]), ...(calibration.planted.passed ? [] : [plantedFailure(calibration.planted)])];
  const why = reasons.length > 0 ? reasons.join('; ') : 'the calibration controls did not pass';
  return `${why}; treat every verdict below as suspect.`;
}

/** The one-line banner for plain-text outputs (the terminal). */
export function calibrationBannerLine(run: Pick<RunRecord, 'calibration'>): string | undefined {
  const failure = calibrationFailure(run);
  return failure === undefined ? undefined : `CALIBRATION FAILED: ${failure}`;
}

/** One control as a line: "passed: A/A: no significant difference, 1.004× [0.991–1.017] (sha256 node vs …)". */
export interface ControlLine {
  readonly passed: boolean;
  readonly text: string;
}

/** What the controls section says: an introduction and one line per control. */
export interface CalibrationSection {
  readonly intro: string;
  readonly lines: readonly ControlLine[];
}

/** The "Calibration controls" section of a run that has them. */
export function calibrationSection(calibration: RunCalibration): CalibrationSection {
  const line = (check: ControlCheck): ControlLine => ({ passed: check.passed, text: `${check.summary} (${check.what})` });
  return {
    intro:
      `Measured with this run on ${calibration.workload} at size ${calibration.size}, the same way as every row: ` +
      'an A/A pair (one target measured as two independent entries; it must say "no significant difference") and a planted difference ' +
      '(a variant that does a known amount more work; its interval must contain the known ratio and exclude 1). ' +
      (calibration.passed ? 'Both passed.' : 'A failed control means the verdicts of this run cannot be trusted as stated.'),
    lines: [line(calibration.aa), line(calibration.planted)],
  };
}

/** "PASSED" or "FAILED", as the controls section labels each line. */
export function passLabel(passed: boolean): string {
  return passed ? 'PASSED' : 'FAILED';
}
