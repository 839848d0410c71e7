/**
 * The results.csv columns of Lambda rows beyond the ones every row has:
 * the basis of the warm figures (environments, invocations), the client
 * round trip and SDK overhead with their intervals, Billed Duration, forced
 * cold starts (count, Init Duration with its interval, first Duration, cold
 * round trip), Max Memory Used warm and cold, the cost if every invocation
 * were cold, and the Power Tuning picks. The cold ratio to node is already
 * in the cold_vs_node_* columns every row has.
 *
 * Written only for runs with Lambda rows (csv.ts), so local runs keep the
 * exact columns they were published with. Values are raw base units (ns,
 * MB, USD); csv.ts rounds them (roundSignificant) and leaves absent ones empty.
 */
import type { ResultRecord } from '../contract/index.js';
import { lambdaFigures, type LambdaStat } from './lambda-figures.js';

type Field = string | number | boolean | undefined;

/** A column name and how it reads a row. */
export type LambdaCsvColumn = readonly [string, (result: ResultRecord) => Field];

/** The median and both interval ends of a stat, as three columns named `<prefix>_median_ns`, `_ci_lo_ns`, `_ci_hi_ns`. */
function statColumns(prefix: string, read: (result: ResultRecord) => LambdaStat | undefined): LambdaCsvColumn[] {
  return [
    [`${prefix}_median_ns`, (r) => read(r)?.medianNs],
    [`${prefix}_ci_lo_ns`, (r) => read(r)?.ci95Ns[0]],
    [`${prefix}_ci_hi_ns`, (r) => read(r)?.ci95Ns[1]],
  ];
}

/** The Lambda columns, in order (after cost_per_million_usd). */
export const LAMBDA_CSV_COLUMNS: readonly LambdaCsvColumn[] = [
  ['lambda_warm_environments', (r) => lambdaFigures(r).environments],
  ['lambda_warm_invocations', (r) => lambdaFigures(r).warmInvocations],
  ...statColumns('lambda_warm_client', (r) => lambdaFigures(r).warmClient),
  ...statColumns('lambda_warm_overhead', (r) => lambdaFigures(r).warmOverhead),
  ['lambda_warm_billed_median_ns', (r) => lambdaFigures(r).warmBilled?.medianNs],
  ['lambda_cold_samples', (r) => lambdaFigures(r).coldSamples],
  ['lambda_cold_dropped', (r) => lambdaFigures(r).coldDropped],
  ...statColumns('lambda_cold_init', (r) => lambdaFigures(r).coldInit),
  ['lambda_cold_first_duration_median_ns', (r) => lambdaFigures(r).coldDuration?.medianNs],
  ...statColumns('lambda_cold_client', (r) => lambdaFigures(r).coldClient),
  ['lambda_max_memory_used_warm_median_mb', (r) => lambdaFigures(r).memoryWarmMedianMB],
  ['lambda_max_memory_used_cold_median_mb', (r) => lambdaFigures(r).memoryColdMedianMB],
  ['lambda_cold_cost_per_million_usd', (r) => lambdaFigures(r).coldCostPerMillionUsd],
  // Space-separated, so the cell needs no quoting: "cheapest fastest balanced".
  ['lambda_power_tuning_picks', (r) => lambdaFigures(r).picks.join(' ') || undefined],
];

/** True when the run has Lambda rows, so results.csv gets these columns. */
export function hasLambdaRows(results: readonly ResultRecord[]): boolean {
  return results.some((r) => r.placement === 'lambda');
}
