/**
 * Ratio of two targets measured in independent units that were not paired:
 * a Welch t interval on the difference of the mean log unit medians, with
 * the same run-level term as the paired interval (replicated.ts).
 *
 * replicated.ts pairs the units (a ratio inside each process,
 * where both targets shared its machine state). Lambda functions run in
 * environments of their own; they pair only when both were measured in the
 * same sampling blocks (lambda/measure/environments.ts). When they were not
 * (a forced start failed for one function, an environment was replaced
 * mid-block), the two sets of environment medians are independent samples,
 * and their log means differ by a Student-t amount with Welch's degrees of
 * freedom (unequal variances, unequal counts).
 */
import type { ReplicationBasis, VsBaseline } from '../contract/index.js';
import { meanSd, RUN_LEVEL_SD, tQuantile975, type IntervalOptions } from './replicated.js';
import { MIN_PROCESSES, verdictOf, type VerdictRule } from './verdict.js';

/** The difference of two log means, back-transformed to a ratio, with its 95% interval. */
export interface WelchRatio {
  /** exp(mean log candidate - mean log baseline): the ratio of the geometric means. */
  readonly ratio: number;
  readonly ci95: readonly [number, number];
  /** Welch-Satterthwaite degrees of freedom; NaN when either side has one unit or no spread at all. */
  readonly df: number;
}

/** Mean and unbiased variance of a list (variance 0 for a single value). */
function meanVariance(values: readonly number[]): { mean: number; variance: number } {
  const { mean, sd } = meanSd(values);
  return { mean, variance: sd * sd };
}

/**
 * Welch t interval on log(candidate) - log(baseline), both lists of positive
 * unit medians. With one unit on either side the variance of that side is
 * unknown: the interval is the point estimate alone, and callers must not
 * draw a verdict from it (see {@link compareUnpaired}). The t quantile is
 * taken at the whole number of degrees of freedom below Welch's (wider, never narrower).
 * `runLevelSd` (default 0: the bare Welch interval) widens it in quadrature,
 * as logMeanInterval does.
 */
export function welchLogRatio(candidate: readonly number[], baseline: readonly number[], options: IntervalOptions = {}): WelchRatio {
  if (candidate.length === 0 || baseline.length === 0) throw new Error(`welchLogRatio: ${candidate.length} candidate and ${baseline.length} baseline units`);
  const a = meanVariance(candidate.map((v) => Math.log(v)));
  const b = meanVariance(baseline.map((v) => Math.log(v)));
  const diff = a.mean - b.mean;
  const ratio = Math.exp(diff);
  if (candidate.length < 2 || baseline.length < 2) return { ratio, ci95: [ratio, ratio], df: Number.NaN };
  const va = a.variance / candidate.length;
  const vb = b.variance / baseline.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ratio, ci95: [ratio, ratio], df: Number.NaN };
  const df = (va + vb) ** 2 / (va ** 2 / (candidate.length - 1) + vb ** 2 / (baseline.length - 1));
  const half = Math.hypot(tQuantile975(df) * se, 1.959964 * (options.runLevelSd ?? 0));
  return { ratio, ci95: [Math.exp(diff - half), Math.exp(diff + half)], df };
}

/**
 * A candidate's ratio to the baseline from unpaired unit medians (Welch),
 * widened by the run-level term (RUN_LEVEL_SD unless `options` says
 * otherwise), with the shared verdict rule: fewer than MIN_PROCESSES units on the
 * smaller side give `too-few-samples`. `unit` names what one median is the
 * median of (default `environment`).
 */
export function compareUnpaired(
  candidateMedians: readonly number[],
  baselineMedians: readonly number[],
  rule: VerdictRule & { readonly unit?: ReplicationBasis['unit'] } = {},
  options: IntervalOptions = {},
): VsBaseline {
  const { unit = 'environment', ...verdictRule } = rule;
  const welch = welchLogRatio(candidateMedians, baselineMedians, { runLevelSd: options.runLevelSd ?? RUN_LEVEL_SD });
  const count = Math.min(candidateMedians.length, baselineMedians.length);
  return {
    ratio: welch.ratio,
    ci95: welch.ci95,
    verdict: verdictOf(welch.ci95, { minReplicates: MIN_PROCESSES, ...verdictRule, replicates: count }),
    basis: { unit, count },
  };
}
