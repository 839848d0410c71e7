/**
 * Every figure a Lambda row (`placement: "lambda"`) carries for a human
 * reader, read once from its `lambda` block (lambda/measure/summary.ts) and
 * shared by the Lambda tables, the CSV columns and the cost-against-duration
 * chart, so the three can never disagree on what a row measured.
 *
 * The block arrives through CompletedResult's index signature and from runs
 * of several ages (the published one predates execution environments), so
 * every field is checked before use: a value of the wrong shape counts as
 * absent, and a figure that is absent is never made up.
 */
import type { ResultRecord, TimingStats } from '../types.js';
import { isValid } from './rows.js';

/** A median with its 95% CI and the samples it summarises (a TimingStats, checked). */
export interface LambdaStat {
  readonly medianNs: number;
  readonly ci95Ns: readonly [number, number];
  readonly samples: number;
}

/** Which Power Tuning picks a configuration earned (`lambda.powerTuning`). */
export type TuningPick = 'cheapest' | 'fastest' | 'balanced';

/** The picks in the order reports name them. */
export const TUNING_PICKS: readonly TuningPick[] = ['cheapest', 'fastest', 'balanced'];

/** What one valid Lambda row measured, beyond the fields every row has. */
export interface LambdaFigures {
  /** Warm client round trip (SDK call as the caller sees it), pooled over every warm invocation. */
  readonly warmClient?: LambdaStat;
  /** Warm client round trip minus REPORT Duration of the same invocation, pooled. */
  readonly warmOverhead?: LambdaStat;
  /** Warm REPORT Billed Duration, pooled. */
  readonly warmBilled?: LambdaStat;
  /** Accepted warm invocations (all environments). */
  readonly warmInvocations?: number;
  /** Execution environments the warm samples came from; absent in runs before environments were recorded. */
  readonly environments?: number;
  /** Forced cold starts kept (each one a new environment) and those dropped as served warm. */
  readonly coldSamples?: number;
  readonly coldDropped?: number;
  /** Init Duration of the forced cold starts. */
  readonly coldInit?: LambdaStat;
  /** Duration of the first invocation after INIT. */
  readonly coldDuration?: LambdaStat;
  /** Client round trip of the forced cold invocations. */
  readonly coldClient?: LambdaStat;
  /** Cost per million invocations if every one were cold (INIT billed). */
  readonly coldCostPerMillionUsd?: number;
  /** Max Memory Used: median over warm and over cold invocations, and the highest seen. */
  readonly memoryWarmMedianMB?: number;
  readonly memoryColdMedianMB?: number;
  readonly memoryMaxMB?: number;
  /** Power Tuning picks this configuration earned within its target (and, off AWS, architecture). */
  readonly picks: readonly TuningPick[];
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** A TimingStats-shaped value as a LambdaStat, or undefined when any needed field is missing. */
export function lambdaStat(value: unknown): LambdaStat | undefined {
  const stats = record(value) as Partial<TimingStats> | undefined;
  const ci = stats?.ci95Ns;
  if (!stats || !isNumber(stats.medianNs) || !Array.isArray(ci) || !isNumber(ci[0]) || !isNumber(ci[1])) return undefined;
  return { medianNs: stats.medianNs, ci95Ns: [ci[0], ci[1]], samples: isNumber(stats.samples) ? stats.samples : 0 };
}

/** Figures of a Lambda row; empty (no picks) for rows that are not valid Lambda rows. */
export function lambdaFigures(result: ResultRecord): LambdaFigures {
  if (result.placement !== 'lambda' || !isValid(result)) return { picks: [] };
  const block = record((result as Record<string, unknown>)['lambda']);
  const warm = record(block?.['warm']);
  const cold = record(block?.['cold']);
  const memory = record(block?.['maxMemoryUsedMB']);
  const cost = record(block?.['cost']);
  const environments = record(warm?.['environments']);
  const picks = block?.['powerTuning'];
  const out: { -readonly [K in keyof LambdaFigures]: LambdaFigures[K] } = {
    picks: Array.isArray(picks) ? TUNING_PICKS.filter((p) => picks.includes(p)) : [],
  };
  const set = <K extends keyof LambdaFigures>(key: K, value: LambdaFigures[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  const count = (value: unknown): number | undefined => (isNumber(value) ? value : undefined);
  set('warmClient', lambdaStat(warm?.['client']));
  set('warmOverhead', lambdaStat(warm?.['overhead']));
  set('warmBilled', lambdaStat(warm?.['billed']));
  set('warmInvocations', count(warm?.['samples']));
  set('environments', count(environments?.['count']));
  set('coldSamples', count(cold?.['samples']));
  set('coldDropped', count(cold?.['dropped']));
  set('coldInit', lambdaStat(cold?.['init']));
  set('coldDuration', lambdaStat(cold?.['firstDuration']));
  set('coldClient', lambdaStat(cold?.['client']));
  set('coldCostPerMillionUsd', count(cost?.['coldPerMillionUsd']));
  set('memoryWarmMedianMB', count(memory?.['warmMedian']));
  set('memoryColdMedianMB', count(memory?.['coldMedian']));
  set('memoryMaxMB', count(memory?.['max']));
  return out;
}

/** True when a valid Lambda row kept at least one forced cold start with its Init Duration. */
export function hasForcedColdStarts(result: ResultRecord): boolean {
  const figures = lambdaFigures(result);
  return (figures.coldSamples ?? 0) > 0 && figures.coldInit !== undefined;
}
