/**
 * The report's charts, built from results: warm ratio to node with CI (log
 * scale, line at 1.0), cold start stacked by phase with the time to first
 * result, and warm-up curves. Used inline by report.html and written as
 * standalone SVG files under charts/. Only valid (completed, verified) rows are drawn.
 */
import type { CompletedResult, ResultRecord } from '../types.js';
import type { Exporter } from './exporter.js';
import { isDecided } from '../stats/verdict.js';
import { formatVsNode } from './format.js';
import { engineOf, groupByWorkload, isValid, phaseNames, rowLabel, TARGET_ORDER } from './rows.js';
import { forestPlot, linePanels, PALETTE, stackedBars, VERDICT_COLORS, type IntervalRow, type LinePanel, type StackedRow } from './svg.js';

/** A fixed colour per target, so a target looks the same in every chart. */
export function targetColor(target: string): string {
  const index = TARGET_ORDER.indexOf(target);
  return index === -1 ? '#6e7781' : PALETTE[index % PALETTE.length]!;
}

/** Valid local rows, in report order (workloads as the run lists them). */
function drawable(results: readonly ResultRecord[]): CompletedResult[] {
  return groupByWorkload({ results })
    .flatMap((group) => group.results)
    .filter((r): r is CompletedResult => isValid(r) && r.placement === 'local');
}

/**
 * Forest-plot rows: each valid target's warm ratio to node. A comparison
 * without a verdict is drawn in its own colour (never as a win or a loss);
 * one without a finite interval is left out, as a whisker could not show it.
 */
export function warmRatioRows(results: readonly ResultRecord[]): IntervalRow[] {
  return drawable(results).flatMap((r) => {
    const vs = r.vsNode;
    if (!vs || !Number.isFinite(vs.ratio + vs.ci95[0] + vs.ci95[1])) return [];
    const color = !isDecided(vs.verdict) ? VERDICT_COLORS.undecided : vs.verdict === 'faster' ? VERDICT_COLORS.faster : vs.verdict === 'slower' ? VERDICT_COLORS.slower : VERDICT_COLORS.same;
    return [{ label: rowLabel(r), value: vs.ratio, lo: vs.ci95[0], hi: vs.ci95[1], color, note: formatVsNode(vs, r.placement) }];
  });
}

/** Warm time relative to node, per workload × size × target, with 95% CI whiskers. */
export function warmRatioChart(results: readonly ResultRecord[], title = 'Warm time per call relative to node'): string {
  return forestPlot(title, 'target median / node median (log scale; left of 1.0 = faster than node)', warmRatioRows(results));
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
    const node = drawable(results).find((r) => r.workload === workload && r.size === size && r.target === 'node' && engineOf(r) === 'default');
    if (node?.cold && node.cold.warmupCurveNs.length > 0) {
      panel.series.unshift({ name: 'node (default engine)', color: targetColor('node'), values: node.cold.warmupCurveNs });
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
