/**
 * The terminal table printed at the end of a run: one line per row, warm
 * figures with the ratio to node and its verdict, cold time-to-first-result
 * and peak RSS when measured (next to node's: a bare ratio would have no CI). Errored rows print no timing: INVALID for a
 * wrong output, FAILED (with the kind: crashed, timeout, unreachable...) for
 * a failure to measure.
 *
 * Lambda rows fill the same columns with Lambda's own figures: warm is the
 * REPORT Duration, cold is the client round trip of a forced cold invoke,
 * memory is REPORT Max Memory Used, plus dollars per million invocations.
 * A figure the endpoint does not provide prints "n/a" (an endpoint without
 * log tails: the warm cell shows the verified client round trip instead),
 * and the status says which API answered what: a gap, not INVALID.
 *
 * Ratios carry what their CI rests on ("5 processes") and undecided rows say
 * "unresolved" or "no verdict", never faster or slower. Rows measured in
 * several processes add one compact column (processes and between-process
 * spread: "5p ±2.1%"); the full spread is in report.md. A run whose
 * calibration controls failed or were inconclusive gets a banner above the table.
 *
 * That wide table is printed with --wide; by default the terminal gets the
 * compact table (renderCompactTable), which fits 120 columns: warm figures
 * and the ratio to node only (cold, memory and cost differences are in the
 * closing verdict block under it), one section per placement/engine, and
 * the reasons of gap rows wrapped under the table instead of in a cell.
 */
import { calibrationBannerLine, calibrationSection, stateLabel } from '../report/calibration.js';
import { formatBytes, formatDuration, formatForkSpreadCompact, formatUsd, formatVsNode } from '../report/format.js';
import { columns, truncate, wrap } from '../report/wrap.js';
import { engineOf, gapLabel, gapReason, gapText, groupByWorkload, lambdaFields, unavailableText } from '../report/rows.js';
import { emptyProcessName, FAILURE_KINDS, failureOf } from '../contract/index.js';
import type { Baselines, CompletedResult, ErroredResult, PlacementName, ReplicationBasis, ResultRecord, RunRecord, VsBaseline } from '../contract/index.js';
import { isBaseline } from '../targets/display.js';

export { calibrationBannerLine };

function coldMedian(r: CompletedResult): string {
  if (r.cold) return formatDuration(r.cold.timeToFirstResult.medianNs);
  const cold = lambdaFields(r).coldInvoke;
  if (!cold) return formatDuration(undefined);
  const init = cold.initMedianNs !== undefined ? ` (init ${formatDuration(cold.initMedianNs)})` : '';
  return `${formatDuration(cold.clientMedianNs)}${init}`;
}

function peakMemory(r: CompletedResult, node: CompletedResult | undefined): string {
  if (r.resources?.peakRssBytes !== undefined) {
    // Node's figure, not a ratio: peak RSS has no interval, and every ratio printed carries one.
    const base = node?.resources?.peakRssBytes;
    const nodeFigure = base !== undefined && !isBaseline(r.target) ? ` (node ${formatBytes(base)})` : '';
    return `${formatBytes(r.resources.peakRssBytes)}${nodeFigure}`;
  }
  const used = lambdaFields(r).maxMemoryUsedMB;
  return used !== undefined ? `${used} MB (max used)` : formatBytes(undefined);
}

const vsText = (vs: VsBaseline | undefined, placement: PlacementName): string => (vs ? formatVsNode(vs, placement) : '');

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length))) ?? [];
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/**
 * Rows in the reports' reading order (rows.ts `groupByWorkload`: workloads as
 * they first appear, then size, placement, target with node first), whatever
 * order the modes recorded them in (a gap is recorded before its group is
 * measured and would otherwise lead it).
 */
export function readingOrder(results: readonly ResultRecord[]): ResultRecord[] {
  return groupByWorkload({ results }).flatMap((group) => group.results);
}

/** Renders the results as an aligned text table. */
export function renderTable(unordered: readonly ResultRecord[]): string {
  const results = readingOrder(unordered);
  const withCost = results.some((r) => r.state === 'completed' && (lambdaFields(r).costPerMillionUsd !== undefined || (r.placement === 'lambda' && unavailableText(r) !== undefined)));
  // One column at most for the fork spread: the terminal table is already wide.
  const withForks = results.some((r) => r.state === 'completed' && r.warm?.forks !== undefined);
  const header = ['workload', 'size', 'target', 'where', 'warm median', 'p99', 'MAD', ...(withForks ? ['forks'] : []), 'vs node (warm)', 'cold TTFR', 'vs node (cold)', 'peak RSS', ...(withCost ? ['$/1M'] : []), 'status'];
  const rows = results.map((r) => {
    const place = r.placement + (engineOf(r) !== 'default' ? `/${engineOf(r)}` : '');
    if (r.state !== 'completed') {
      const status = gapText(r) ?? `${r.state}: ${r.error}`;
      return [r.workload, r.size, r.target, place, '-', '-', '-', ...(withForks ? ['-'] : []), '', '-', '', '-', ...(withCost ? ['-'] : []), status];
    }
    const cost = lambdaFields(r).costPerMillionUsd;
    const gaps = unavailableText(r);
    const warmClient = lambdaFields(r).warmClientMedianNs;
    const warmCell = r.warm === undefined && gaps !== undefined && warmClient !== undefined ? `n/a (client ${formatDuration(warmClient)})` : formatDuration(r.warm?.medianNs);
    const node = results.find(
      (n): n is CompletedResult =>
        n.state === 'completed' && isBaseline(n.target) && n.workload === r.workload && n.size === r.size && n.placement === r.placement && engineOf(n) === engineOf(r),
    );
    return [
      r.workload,
      r.size,
      r.target,
      place,
      warmCell,
      formatDuration(r.warm?.p99Ns),
      formatDuration(r.warm?.madNs),
      ...(withForks ? [r.warm?.forks ? formatForkSpreadCompact(r.warm.forks) : '-'] : []),
      vsText(r.vsNode, r.placement),
      coldMedian(r),
      vsText(r.coldVsNode, r.placement),
      peakMemory(r, node),
      // A cost the endpoint cannot give (no REPORT) is n/a; "-" is a row that has no cost at all.
      ...(withCost ? [typeof cost === 'number' ? formatUsd(cost) : gaps !== undefined ? 'n/a' : '-'] : []),
      (r.verified ? 'verified' : 'UNVERIFIED') + (gaps !== undefined ? `; ${gaps}` : ''),
    ];
  });
  return pad([header, ...rows]);
}

/** What a ratio's CI rests on, in a short cell: "5 processes", "3 environments", "100 samples of 1 process". */
function basisCell(basis: ReplicationBasis | undefined, placement: PlacementName): string {
  if (!basis) return '-';
  if (basis.unit === 'sample') return `${basis.count} samples of 1 ${placement === 'lambda' ? 'environment' : 'process'}`;
  const noun = basis.unit === 'process' ? ['process', 'processes'] : ['environment', 'environments'];
  return `${basis.count} ${basis.count === 1 ? noun[0] : noun[1]}`;
}

/** A row's status in a few words; the reason of a gap goes under the table. */
function statusCell(r: ResultRecord): string {
  const gap = gapReason(r);
  if (gap) return gap.kind === 'failed' ? `FAILED (${gap.failure})` : gapLabel(gap.kind);
  return (r.verified ? 'verified' : 'UNVERIFIED') + (unavailableText(r) !== undefined ? ', gaps below' : '');
}

/** Where a row ran, as the compact table's section title: "local", "local, engine jitless", "lambda 1769MB-x86_64". */
function whereOf(r: ResultRecord): string {
  if (r.placement === 'lambda') return `lambda ${engineOf(r)}`;
  return engineOf(r) === 'default' ? r.placement : `${r.placement}, engine ${engineOf(r)}`;
}

/**
 * Column widths that fit `width`: natural widths, then each `[column,
 * minimum]` step in turn narrows that column toward its minimum until the
 * line fits (cells wider than their column wrap inside it).
 */
function fitWidths(cells: readonly (readonly string[])[], width: number, steps: ReadonlyArray<readonly [number, number]>): number[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => columns(row[i] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  for (const [i, minimum] of steps) {
    const excess = total() - width;
    if (excess <= 0) break;
    widths[i] = Math.max(Math.min(minimum, widths[i]!), widths[i]! - excess);
  }
  return widths;
}

/**
 * One table row as lines: each cell wrapped inside its column (a name or
 * reason longer than its column continues on the next line, never cut),
 * and a line cut only if even the narrowest columns exceed `width`.
 */
function rowLines(row: readonly string[], widths: readonly number[], width: number): string[] {
  const cells = row.map((cell, i) => (columns(cell) <= widths[i]! ? [cell] : wrap(cell, widths[i]!)));
  const height = Math.max(...cells.map((c) => c.length));
  return Array.from({ length: height }, (_, k) => {
    const line = cells.map((c, i) => [...(c[k] ?? '')].join('').padEnd(widths[i]!)).join('  ').trimEnd();
    return columns(line) > width ? truncate(line, width) : line;
  });
}

/**
 * The default end-of-run table, no line wider than `width`: workload, size,
 * target, warm median, the warm ratio to node with its 95% CI, what the CI
 * rests on, and the status. Rows are grouped by where they ran when a run
 * has more than one placement or engine. Gap reasons (INVALID, FAILED,
 * unsupported, figures an endpoint does not give) follow the table, wrapped.
 */
export function renderCompactTable(unordered: readonly ResultRecord[], width = 120): string[] {
  if (unordered.length === 0) return [];
  const results = readingOrder(unordered);
  const header = ['workload', 'size', 'target', 'warm median', 'vs node (warm, 95% CI)', 'CI basis', 'status'];
  const rowCells = (r: ResultRecord): string[] => {
    if (r.state !== 'completed') return [r.workload, r.size, r.target, '-', '', '', statusCell(r)];
    const warmClient = lambdaFields(r).warmClientMedianNs;
    const warmCell = r.warm === undefined && warmClient !== undefined ? `n/a (client ${formatDuration(warmClient)})` : formatDuration(r.warm?.medianNs);
    const vs = r.vsNode;
    const ratio = vs ? formatVsNode({ ratio: vs.ratio, ci95: vs.ci95, verdict: vs.verdict }, r.placement) : isBaseline(r.target) ? 'baseline' : '-';
    return [r.workload, r.size, r.target, warmCell, ratio, vs ? basisCell(vs.basis, r.placement) : '', statusCell(r)];
  };
  const places = [...new Set(results.map(whereOf))];
  const cells = results.map(rowCells);
  // Narrowed in this order: status, basis, workload names, target, warm, and the ratio last: its interval is what a row is for.
  const steps = [[6, 10], [5, 12], [0, 16], [2, 12], [3, 11], [4, 30], [0, 8]] as const;
  const widths = fitWidths([header, ...cells], width, steps);
  const lines = rowLines(header, widths, width);
  for (const place of places) {
    if (places.length > 1) lines.push(...wrap(`${place}${place.startsWith('lambda') ? ' (warm = REPORT Duration)' : ''}:`, width));
    results.forEach((r, i) => {
      if (whereOf(r) === place) lines.push(...rowLines(cells[i]!, widths, width));
    });
  }
  for (const r of results) {
    const why = gapReason(r)?.reason ?? unavailableText(r);
    if (why === undefined) continue;
    const where = places.length > 1 ? ` (${whereOf(r)})` : '';
    lines.push(...wrap(`${r.workload} ${r.size} ${r.target}${where}: ${statusCell(r).replace(', gaps below', '')}: ${why}`, width, '  ', '    '));
  }
  return lines;
}

/**
 * The calibration controls after the table, one line each:
 * "calibration: PASSED A/A: no significant difference, 1.004× [0.991–1.017] (…)".
 * Nothing for a run without controls.
 */
export function calibrationLines(run: Pick<RunRecord, 'calibration'>): string[] {
  if (!run.calibration) return [];
  return calibrationSection(run.calibration).lines.map((line) => `calibration: ${stateLabel(line.state)} ${line.text}`);
}

/** One line per empty-process baseline: what a bare `node` start costs, to subtract from cold rows. */
export function renderBaselines(baselines: Baselines | undefined): string[] {
  return (baselines?.emptyProcess ?? []).flatMap((baseline) => {
    if (baseline.state !== 'completed') return [];
    const t = baseline.cold.timeToFirstResult;
    return [
      `${emptyProcessName(baseline)}: empty node process, spawn to result ${formatDuration(t.medianNs)} [${formatDuration(t.ci95Ns[0])}–${formatDuration(t.ci95Ns[1])}] (median of ${t.samples}), peak RSS ${formatBytes(baseline.resources.peakRssBytes)}`,
    ];
  });
}

/**
 * One line when Lambda rows exist: what calling through the SDK costs on top
 * of the function's own REPORT Duration (warm medians of client round trip
 * minus Duration), as a range over the rows, with noop's figure named: it is
 * the floor every other workload pays too.
 */
export function renderInvokeOverhead(results: readonly ResultRecord[]): string[] {
  const rows = results.flatMap((r) => {
    const overhead = r.state === 'completed' && r.placement === 'lambda' ? lambdaFields(r).invokeOverhead : undefined;
    return overhead ? [{ r, overhead }] : [];
  });
  if (rows.length === 0) return [];
  const medians = rows.map((row) => row.overhead.medianNs);
  const range = rows.length === 1 ? formatDuration(medians[0]) : `${formatDuration(Math.min(...medians))}–${formatDuration(Math.max(...medians))}`;
  const noop = rows
    .filter((row) => row.r.workload === 'noop')
    .map(({ r, overhead }) => `${r.target}${engineOf(r) !== 'default' ? `/${engineOf(r)}` : ''} ${formatDuration(overhead.medianNs)} [${formatDuration(overhead.ci95Ns[0])}–${formatDuration(overhead.ci95Ns[1])}]`);
  const noopText = noop.length > 0 ? `; noop: ${noop.join(', ')}` : '';
  return [`lambda: the SDK round trip adds ${range} to REPORT Duration (warm medians over ${rows.length} row(s)${noopText})`];
}

/**
 * The run's closing line on stderr, or undefined when no row errored: how
 * many rows had a wrong output (INVALID) and how many could not be measured
 * (FAILED, counted by kind), so an unreachable endpoint never reads as a
 * wrong result.
 */
export function closingLine(results: readonly ResultRecord[]): string | undefined {
  const errored = results.filter((r): r is ErroredResult => r.state === 'errored');
  if (errored.length === 0) return undefined;
  const wrong = errored.filter((r) => failureOf(r) === 'wrong-output').length;
  const failed = errored.length - wrong;
  const kinds = FAILURE_KINDS.filter((k) => k !== 'wrong-output')
    .map((kind) => [kind, errored.filter((r) => failureOf(r) === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return `${errored.length} result(s) not published as timings: ${wrong} INVALID (wrong output), ${failed} FAILED to measure${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
}
