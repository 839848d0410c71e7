/**
 * results.csv: one row per result with flat columns, for spreadsheets and
 * plotting scripts. Numbers are written in base units (ns, bytes, ms, USD):
 * whole numbers as they are, others to six significant digits, finer than
 * any interval this tool measures yet free of binary floating-point noise
 * (37761900.000000015 is written 37761900); a figure that was not measured
 * is an empty cell.
 * Errored and unsupported rows keep their identity and reason but never a timing.
 *
 * The vs_fastest_node_* columns (a row's ratio to the fastest verified Node
 * variant, when that is not node) likewise appear only in runs that have one.
 *
 * Runs with Lambda rows get the columns of csv-lambda.ts (forced cold
 * starts with Init Duration, client round trip intervals, picks) after
 * cost_per_million_usd.
 *
 * Columns for the process-level interval facts (what a ratio's CI rests on,
 * between- and within-process spread, outlier counts) appear only in runs
 * that record them, so older runs keep the exact columns they were published with.
 *
 * Quoting follows RFC 4180: a field containing a comma, a double quote, CR or
 * LF (or leading/trailing space) is wrapped in double quotes with inner quotes
 * doubled. Lines end with "\n".
 */
import type { ResultRecord, RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { compareResults, engineOf, gapReason, isValid, lambdaFields, phaseNames } from './rows.js';
import { coldOutliersOf, intervalFacts, outliersOf, type IntervalFacts } from './facts.js';
import { roundSignificant } from './format.js';
import { hasLambdaRows, LAMBDA_CSV_COLUMNS } from './csv-lambda.js';

type Field = string | number | boolean | undefined;

/** One field: numbers rounded by `roundSignificant`, quoted when RFC 4180 requires it. */
export function csvField(value: Field): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(roundSignificant(value)) : '') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Fixed columns, in order; each reads one figure of a result (undefined =
 * empty cell). A third element names the fact a column needs: the column is
 * written only when some row of the run has it.
 */
const FIXED_COLUMNS: ReadonlyArray<readonly [string, (r: ResultRecord) => Field, (keyof IntervalFacts)?]> = [
  ['workload', (r) => r.workload],
  ['target', (r) => r.target],
  ['placement', (r) => r.placement],
  ['size', (r) => r.size],
  ['engine', (r) => engineOf(r)],
  // The column keeps its published name; it holds the row's `state`.
  ['status', (r) => r.state],
  ['verified', (r) => r.verified],
  ['verified_against', (r) => r.verifiedAgainst],
  ['invalid', (r) => gapReason(r)?.kind === 'invalid'],
  ['error', (r) => gapReason(r)?.reason],
  ['warm_median_ns', (r) => valid(r)?.warm?.medianNs],
  ['warm_ci_lo_ns', (r) => valid(r)?.warm?.ci95Ns[0]],
  ['warm_ci_hi_ns', (r) => valid(r)?.warm?.ci95Ns[1]],
  ['warm_p75_ns', (r) => valid(r)?.warm?.p75Ns],
  ['warm_p99_ns', (r) => valid(r)?.warm?.p99Ns],
  ['warm_mad_ns', (r) => valid(r)?.warm?.madNs],
  ['warm_mean_ns', (r) => valid(r)?.warm?.meanNs],
  ['warm_min_ns', (r) => valid(r)?.warm?.minNs],
  ['warm_max_ns', (r) => valid(r)?.warm?.maxNs],
  ['warm_samples', (r) => valid(r)?.warm?.samples],
  ['warm_calls_per_sample', (r) => valid(r)?.warm?.callsPerSample],
  ['warm_forks', (r) => valid(r)?.warm?.forks?.forks, 'forks'],
  ['warm_between_cv', (r) => valid(r)?.warm?.forks?.betweenCv, 'forks'],
  ['warm_within_cv', (r) => valid(r)?.warm?.forks?.withinCv, 'forks'],
  ['warm_outliers_low', (r) => outliersOf(valid(r)?.warm)?.low, 'warmOutliers'],
  ['warm_outliers_high', (r) => outliersOf(valid(r)?.warm)?.high, 'warmOutliers'],
  ['warm_outliers_severe', (r) => outliersOf(valid(r)?.warm)?.severe, 'warmOutliers'],
  ['vs_node_ratio', (r) => valid(r)?.vsNode?.ratio],
  ['vs_node_ci_lo', (r) => valid(r)?.vsNode?.ci95[0]],
  ['vs_node_ci_hi', (r) => valid(r)?.vsNode?.ci95[1]],
  ['vs_node_verdict', (r) => valid(r)?.vsNode?.verdict],
  ['vs_node_basis_unit', (r) => valid(r)?.vsNode?.basis?.unit, 'basis'],
  ['vs_node_basis_count', (r) => valid(r)?.vsNode?.basis?.count, 'basis'],
  // Against the fastest verified Node variant when it is not node (e.g. node-idiomatic): written only in runs that have one.
  ['vs_fastest_node_ratio', (r) => valid(r)?.vsFastestNode?.ratio, 'fastestNode'],
  ['vs_fastest_node_ci_low', (r) => valid(r)?.vsFastestNode?.ci95[0], 'fastestNode'],
  ['vs_fastest_node_ci_high', (r) => valid(r)?.vsFastestNode?.ci95[1], 'fastestNode'],
  ['vs_fastest_node_verdict', (r) => valid(r)?.vsFastestNode?.verdict, 'fastestNode'],
  ['vs_fastest_node_baseline', (r) => valid(r)?.vsFastestNode?.baseline, 'fastestNode'],
  ['cold_samples', (r) => valid(r)?.cold?.samples],
  ['cold_failed_samples', (r) => valid(r)?.cold?.failedSamples],
  ['cold_ttfr_median_ns', (r) => valid(r)?.cold?.timeToFirstResult.medianNs],
  ['cold_ttfr_ci_lo_ns', (r) => valid(r)?.cold?.timeToFirstResult.ci95Ns[0]],
  ['cold_ttfr_ci_hi_ns', (r) => valid(r)?.cold?.timeToFirstResult.ci95Ns[1]],
  ['cold_ttfr_p99_ns', (r) => valid(r)?.cold?.timeToFirstResult.p99Ns],
  ['cold_ttfr_outliers_low', (r) => coldOutliersOf(r)?.firstResult?.low, 'coldOutliers'],
  ['cold_ttfr_outliers_high', (r) => coldOutliersOf(r)?.firstResult?.high, 'coldOutliers'],
  ['cold_ttfr_outliers_severe', (r) => coldOutliersOf(r)?.firstResult?.severe, 'coldOutliers'],
  ['cold_vs_node_ratio', (r) => valid(r)?.coldVsNode?.ratio],
  ['cold_vs_node_ci_lo', (r) => valid(r)?.coldVsNode?.ci95[0]],
  ['cold_vs_node_ci_hi', (r) => valid(r)?.coldVsNode?.ci95[1]],
  ['cold_vs_node_verdict', (r) => valid(r)?.coldVsNode?.verdict],
  ['cold_vs_node_basis_unit', (r) => valid(r)?.coldVsNode?.basis?.unit, 'basis'],
  ['cold_vs_node_basis_count', (r) => valid(r)?.coldVsNode?.basis?.count, 'basis'],
  ['peak_rss_bytes', (r) => valid(r)?.resources?.peakRssBytes],
  ['heap_used_bytes', (r) => valid(r)?.resources?.heapUsedBytes],
  ['heap_total_bytes', (r) => valid(r)?.resources?.heapTotalBytes],
  ['external_bytes', (r) => valid(r)?.resources?.externalBytes],
  ['array_buffers_bytes', (r) => valid(r)?.resources?.arrayBuffersBytes],
  ['wasm_memory_bytes', (r) => valid(r)?.resources?.wasmMemoryBytes],
  ['cpu_user_ms', (r) => valid(r)?.resources?.cpuUserMs],
  ['cpu_system_ms', (r) => valid(r)?.resources?.cpuSystemMs],
  ['artifact_raw', (r) => valid(r)?.resources?.artifactBytes.raw],
  ['artifact_gzip', (r) => valid(r)?.resources?.artifactBytes.gzip],
  ['artifact_brotli', (r) => valid(r)?.resources?.artifactBytes.brotli],
  ['memory_mb', (r) => lambdaFields(r).memoryMB],
  ['arch', (r) => lambdaFields(r).arch],
  ['endpoint', (r) => lambdaFields(r).endpoint],
  ['invoke_overhead_median_ns', (r) => (valid(r) ? lambdaFields(r).invokeOverhead?.medianNs : undefined)],
  ['max_memory_used_mb', (r) => (valid(r) ? lambdaFields(r).maxMemoryUsedMB : undefined)],
  ['cost_per_million_usd', (r) => (valid(r) ? lambdaFields(r).costPerMillionUsd : undefined)],
];

/** The row's figures only when it may show figures (completed and verified). */
function valid(result: ResultRecord) {
  return isValid(result) ? result : undefined;
}

/** Column name of a cold phase's median: `cold_phase_<name>_median_ns`, name reduced to [a-z0-9_]. */
export function phaseColumn(phase: string): string {
  return `cold_phase_${phase.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}_median_ns`;
}

/** The fixed columns this run writes: every column whose fact (if it needs one) some row has. */
function fixedColumns(run: RunRecord): ReadonlyArray<readonly [string, (r: ResultRecord) => Field, (keyof IntervalFacts)?]> {
  const facts = intervalFacts(run.results);
  const fixed = FIXED_COLUMNS.filter(([, , need]) => need === undefined || facts[need]);
  // Lambda runs get the Lambda figures (cold starts, Init Duration, intervals, picks) after the cost column.
  return hasLambdaRows(run.results) ? [...fixed, ...LAMBDA_CSV_COLUMNS] : fixed;
}

/** Header names in order: fixed columns, one per cold phase present in the run, then notes. */
export function csvHeader(run: RunRecord): string[] {
  return [...fixedColumns(run).map(([name]) => name), ...phaseNames(run.results).map(phaseColumn), 'notes'];
}

/** The CSV text: header plus one line per result (workloads in run order, rows as in the reports). */
export function renderCsv(run: RunRecord): string {
  const phases = phaseNames(run.results);
  const order = [...new Set(run.results.map((r) => r.workload))];
  const rows = [...run.results].sort((a, b) => order.indexOf(a.workload) - order.indexOf(b.workload) || compareResults(a, b));
  const columns = fixedColumns(run);
  const lines = [csvHeader(run).map(csvField).join(',')];
  for (const result of rows) {
    const ok = valid(result);
    const fields: Field[] = [
      ...columns.map(([, read]) => read(result)),
      ...phases.map((phase) => ok?.cold?.phases[phase]?.medianNs),
      (result.notes ?? []).join('; ') || undefined,
    ];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes results.csv. */
export const csvExporter: Exporter = {
  name: 'csv',
  fileName: 'results.csv',
  mediaType: 'text/csv; charset=utf-8',
  serialize: renderCsv,
};
