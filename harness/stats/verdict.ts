/**
 * The one rule that turns a ratio's 95% interval into a verdict, shared by
 * warm, cold and Lambda rows and by the calibration controls.
 *
 * A verdict needs enough independent units (processes, environments) for a
 * 95% interval to mean something; below that the answer is
 * `too-few-samples`. An interval that excludes 1 is a difference. One that
 * contains 1 is "no significant difference" only when it also lies inside
 * the noise band [1/(1+noise), 1+noise]: otherwise it could still hide a
 * difference larger than the noise, and the row is `unresolved` (as
 * tachometer reports an unresolved comparison instead of guessing).
 */
import type { Verdict } from '../contract/index.js';

/**
 * Relative difference below which two medians are treated as equal for the
 * verdict (5%). Chosen from the between-process spread measured on 2-core
 * machines (1-3.6% per row): a narrower band could only be resolved with
 * more processes than the default budget pays for.
 */
export const NOISE_THRESHOLD = 0.05;

/** Fewest fresh processes (warm forks) a process-level interval may rest on. */
export const MIN_PROCESSES = 3;

/**
 * Fewest samples a sample-level bootstrap interval may rest on (cold
 * processes, Lambda invocations): below 6 the bootstrap of a median does
 * not reach its nominal coverage on iid data.
 */
export const MIN_BOOTSTRAP_SAMPLES = 6;

/** What a verdict needs besides the interval. */
export interface VerdictRule {
  /** Independent units behind the interval. Default: enough. */
  readonly replicates?: number;
  /** Fewest units that allow a verdict. Default: 1 (no minimum). */
  readonly minReplicates?: number;
  /** Noise threshold as a fraction (default NOISE_THRESHOLD). */
  readonly noise?: number;
}

/** Verdict from a ratio interval (ratio = candidate / baseline; below 1 = faster). */
export function verdictOf(ci: readonly [number, number], rule: VerdictRule = {}): Verdict {
  if (rule.replicates !== undefined && rule.replicates < (rule.minReplicates ?? 1)) return 'too-few-samples';
  if (!(ci[0] > 0) || !Number.isFinite(ci[1])) return 'unresolved';
  if (ci[1] < 1) return 'faster';
  if (ci[0] > 1) return 'slower';
  const noise = rule.noise ?? NOISE_THRESHOLD;
  return ci[0] >= 1 / (1 + noise) && ci[1] <= 1 + noise ? 'no-significant-difference' : 'unresolved';
}

/** True when a verdict states a result (faster, slower, no difference); false for unresolved and too few samples. */
export function isDecided(verdict: Verdict): boolean {
  return verdict === 'faster' || verdict === 'slower' || verdict === 'no-significant-difference';
}
