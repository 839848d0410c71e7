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
 */
import type { ControlCheck, RunCalibration, SizeName, VsBaseline } from '../contract/index.js';

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

/** A control check from its comparison. */
function check(what: string, expectedRatio: number, vs: VsBaseline, passed: boolean, summary: string): ControlCheck {
  return { what, expectedRatio, ratio: vs.ratio, ci95: vs.ci95, verdict: vs.verdict, basis: vs.basis ?? { unit: 'process', count: 0 }, passed, summary };
}

const fmt = (x: number): string => x.toFixed(3);
const interval = (vs: VsBaseline): string => `${fmt(vs.ratio)}x [${fmt(vs.ci95[0])}-${fmt(vs.ci95[1])}]`;
const processes = (vs: VsBaseline): string => `${vs.basis?.count ?? 0} processes`;

/**
 * Judges the controls from their comparisons (each against the base entry,
 * measured in the same processes).
 */
export function judgeCalibration(aa: VsBaseline, planted: VsBaseline, expectedRatio: number = PLANTED_RATIO): RunCalibration {
  const aaPassed = aa.verdict === 'no-significant-difference';
  const aaWhy =
    aa.verdict === 'no-significant-difference'
      ? 'no significant difference, as it must be'
      : aa.verdict === 'faster' || aa.verdict === 'slower'
        ? 'FOUND A DIFFERENCE where there is none: the intervals are too narrow'
        : aa.verdict === 'unresolved'
          ? 'unresolved: the intervals are too wide to tell even identical code apart from a 5% difference'
          : 'too few processes for an interval';
  const contains = planted.ci95[0] <= expectedRatio && expectedRatio <= planted.ci95[1];
  const plantedPassed = planted.verdict === 'slower' && contains;
  const plantedWhy = plantedPassed
    ? `detected, and the interval contains the planted ${fmt(expectedRatio)}x`
    : planted.verdict !== 'slower'
      ? `NOT DETECTED (${planted.verdict}): a ${Math.round((PLANTED_RATIO - 1) * 100)}% difference went unseen`
      : `MISSED THE PLANTED VALUE: the interval excludes ${fmt(expectedRatio)}x, so it is too narrow or biased`;
  return {
    workload: CONTROL_WORKLOAD,
    size: CONTROL_SIZE,
    aa: check(
      `${CONTROL_WORKLOAD} ${CONTROL_SIZE} on node (${BASE_CALLS} calls per timed call), measured as two independent entries`,
      1,
      aa,
      aaPassed,
      `A/A control: ${aaWhy}, ${interval(aa)} from ${processes(aa)}`,
    ),
    planted: check(
      `${CONTROL_WORKLOAD} ${CONTROL_SIZE} on node: ${PLANTED_CALLS} calls per timed call against ${BASE_CALLS}`,
      expectedRatio,
      planted,
      plantedPassed,
      `planted difference: ${plantedWhy}, ${interval(planted)} from ${processes(planted)}`,
    ),
    passed: aaPassed && plantedPassed,
  };
}

