/**
 * What every report says about a run's calibration controls: the A/A pair
 * (identical code measured as two entries: must say "no significant
 * difference") and the planted difference (a variant doing a known amount
 * more work: its interval must contain the known ratio and exclude 1).
 *
 * The controls end in a state (harness/contract/run.ts), and the banner
 * every output puts at the top (next to the INCOMPLETE RUN one) follows it:
 * - failed: the measuring method itself was caught being wrong on this
 *   machine at this time, so every verdict of the run is suspect;
 * - inconclusive: the run was too short to tell. Nothing was caught wrong,
 *   and the verdict rule (harness/stats/verdict.ts) already keeps a row
 *   whose interval crosses 1 from being called faster or slower, so the
 *   banner says what the run could not resolve, not that it is suspect;
 * - passed: no banner.
 * Plain text; each renderer escapes and styles it. Runs without controls
 * (older runs, or skipped) get nothing.
 */
import type { CalibrationState, ControlCheck, RunCalibration, RunRecord } from '../contract/index.js';
import { NOISE_THRESHOLD } from '../stats/verdict.js';
import { formatBasis, formatFactor } from './format.js';

/** A control's ratio: three decimals, as controls sit near 1 where two would round 1.004 and 0.996 alike. */
const controlFactor = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

/** "1.070× [1.020–1.120]": a control's ratio with its interval. */
function ratioText(check: ControlCheck): string {
  const [lo, hi] = check.ci95;
  return `${controlFactor(check.ratio)}× [${controlFactor(lo)}–${controlFactor(hi)}]`;
}

/** "5%": the size of a known difference. */
const differenceText = (ratio: number): string => `${Math.round(Math.abs(ratio - 1) * 100)}%`;

/** True when a check's interval holds a value. */
const holds = (check: ControlCheck, value: number): boolean => check.ci95[0] <= value && value <= check.ci95[1];

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

/** Why the planted-difference check failed: not detected, the wrong direction, or detected at the wrong size. */
function plantedFailure(check: ControlCheck): string {
  const known = `${formatFactor(check.expectedRatio)}×`;
  const [lo, hi] = check.ci95;
  if (check.verdict === 'too-few-samples') return `the planted ${known} difference had too few independent units for a verdict (${formatBasis(check.basis)})`;
  if (lo <= 1 && hi >= 1) return `the planted ${known} difference was not detected${holds(check, check.expectedRatio) ? '' : ', and its interval excludes it'} (${ratioText(check)})`;
  if ((hi < 1) !== (check.expectedRatio < 1)) return `the planted ${known} difference was measured in the wrong direction (${ratioText(check)})`;
  return `the planted ${known} difference was measured outside its interval (${ratioText(check)})`;
}

/** What an inconclusive A/A check could not do. */
function aaInconclusive(check: ControlCheck): string {
  if (check.verdict === 'too-few-samples') return `the A/A control had too few independent units for a verdict (${formatBasis(check.basis)})`;
  return `identical code could not be shown equal within the ±${differenceText(1 + NOISE_THRESHOLD)} noise band (A/A ${ratioText(check)})`;
}

/** What an inconclusive planted check could not do. */
function plantedInconclusive(check: ControlCheck): string {
  const known = `${formatFactor(check.expectedRatio)}×`;
  if (check.verdict === 'too-few-samples') return `the planted ${known} difference had too few independent units for a verdict (${formatBasis(check.basis)})`;
  return `this run cannot resolve a ${differenceText(check.expectedRatio)} difference (planted ${known} measured ${ratioText(check)})`;
}

/**
 * The half-width of a check's interval as a fraction (geometric: the
 * interval is about [r/(1+h), r*(1+h)]), or undefined when it has none.
 * A row that precise excludes 1, and so is called faster or slower, only
 * when its measured ratio lies beyond 1±h.
 */
function precision(check: ControlCheck): number | undefined {
  const [lo, hi] = check.ci95;
  if (check.verdict === 'too-few-samples' || !(lo > 0) || !Number.isFinite(hi)) return undefined;
  return Math.sqrt(hi / lo) - 1;
}

/** What an inconclusive run still shows truthfully: what the verdict rule does with differences it cannot resolve. */
function inconclusiveConsequence(checks: readonly ControlCheck[]): string {
  const widths = checks.map(precision).filter((h): h is number => h !== undefined);
  if (widths.length > 0) return `rows measured as precisely as the controls (±${(Math.max(...widths) * 100).toFixed(1)}%) do not show smaller differences as faster or slower`;
  // The verdict rule gives no verdict below its fewest units (harness/stats/verdict.ts), whatever the interval.
  if (checks.some((check) => check.verdict === 'too-few-samples')) return 'rows resting on as few units get no verdict either';
  return 'a difference the run could not resolve is not shown as faster or slower';
}

/** The banner a run's controls put at the top of every output, unless they passed. */
export interface CalibrationBanner {
  readonly state: Exclude<CalibrationState, 'passed'>;
  /** "CALIBRATION FAILED" or "CALIBRATION INCONCLUSIVE": the label each renderer styles. */
  readonly label: string;
  /** The text after the label: what the controls showed and what it means for the verdicts. */
  readonly text: string;
}

/** The banner for a run whose controls failed or were inconclusive, or undefined (passed, or no controls). */
export function calibrationBanner(run: Pick<RunRecord, 'calibration'>): CalibrationBanner | undefined {
  const calibration = run.calibration;
  if (!calibration || calibration.state === 'passed') return undefined;
  const { aa, planted } = calibration;
  if (calibration.state === 'failed') {
    const reasons = [...(aa.state === 'failed' ? [aaFailure(aa)] : []), ...(planted.state === 'failed' ? [plantedFailure(planted)] : [])];
    const why = reasons.length > 0 ? reasons.join('; ') : 'the calibration controls did not pass';
    return { state: 'failed', label: 'CALIBRATION FAILED', text: `${why}; treat every verdict below as suspect.` };
  }
  const unsure = [aa, planted].filter((check) => check.state === 'inconclusive');
  const reasons = [...(aa.state === 'inconclusive' ? [aaInconclusive(aa)] : []), ...(planted.state === 'inconclusive' ? [plantedInconclusive(planted)] : [])];
  const why = reasons.length > 0 ? reasons.join('; ') : 'the calibration controls could not tell';
  return { state: 'inconclusive', label: 'CALIBRATION INCONCLUSIVE', text: `${why}; ${inconclusiveConsequence(unsure)}; the controls did not catch the method being wrong.` };
}

/** The one-line banner for plain-text outputs (the terminal). */
export function calibrationBannerLine(run: Pick<RunRecord, 'calibration'>): string | undefined {
  const banner = calibrationBanner(run);
  return banner === undefined ? undefined : `${banner.label}: ${banner.text}`;
}

/** One control as a line: "passed: A/A: no significant difference, 1.004× [0.991–1.017] (sha256 node vs …)". */
export interface ControlLine {
  readonly state: CalibrationState;
  readonly text: string;
}

/** What the controls section says: an introduction and one line per control. */
export interface CalibrationSection {
  readonly intro: string;
  readonly lines: readonly ControlLine[];
}

const OUTCOME: Readonly<Record<CalibrationState, string>> = {
  passed: 'Both passed.',
  failed: 'A failed control means the verdicts of this run cannot be trusted as stated.',
  inconclusive:
    'An inconclusive control means the run was too short to tell: its interval holds the known ratio but could not resolve it. ' +
    'Nothing caught the method being wrong, and each verdict still rests on its own interval.',
};

/** The "Calibration controls" section of a run that has them. */
export function calibrationSection(calibration: RunCalibration): CalibrationSection {
  const line = (check: ControlCheck): ControlLine => ({ state: check.state, text: `${check.summary} (${check.what})` });
  return {
    intro:
      `Measured with this run on ${calibration.workload} at size ${calibration.size}, the same way as every row: ` +
      'an A/A pair (one target measured as two independent entries; it must say "no significant difference") and a planted difference ' +
      '(a variant that does a known amount more work; its interval must contain the known ratio and exclude 1). ' +
      OUTCOME[calibration.state],
    lines: [line(calibration.aa), line(calibration.planted)],
  };
}

/** "PASSED", "FAILED" or "INCONCLUSIVE", as the controls section labels each line. */
export function stateLabel(state: CalibrationState): string {
  return state.toUpperCase();
}
