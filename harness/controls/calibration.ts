/**
 * The calibration controls measured with every run, so that each run
 * carries its own evidence that its intervals hold.
 *
 * - A/A: one target measured as two independent entries of the same group.
 *   Nothing differs, so the comparison must say "no significant
 *   difference"; a difference here means the intervals are too narrow.
 * - Planted difference: the same code doing a known amount more work. Each
 *   timed call of the base entries runs the workload BASE_CALLS times; the
 *   planted entry runs it PLANTED_CALLS times on the same input, so its work
 *   is PLANTED_CALLS / BASE_CALLS times the base's by construction (same
 *   code, same input, same cache behaviour: only the count differs). The
 *   interval must contain that ratio and exclude 1. (A longer input is not
 *   exact: a 5% longer sha256 input measured 5.7% slower here, through
 *   effects of size other than the work.)
 *
 * Both use sha256's TypeScript implementation at the medium size (64 KiB):
 * a real workload with real noise.
 *
 * Each check ends in one of three states, so that a run too short to tell is
 * not reported as the method caught wrong (a banner that cries wolf on every
 * --quick run teaches readers to ignore it): `failed` only when an interval
 * excludes the known ratio (a difference where there is none, the wrong
 * direction, the planted ratio measured at the wrong size); `inconclusive`
 * when the interval holds the known ratio but cannot resolve it (it holds 1
 * too, or reaches past the noise band) or rests on too few processes;
 * `passed` when the verdict tells the truth.
 */
import type { CalibrationState, ControlCheck, RunCalibration, SizeName, Verdict, VsBaseline } from '../contract/index.js';
import { NOISE_THRESHOLD } from '../stats/verdict.js';

/** The workload the controls run. */
export const CONTROL_WORKLOAD = 'sha256';
/** Its size. */
export const CONTROL_SIZE: SizeName = 'medium';
/** The planted extra work, as a fraction (5%). */
export const PLANTED_EXTRA = 0.05;

/** Names of the three control entries inside the control group. */
export const CONTROL_ENTRIES = { base: 'control-a', again: 'control-a-again', planted: 'control-planted' } as const;

/** Workload calls per timed call of the base entries (A and A again). */
export const BASE_CALLS = 20;
/** Workload calls per timed call of the planted entry: 5% more work, exactly. */
export const PLANTED_CALLS = 21;

/** The planted ratio, by construction. */
export const PLANTED_RATIO = PLANTED_CALLS / BASE_CALLS;

/** What a check concluded and why, in words for its summary. */
interface Judgement {
  readonly state: CalibrationState;
  readonly why: string;
}

/** A control check from its comparison and its judgement. */
function check(what: string, expectedRatio: number, vs: VsBaseline, judged: Judgement, summary: string): ControlCheck {
  return { what, expectedRatio, ratio: vs.ratio, ci95: vs.ci95, verdict: vs.verdict, basis: vs.basis ?? { unit: 'process', count: 0 }, state: judged.state, summary };
}

const fmt = (x: number): string => x.toFixed(3);
const interval = (vs: VsBaseline): string => `${fmt(vs.ratio)}x [${fmt(vs.ci95[0])}-${fmt(vs.ci95[1])}]`;
const processes = (vs: VsBaseline): string => `${vs.basis?.count ?? 0} processes`;
const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** The verdict that tells the truth about a known ratio: a difference in its direction, or none for 1. */
function truthfulVerdict(expectedRatio: number): Verdict {
  return expectedRatio > 1 ? 'slower' : expectedRatio < 1 ? 'faster' : 'no-significant-difference';
}

/**
 * The three-way rule both checks share. Too few units: no interval to judge
 * (inconclusive). An interval that excludes the known ratio: the method was
 * caught wrong (failed), whatever the verdict. One that holds it: passed when
 * the verdict tells the truth, else inconclusive (it also holds 1, or
 * reaches past the noise band: the run was too short to tell).
 */
function stateOf(vs: VsBaseline, expectedRatio: number): CalibrationState {
  if (vs.verdict === 'too-few-samples') return 'inconclusive';
  if (!(vs.ci95[0] <= expectedRatio && expectedRatio <= vs.ci95[1])) return 'failed';
  return vs.verdict === truthfulVerdict(expectedRatio) ? 'passed' : 'inconclusive';
}

/** The A/A check: identical code, so the truth is "no significant difference". */
function judgeAa(aa: VsBaseline): Judgement {
  const state = stateOf(aa, 1);
  if (aa.verdict === 'too-few-samples') return { state, why: 'inconclusive: too few processes for an interval' };
  if (state === 'passed') return { state, why: 'no significant difference, as it must be' };
  if (aa.verdict === 'faster' || aa.verdict === 'slower') return { state, why: 'FOUND A DIFFERENCE where there is none: the intervals are too narrow' };
  if (state === 'failed') return { state, why: 'MISSED THE KNOWN VALUE: the interval excludes 1.000x, so it is too narrow or biased' };
  return { state, why: `inconclusive (${aa.verdict}): the interval reaches beyond the ±${percent(NOISE_THRESHOLD)} noise band, too wide to show identical code equal` };
}

/** The planted check: the variant does a known amount more work, so the truth is that ratio. */
function judgePlanted(planted: VsBaseline, expectedRatio: number): Judgement {
  const state = stateOf(planted, expectedRatio);
  const known = `${fmt(expectedRatio)}x`;
  if (planted.verdict === 'too-few-samples') return { state, why: 'inconclusive: too few processes for an interval' };
  if (state === 'passed') return { state, why: `detected, and the interval contains the planted ${known}` };
  if (state === 'inconclusive') return { state, why: `inconclusive (${planted.verdict}): the interval contains the planted ${known} but also 1, too wide to resolve a ${percent(Math.abs(expectedRatio - 1))} difference` };
  const decided = planted.verdict === 'faster' || planted.verdict === 'slower';
  if (decided && planted.verdict !== truthfulVerdict(expectedRatio)) return { state, why: `WRONG DIRECTION: measured ${planted.verdict}, where the truth is ${known}` };
  return { state, why: `MISSED THE PLANTED VALUE (${planted.verdict}): the interval excludes ${known}, so it is too narrow or biased` };
}

/** The controls as a whole: failed if either check failed, else inconclusive if either was, else passed. */
export function combinedState(aa: CalibrationState, planted: CalibrationState): CalibrationState {
  if (aa === 'failed' || planted === 'failed') return 'failed';
  return aa === 'inconclusive' || planted === 'inconclusive' ? 'inconclusive' : 'passed';
}

/**
 * Judges the controls from their comparisons (each against the base entry,
 * measured in the same processes).
 */
export function judgeCalibration(aa: VsBaseline, planted: VsBaseline, expectedRatio: number = PLANTED_RATIO): RunCalibration {
  const aaJudged = judgeAa(aa);
  const plantedJudged = judgePlanted(planted, expectedRatio);
  return {
    workload: CONTROL_WORKLOAD,
    size: CONTROL_SIZE,
    aa: check(
      `${CONTROL_WORKLOAD} ${CONTROL_SIZE} on node (${BASE_CALLS} calls per timed call), measured as two independent entries`,
      1,
      aa,
      aaJudged,
      `A/A control: ${aaJudged.why}, ${interval(aa)} from ${processes(aa)}`,
    ),
    planted: check(
      `${CONTROL_WORKLOAD} ${CONTROL_SIZE} on node: ${PLANTED_CALLS} calls per timed call against ${BASE_CALLS}`,
      expectedRatio,
      planted,
      plantedJudged,
      `planted difference: ${plantedJudged.why}, ${interval(planted)} from ${processes(planted)}`,
    ),
    state: combinedState(aaJudged.state, plantedJudged.state),
  };
}
