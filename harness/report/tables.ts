/**
 * The report tables as data (columns, cells with a kind), built once from a
 * RunRecord and rendered by both the Markdown and the HTML exporter, so the
 * two always publish the same figures.
 *
 * Rules every table follows: a row with a wrong output (or unverified) shows
 * INVALID and no timing; a row that failed to be measured (crash, timeout,
 * endpoint without an answer) shows FAILED with its reason; an unsupported
 * row is a gap with its reason; a figure that was
 * not measured is "—", never zero.
 */
import { SIZE_NAMES, type ResultRecord, type RunRecord } from '../contract/index.js';
import {
  formatBytes,
  formatDuration,
  formatDurationWithCi,
  formatMilliseconds,
  formatSamples,
} from './format.js';
import { coldFactColumns, factCaption, fastestNodeCaption, fastestNodeColumns, warmFactColumns } from './fact-columns.js';
import { lambdaTables } from './tables-lambda.js';
import { dropEmptyColumns, gapCell, leftColumn, MISSING_CELL, numberCell, rightColumn, statusCell, textCell, verdictCell, type Cell, type Column, type Table } from './table-model.js';
import { baselineFigures, engineOf, gapLabel, gapReason, hasEngines, isValid, judgedEngineText, judgedLocalEngine, phaseNames, tellsFailuresApart } from './rows.js';
import { baselineTarget, compareTargets, targetLabel } from '../targets/display.js';

const text = textCell;
const num = numberCell;
const missing = MISSING_CELL;
const left = leftColumn;
const right = rightColumn;

/** Leading identity cells (size, target, engine when the table has an engine column). */
function identity(result: ResultRecord, withEngine: boolean): Cell[] {
  return withEngine ? [text(result.size), text(result.target), text(engineOf(result))] : [text(result.size), text(result.target)];
}

function identityColumns(withEngine: boolean): Column[] {
  return withEngine ? [left('Size'), left('Target'), left('Engine')] : [left('Size'), left('Target')];
}

/** A gap row: identity, INVALID/FAILED/unsupported, dashes for every figure, then the status with its reason. */
function gapRow(result: ResultRecord, withEngine: boolean, figureCount: number, statusText?: Cell): Cell[] {
  return [...identity(result, withEngine), gapCell(result), ...Array<Cell>(figureCount - 1).fill(missing), statusText ?? statusCell(result)];
}

/**
 * Warm (in-process, local) figures of one workload: median with CI, p99, MAD,
 * samples, ratio to node in words. Gap rows appear here with their reason.
 */
export function warmTable(results: readonly ResultRecord[]): Table | undefined {
  const rows = results.filter(
    (r) => r.placement === 'local' && (r.state !== 'completed' || r.warm !== undefined || (!r.cold && !r.resources)),
  );
  if (rows.length === 0) return undefined;
  const withEngine = hasEngines(rows);
  const facts = warmFactColumns(rows);
  // The column against the fastest Node variant exists only in runs where one was faster than node.
  const fastest = fastestNodeColumns(rows);
  const figureCount = 5 + facts.length + fastest.length;
  const columns = [
    ...identityColumns(withEngine),
    right('Median [95% CI]'),
    right('p99'),
    right('MAD'),
    right('Samples'),
    ...facts.map((f) => f.column),
    left('vs node [95% CI]'),
    ...fastest.map((f) => f.column),
    left('Status'),
  ];
  const cells = rows.map((r): Cell[] => {
    if (!isValid(r)) return gapRow(r, withEngine, figureCount);
    const w = r.warm;
    if (!w) return [...identity(r, withEngine), ...Array<Cell>(figureCount).fill(missing), statusCell(r)];
    const samples = w.callsPerSample > 1 ? `${w.samples} × ${w.callsPerSample} calls` : String(w.samples);
    return [
      ...identity(r, withEngine),
      num(formatDurationWithCi(w.medianNs, w.ci95Ns)),
      num(formatDuration(w.p99Ns)),
      num(formatDuration(w.madNs)),
      num(samples),
      ...facts.map((f) => f.cell(r)),
      verdictCell(r, 'vsNode'),
      ...fastest.map((f) => f.cell(r)),
      statusCell(r),
    ];
  });
  return {
    title: 'Warm (in-process, steady state)',
    caption:
      'Time per call, including copying input and output across the target boundary. vs node: speed-up or slow-down with the 95% CI of the ratio of medians.' +
      fastestNodeCaption(rows) +
      factCaption(rows, { spread: true, outliers: 'warm' }),
    columns,
    rows: cells,
  };
}

/** Short status used in secondary tables (the full reason is in the warm table). */
function shortStatus(result: ResultRecord): Cell {
  const gap = gapReason(result);
  return gap ? { text: `${gapLabel(gap.kind)} (reason above)`, kind: gap.kind } : text('verified');
}

/**
 * Cold-start figures of one workload: spawn to first result with CI, p99,
 * ratio to node, each phase's median, samples (and failures). Absent when no row has cold data.
 */
export function coldTable(results: readonly ResultRecord[]): Table | undefined {
  const local = results.filter((r) => r.placement === 'local');
  if (!local.some((r) => r.state === 'completed' && r.cold)) return undefined;
  const rows = local.filter((r) => r.state !== 'completed' || r.cold);
  const phases = phaseNames(rows);
  const withEngine = hasEngines(rows);
  const facts = coldFactColumns(rows);
  const columns = [
    ...identityColumns(withEngine),
    right('First result [95% CI]'),
    right('p99'),
    left('vs node [95% CI]'),
    ...phases.map((phase) => right(phase)),
    right('Samples'),
    ...facts.map((f) => f.column),
    left('Status'),
  ];
  const figureCount = 4 + phases.length + facts.length;
  const cells = rows.map((r): Cell[] => {
    if (!isValid(r) || !r.cold) return gapRow(r, withEngine, figureCount, shortStatus(r));
    const c = r.cold;
    return [
      ...identity(r, withEngine),
      num(formatDurationWithCi(c.timeToFirstResult.medianNs, c.timeToFirstResult.ci95Ns)),
      num(formatDuration(c.timeToFirstResult.p99Ns)),
      verdictCell(r, 'coldVsNode'),
      ...phases.map((phase) => {
        const stats = c.phases[phase];
        return stats ? num(formatDuration(stats.medianNs)) : missing;
      }),
      num(formatSamples(c.samples, c.failedSamples)),
      ...facts.map((f) => f.cell(r)),
      shortStatus(r),
    ];
  });
  return {
    title: 'Cold start (fresh processes)',
    caption:
      'First result: spawn to first output, measured by the parent. Phase columns: median of each phase measured inside the child.' +
      factCaption(rows, { outliers: 'cold' }),
    columns,
    rows: cells,
  };
}

/** Resource use and artifact sizes of one workload; columns nobody measured are left out. Absent without data. */
export function resourceTable(results: readonly ResultRecord[]): Table | undefined {
  const local = results.filter((r) => r.placement === 'local');
  if (!local.some((r) => r.state === 'completed' && r.resources)) return undefined;
  const rows = local.filter((r) => r.state !== 'completed' || r.resources);
  const withEngine = hasEngines(rows);
  const identityCount = withEngine ? 3 : 2;
  const columns = [
    ...identityColumns(withEngine),
    right('Peak RSS'),
    right('Heap used'),
    right('Wasm memory'),
    right('CPU user'),
    right('CPU system'),
    right('Artifact'),
    right('gzip'),
    right('brotli'),
    left('Status'),
  ];
  const bytes = (value: number | undefined): Cell => (value === undefined ? missing : num(formatBytes(value)));
  const ms = (value: number | undefined): Cell => (value === undefined ? missing : num(formatMilliseconds(value)));
  const cells = rows.map((r): Cell[] => {
    if (!isValid(r) || !r.resources) return gapRow(r, withEngine, 8, shortStatus(r));
    const s = r.resources;
    return [
      ...identity(r, withEngine),
      bytes(s.peakRssBytes),
      bytes(s.heapUsedBytes),
      bytes(s.wasmMemoryBytes),
      ms(s.cpuUserMs),
      ms(s.cpuSystemMs),
      bytes(s.artifactBytes.raw),
      bytes(s.artifactBytes.gzip),
      bytes(s.artifactBytes.brotli),
      shortStatus(r),
    ];
  });
  return {
    title: 'Resources and artifact size',
    caption: 'Peak RSS and CPU time of the cold process; artifact: what would be deployed (raw, gzip, brotli).',
    ...dropEmptyColumns(columns, cells, identityCount),
  };
}

/** Every table of one workload, in reading order. */
export function workloadTables(results: readonly ResultRecord[]): Table[] {
  return [warmTable(results), coldTable(results), resourceTable(results)].filter((table): table is Table => table !== undefined).concat(lambdaTables(results));
}

/**
 * The headline: per workload × size, each non-node target's warm comparison
 * with node (local placement, default engine), or why there is none.
 */
export function summaryTable(run: RunRecord, workloads: readonly string[]): Table {
  const engine = judgedLocalEngine(run.results);
  const local = run.results.filter((r) => r.placement === 'local' && engineOf(r) === engine);
  // Display order (harness/targets/display.ts); targets the registry does not know come after, by name.
  const baseline = baselineTarget();
  const targets = [...new Set(local.map((r) => r.target))].filter((t) => t !== baseline).sort(compareTargets);
  const columns = [left('Workload'), left('Size'), ...targets.map((t) => left(`${targetLabel(t)} vs ${targetLabel(baseline)}`))];
  const rows: Cell[][] = [];
  for (const workload of workloads) {
    const sizes = [...new Set(local.filter((r) => r.workload === workload).map((r) => r.size))];
    for (const size of SIZE_NAMES.filter((s) => sizes.includes(s))) {
      const cells = targets.map((target): Cell => {
        const row = local.find((r) => r.workload === workload && r.size === size && r.target === target && (r.state !== 'completed' || r.warm));
        if (!row) return { text: 'not run', kind: 'missing' };
        if (!isValid(row)) return gapCell(row);
        return verdictCell(row, 'vsNode');
      });
      rows.push([text(workload), text(size), ...cells]);
    }
  }
  return {
    title: 'Summary: warm time per call compared with node',
    caption:
      `Local, in-process, ${judgedEngineText(engine)}. Speed-ups and slow-downs with the 95% CI of the ratio; ` +
      // Runs that did not tell failures apart (and runs without any) keep the wording they were published with.
      (tellsFailuresApart(run.results) ? 'INVALID rows returned a wrong output; FAILED rows could not be measured (reasons in the workload tables).' : 'INVALID rows failed verification or crashed.') +
      factCaption(local),
    columns,
    rows,
  };
}

/** The environment of the run as a two-column table. */
export function environmentTable(run: RunRecord): Table {
  const env = run.environment;
  const rows: Array<[string, string]> = [
    ['Run', run.runId],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt],
    ['Node.js', env.node],
    ['V8', env.v8],
    ['CPU', env.cpu],
    ['Cores', String(env.cores)],
    ['Memory', formatBytes(env.totalMemoryBytes)],
    ['OS', env.os],
    ['Git commit', env.git === null ? 'unknown (not a git checkout)' : `${env.git}${env.gitDirty ? ' (uncommitted changes)' : ''}`],
    ['Node flags (execArgv)', env.execArgv.length > 0 ? env.execArgv.join(' ') : 'none'],
    ...Object.entries(env.tools)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tool, version]): [string, string] => [tool, version]),
  ];
  return { title: 'Environment', columns: [left('Item'), left('Value')], rows: rows.map(([k, v]) => [text(k), text(v)]) };
}

/** Baseline processes (e.g. an empty node process), so each target's own startup reads as the difference. */
export function baselineTable(run: RunRecord): Table | undefined {
  const figures = baselineFigures(run);
  if (figures.length === 0) return undefined;
  return {
    title: 'Baseline processes',
    caption: 'Measured like the cold samples; subtract to read a target\'s own startup cost.',
    columns: [left('Baseline'), right('Median [95% CI]'), right('p99'), right('Samples')],
    rows: figures.map((f) => [
      text(f.name),
      num(f.ci95Ns ? formatDurationWithCi(f.medianNs, f.ci95Ns) : formatDuration(f.medianNs)),
      f.p99Ns === undefined ? missing : num(formatDuration(f.p99Ns)),
      f.samples === undefined ? missing : num(String(f.samples)),
    ]),
  };
}
