/**
 * The report's charts, built from results: warm ratio to node with CI (log
 * scale, line at 1.0, extreme rows apart), cold start stacked by phase with
 * the time to first result, and warm-up curves; one colour per target in all of them. Used inline by report.html and written as
 * standalone SVG files under charts/. Only valid (completed, verified) rows are drawn.
 */
import type { CompletedResult, ResultRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { isDecided } from '../stats/verdict.js';
import { formatVsNode } from './format.js';
import { engineOf, groupByWorkload, isValid, phaseNames, rowLabel } from './rows.js';
import { baselineTarget, isBaseline, targetColour } from '../targets/display.js';
import { forestPlot, type ForestPanel, type IntervalRow } from './forest.js';
import { linePanels, stackedBars, type LinePanel, type StackedRow, type VerdictMark } from './svg.js';

/**
 * A fixed colour per target (its descriptor's, harness/targets/<name>/index.ts),
 * so a target looks the same in every chart; targets the registry does not
 * know share one more. The built-in ones are Tableau 10 hues, none green or
 * red: those stay the tables' words for faster and slower, so a colour never
 * means a verdict in one place and a target in another.
 */
export function targetColor(target: string): string {
  return targetColour(target);
}

/**
 * Ratios farther than this from 1 (either way, whiskers included) are drawn
 * in a panel of their own: noop and component rows reach 10000×, and on a
 * scale that wide 2× and 3× are a few pixels apart.
 */
export const APART_BEYOND = 20;

/** Valid local rows, in report order (workloads as the run lists them). */
function drawable(results: readonly ResultRecord[]): CompletedResult[] {
  return groupByWorkload({ results })
    .flatMap((group) => group.results)
    .filter((r): r is CompletedResult => isValid(r) && r.placement === 'local');
}

/**
 * Forest-plot rows: each valid target's warm ratio to node, in the target's
 * colour, its verdict as the marker. A comparison without a verdict has its
 * own marker (never a win's or a loss's); one without a finite interval is
 * left out, as a whisker could not show it.
 */
export function warmRatioRows(results: readonly ResultRecord[]): IntervalRow[] {
  return drawable(results).flatMap((r) => {
    const vs = r.vsNode;
    if (!vs || !Number.isFinite(vs.ratio + vs.ci95[0] + vs.ci95[1])) return [];
    const mark: VerdictMark = !isDecided(vs.verdict) ? 'undecided' : vs.verdict === 'faster' ? 'faster' : vs.verdict === 'slower' ? 'slower' : 'same';
    return [{ label: rowLabel(r), value: vs.ratio, lo: vs.ci95[0], hi: vs.ci95[1], color: targetColor(r.target), series: r.target, mark, note: formatVsNode(vs, r.placement) }];
  });
}

/** Whether a row's ratio or either end of its interval is more than APART_BEYOND× from 1. */
export function isFarFromNode(row: IntervalRow): boolean {
  return Math.max(row.hi, 1 / row.lo) > APART_BEYOND;
}

/**
 * The ratio chart's panels: rows within APART_BEYOND× of node on one shared
 * scale, the rest apart on a scale of their own; one unheaded panel when
 * every row falls on the same side.
 */
export function warmRatioPanels(rows: readonly IntervalRow[]): ForestPanel[] {
  const near = rows.filter((row) => !isFarFromNode(row));
  const far = rows.filter(isFarFromNode);
  if (near.length === 0 || far.length === 0) return [{ rows }];
  return [
    { heading: `Within ${APART_BEYOND}× of node (one scale for all these rows)`, rows: near },
    { heading: `More than ${APART_BEYOND}× from node: drawn apart, on their own scale`, rows: far, showReference: false },
  ];
}

/** Warm time relative to node, per workload × size × target, with 95% CI whiskers. */
export function warmRatioChart(results: readonly ResultRecord[], title = 'Warm time per call relative to node'): string {
  return forestPlot(title, 'target median / node median (log scale; left of 1.0 = faster than node)', warmRatioPanels(warmRatioRows(results)));
}

/** Stacked-bar rows: each valid row's cold phases (medians) and its time to first result. */
export function coldPhaseRows(results: readonly ResultRecord[]): { order: string[]; rows: StackedRow[] } {
  const rows = drawable(results).filter((r) => r.cold);
  const order = phaseNames(rows);
  return {
    order,
    rows: rows.map((r) => ({
      label: rowLabel(r),
      segments: order.flatMap((name) => {
        const phase = r.cold!.phases[name];
        return phase ? [{ name, value: phase.medianNs }] : [];
      }),
      marker: r.cold!.timeToFirstResult.medianNs,
    })),
  };
}

/** Cold start per target: phase medians stacked, with the parent-measured time to first result. */
export function coldPhasesChart(results: readonly ResultRecord[], title = 'Cold start by phase (fresh processes, medians)'): string {
  const { order, rows } = coldPhaseRows(results);
  return stackedBars(title, order, rows, 'first result (parent)');
}

/**
 * Warm-up panels: one per workload × size × engine, one line per target
 * (median latency of call i); a non-default engine's panel also shows node's
 * default-engine curve when it has no node row of its own.
 */
export function warmupPanels(results: readonly ResultRecord[]): LinePanel[] {
  const panels = new Map<string, { title: string; series: Array<{ name: string; color: string; values: readonly number[] }> }>();
  for (const r of drawable(results)) {
    if (!r.cold || r.cold.warmupCurveNs.length === 0) continue;
    const engine = engineOf(r);
    const key = `${r.workload}\u0000${r.size}\u0000${engine}`;
    const title = [r.workload, r.size, ...(engine === 'default' ? [] : [engine])].join(' · ');
    const panel = panels.get(key) ?? { title, series: [] };
    panel.series.push({ name: r.target, color: targetColor(r.target), values: r.cold.warmupCurveNs });
    panels.set(key, panel);
  }
  // Engines whose flags only affect Wasm have no node row of their own: draw node's default curve for reference.
  for (const [key, panel] of panels) {
    const [workload, size, engine] = key.split('\u0000');
    if (engine === 'default' || panel.series.some((series) => series.name.startsWith('node'))) continue;
    const node = drawable(results).find((r) => r.workload === workload && r.size === size && isBaseline(r.target) && engineOf(r) === 'default');
    if (node?.cold && node.cold.warmupCurveNs.length > 0) {
      panel.series.unshift({ name: 'node (default engine)', color: targetColor(baselineTarget()), values: node.cold.warmupCurveNs });
    }
  }
  return [...panels.values()];
}

/** Warm-up curves: call index against median latency in a fresh process (log y), showing tier-up. */
export function warmupChart(results: readonly ResultRecord[], title = 'Warm-up: latency of the first calls in a fresh process'): string {
  return linePanels(title, warmupPanels(results));
}

/** charts/warm-ratio.svg */
export const warmRatioSvgExporter: Exporter = {
  name: 'chart-warm-ratio',
  fileName: 'charts/warm-ratio.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => warmRatioRows(run.results).length > 0,
  serialize: (run) => warmRatioChart(run.results),
};

/** charts/cold-phases.svg */
export const coldPhasesSvgExporter: Exporter = {
  name: 'chart-cold-phases',
  fileName: 'charts/cold-phases.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => coldPhaseRows(run.results).rows.length > 0,
  serialize: (run) => coldPhasesChart(run.results),
};

/** charts/warmup-curves.svg */
export const warmupSvgExporter: Exporter = {
  name: 'chart-warmup-curves',
  fileName: 'charts/warmup-curves.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => warmupPanels(run.results).length > 0,
  serialize: (run) => warmupChart(run.results),
};
