/**
 * Every figure a Lambda row (`placement: "lambda"`) carries for a human
 * reader, read once from its `lambda` block (lambda/measure/summary.ts) and
 * shared by the Lambda tables, the CSV columns and the cost-against-duration
 * chart, so the three can never disagree on what a row measured.
 *
 * The block is typed by the results contract; runs of several ages differ
 * only in what is absent (the first published one predates execution
 * environments), and a figure that is absent is never made up.
 */
import { POWER_TUNING_PICKS, type PowerTuningPick, type ResultRecord, type TimingStats } from '../contract/index.js';
import { isValid } from './rows.js';

/** A median with its 95% CI and the samples it summarises (a TimingStats, checked). */
export interface LambdaStat {
  readonly medianNs: number;
  readonly ci95Ns: readonly [number, number];
  readonly samples: number;
}

/** Which Power Tuning picks a configuration earned (`lambda.powerTuning`). */
export type TuningPick = PowerTuningPick;

/** The picks in the order reports name them. */
export const TUNING_PICKS: readonly TuningPick[] = POWER_TUNING_PICKS;

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

/** A timing block as a LambdaStat (its median, interval and sample count). */
export function lambdaStat(stats: TimingStats | undefined): LambdaStat | undefined {
  return stats === undefined ? undefined : { medianNs: stats.medianNs, ci95Ns: stats.ci95Ns, samples: stats.samples };
}

/** Figures of a Lambda row; empty (no picks) for rows that are not valid Lambda rows. */
export function lambdaFigures(result: ResultRecord): LambdaFigures {
  if (result.placement !== 'lambda' || result.state !== 'completed' || !isValid(result)) return { picks: [] };
  const { warm, cold, maxMemoryUsedMB: memory, cost, powerTuning } = result.lambda;
  const out: { -readonly [K in keyof LambdaFigures]: LambdaFigures[K] } = {
    picks: TUNING_PICKS.filter((p) => powerTuning?.includes(p) === true),
  };
  const set = <K extends keyof LambdaFigures>(key: K, value: LambdaFigures[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('warmClient', lambdaStat(warm.client));
  set('warmOverhead', lambdaStat(warm.overhead));
  set('warmBilled', lambdaStat(warm.billed));
  set('warmInvocations', warm.samples);
  set('environments', warm.environments?.count);
  set('coldSamples', cold.samples);
  set('coldDropped', cold.dropped);
  set('coldInit', lambdaStat(cold.init));
  set('coldDuration', lambdaStat(cold.firstDuration));
  set('coldClient', lambdaStat(cold.client));
  set('coldCostPerMillionUsd', cost?.coldPerMillionUsd);
  set('memoryWarmMedianMB', memory?.warmMedian);
  set('memoryColdMedianMB', memory?.coldMedian);
  set('memoryMaxMB', memory?.max);
  return out;
}

/** True when a valid Lambda row kept at least one forced cold start with its Init Duration. */
export function hasForcedColdStarts(result: ResultRecord): boolean {
  const figures = lambdaFigures(result);
  return (figures.coldSamples ?? 0) > 0 && figures.coldInit !== undefined;
}
