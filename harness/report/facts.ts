/**
 * Which of the process-level interval facts (issue 12) a set of rows
 * records: the basis of each ratio, undecided verdicts, between- and
 * within-process spread, Tukey outlier counts.
 *
 * Reports add a column, a caption sentence or a CSV column for a fact only
 * when some row has it, so runs written before these facts existed (the
 * published ones) render byte for byte as they always did. Fields are read
 * defensively: a value of the wrong shape counts as absent.
 */
import { isDecided } from '../stats/verdict.js';
import type { OutlierCounts, ResultRecord, VsBaseline } from '../contract/index.js';
import { isValid } from './rows.js';

/** The facts present in a set of rows. */
export interface IntervalFacts {
  /** Some ratio says what its interval rests on. */
  readonly basis: boolean;
  /** Some ratio is unresolved or has too few samples for a verdict. */
  readonly undecided: boolean;
  /** Some warm row was measured in several processes. */
  readonly forks: boolean;
  /** Some warm row counts its outliers. */
  readonly warmOutliers: boolean;
  /** Some cold row counts outliers (of its time to first result or of a phase). */
  readonly coldOutliers: boolean;
  /** Some row compares with a Node variant other than node (vsFastestNode): its columns appear only then. */
  readonly fastestNode: boolean;
}

/** Outlier counts of a stats block, or undefined when it has none. */
export function outliersOf(stats: { readonly outliers?: OutlierCounts } | undefined): OutlierCounts | undefined {
  return stats?.outliers;
}

/** Outliers of a row's cold figures: time to first result, then each phase that counted some. */
export function coldOutliersOf(result: ResultRecord): { readonly firstResult?: OutlierCounts; readonly phases: ReadonlyArray<readonly [string, OutlierCounts]> } | undefined {
  if (!isValid(result) || !result.cold) return undefined;
  const firstResult = outliersOf(result.cold.timeToFirstResult);
  const phases = Object.entries(result.cold.phases).flatMap(([name, stats]) => {
    const counts = outliersOf(stats);
    return counts ? [[name, counts] as const] : [];
  });
  if (!firstResult && phases.length === 0) return undefined;
  return { ...(firstResult ? { firstResult } : {}), phases };
}

/** A row's comparisons with node (warm and cold) and with the fastest Node variant, valid rows only. */
function comparisons(result: ResultRecord): VsBaseline[] {
  if (!isValid(result)) return [];
  return [result.vsNode, result.coldVsNode, result.vsFastestNode].filter((vs): vs is VsBaseline => vs !== undefined);
}

/** Which facts some row of `results` records. */
export function intervalFacts(results: readonly ResultRecord[]): IntervalFacts {
  const ratios = results.flatMap(comparisons);
  const valid = results.filter(isValid);
  return {
    basis: ratios.some((vs) => vs.basis !== undefined),
    undecided: ratios.some((vs) => !isDecided(vs.verdict)),
    forks: valid.some((r) => r.warm?.forks !== undefined),
    warmOutliers: valid.some((r) => outliersOf(r.warm) !== undefined),
    coldOutliers: valid.some((r) => coldOutliersOf(r) !== undefined),
    fastestNode: valid.some((r) => r.vsFastestNode !== undefined),
  };
}

/** True when any of the interval facts is present: the run was summarised with process-level intervals (fastestNode is not one). */
export function hasAnyFact(facts: IntervalFacts): boolean {
  return facts.basis || facts.undecided || facts.forks || facts.warmOutliers || facts.coldOutliers;
}
