/**
 * The load run's charts: latency against load (p50 solid, p99 dashed, one
 * colour per target as in every chart) and cold-start share against load,
 * one panel per invocation path × workload. Points of INVALID steps (the
 * host set the pace) are drawn hollow, so a reader never takes them for
 * Lambda's. Both axes of the latency chart are logarithmic: a ramp spans
 * decades of load and a cold-start storm decades of latency.
 */
import type { LoadStepResult } from '../contract/load.js';
import type { RunRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { targetColor } from './charts.js';
import { LOAD_PATH_LABELS, formatMs, loadRecord, stepsOf } from './load.js';
import { emptyChart, escapeXml, INK, logTicks, MUTED, r, svgOpen, textWidth, WIDTH } from './svg.js';

/** One line of a panel: a target's value at each level. */
interface Series {
  readonly name: string;
  readonly color: string;
  readonly dash: boolean;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly valid: boolean }>;
}

interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly Series[];
}

/** Panels of the latency chart: per path × workload, p50 and p99 per target. */
export function latencyPanels(run: RunRecord): Panel[] {
  return panels(run, (steps, target) => [
    { name: `${target} p50`, dash: false, value: (s: LoadStepResult) => s.latencyMs.percentiles.find((p) => p.q === 0.5)?.value },
    { name: `${target} p99`, dash: true, value: (s: LoadStepResult) => s.latencyMs.percentiles.find((p) => p.q === 0.99)?.value },
  ].map((line) => ({ name: line.name, color: targetColor(target), dash: line.dash, points: points(steps, line.value) })));
}

/** Panels of the cold-start chart: per path × workload, cold starts per invocation per target. */
export function coldPanels(run: RunRecord): Panel[] {
  return panels(run, (steps, target) => [{ name: target, color: targetColor(target), dash: false, points: points(steps, (s) => s.coldShare) }]);
}

function points(steps: readonly LoadStepResult[], value: (s: LoadStepResult) => number | undefined): Series['points'] {
  return steps.flatMap((s) => {
    const y = value(s);
    return y !== undefined && Number.isFinite(y) ? [{ x: s.level, y, valid: s.valid }] : [];
  });
}

function panels(run: RunRecord, lines: (steps: readonly LoadStepResult[], target: string) => Series[]): Panel[] {
  const record = loadRecord(run);
  if (!record) return [];
  const out: Panel[] = [];
  for (const path of record.paths) {
    const steps = stepsOf(record, path);
    for (const workload of [...new Set(steps.map((s) => s.workload))]) {
      const mine = steps.filter((s) => s.workload === workload);
      const series = [...new Set(mine.map((s) => s.target))].flatMap((target) => lines(mine.filter((s) => s.target === target), target)).filter((s) => s.points.length > 0);
      const kind = mine[0]?.kind;
      const unit = kind === 'concurrency' ? 'concurrent callers' : kind === 'storm' ? 'storm size: events at once' : 'offered events/s';
      if (series.length > 0) out.push({ title: `${workload} · ${LOAD_PATH_LABELS[path]}${record.emulated ? ' (emulated)' : ''}`, unit, series });
    }
  }
  return out;
}

/** Panels stacked vertically; x on a log axis of load, y on a log axis (latency) or 0..1 (share). */
function chart(title: string, all: readonly Panel[], y: { log: boolean; label: string; format: (v: number) => string }): string {
  if (all.length === 0) return emptyChart(title, 'No load steps to draw.');
  const plotH = 170;
  const stride = 28 + plotH + 44 + 12;
  const x0 = 70;
  const legendW = Math.max(150, ...all.flatMap((p) => p.series.map((s) => 40 + textWidth(s.name))));
  const x1 = WIDTH - legendW;
  const parts = [svgOpen(36 + all.length * stride + 20, title)];
  all.forEach((panel, index) => {
    const titleY = 36 + index * stride + 16;
    const top = titleY + 16;
    const bottom = top + plotH;
    const xs = panel.series.flatMap((s) => s.points.map((p) => p.x));
    const ys = panel.series.flatMap((s) => s.points.map((p) => p.y));
    const xlo = Math.min(...xs) / 1.25;
    const xhi = Math.max(...xs) * 1.25;
    const positive = ys.filter((v) => v > 0);
    const ylo = y.log ? Math.min(...positive, 1) / 1.5 : 0;
    const yhi = y.log ? Math.max(...positive, 1) * 1.5 : Math.max(1, ...ys) * 1.05;
    const px = (v: number): number => x0 + ((Math.log(v) - Math.log(xlo)) / (Math.log(xhi) - Math.log(xlo))) * (x1 - x0);
    const py = (v: number): number =>
      y.log ? bottom - ((Math.log(Math.max(v, ylo)) - Math.log(ylo)) / (Math.log(yhi) - Math.log(ylo))) * (bottom - top) : bottom - (v / yhi) * (bottom - top);
    parts.push(`<text x="10" y="${r(titleY)}" font-weight="600">${escapeXml(panel.title)}</text>`);
    const yTicks = y.log ? logTicks(ylo, yhi) : [0, 0.25, 0.5, 0.75, 1].filter((t) => t <= yhi);
    for (const tick of yTicks) {
      parts.push(`<line x1="${x0}" y1="${r(py(tick))}" x2="${r(x1)}" y2="${r(py(tick))}" stroke="#d0d7de" stroke-width="1"/>`);
      parts.push(`<text x="${x0 - 6}" y="${r(py(tick) + 4)}" text-anchor="end" fill="${MUTED}">${escapeXml(y.format(tick))}</text>`);
    }
    for (const tick of [...new Set(xs)].sort((a, b) => a - b)) {
      parts.push(`<text x="${r(px(tick))}" y="${r(bottom + 15)}" text-anchor="middle" fill="${MUTED}">${escapeXml(String(tick))}</text>`);
    }
    parts.push(`<line x1="${x0}" y1="${bottom}" x2="${r(x1)}" y2="${bottom}" stroke="${MUTED}" stroke-width="1"/>`);
    parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 32)}" text-anchor="middle" fill="${MUTED}">${escapeXml(`${panel.unit} (log scale); ${y.label}`)}</text>`);
    panel.series.forEach((series, s) => {
      const coords = series.points.map((p) => `${r(px(p.x))},${r(py(p.y))}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${series.color}" stroke-width="1.8"${series.dash ? ' stroke-dasharray="6 4"' : ''} points="${coords}"><title>${escapeXml(series.name)}</title></polyline>`);
      for (const p of series.points) {
        parts.push(
          `<circle cx="${r(px(p.x))}" cy="${r(py(p.y))}" r="4" fill="${p.valid ? series.color : '#ffffff'}" stroke="${series.color}" stroke-width="1.5"><title>${escapeXml(`${series.name} at ${p.x}: ${y.format(p.y)}${p.valid ? '' : ' (INVALID step)'}`)}</title></circle>`,
        );
      }
      const ly = top + 10 + s * 16;
      parts.push(`<line x1="${r(x1 + 10)}" y1="${r(ly - 4)}" x2="${r(x1 + 32)}" y2="${r(ly - 4)}" stroke="${series.color}" stroke-width="2"${series.dash ? ' stroke-dasharray="6 4"' : ''}/>`);
      parts.push(`<text x="${r(x1 + 38)}" y="${r(ly)}" fill="${INK}">${escapeXml(series.name)}</text>`);
    });
  });
  parts.push(`<text x="10" y="${r(36 + all.length * stride + 10)}" fill="${MUTED}">Filled points: valid steps; hollow: INVALID (the host, not Lambda, set the pace).</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The latency-against-load chart of a run. */
export function loadLatencyChart(run: RunRecord, title = 'Latency against load (from intended send; p50 solid, p99 dashed)'): string {
  return chart(title, latencyPanels(run), { log: true, label: 'latency in ms (log scale)', format: (v) => `${formatMs(v)} ms` });
}

/** The cold-start share against load chart of a run. */
export function loadColdChart(run: RunRecord, title = 'Cold starts per invocation against load'): string {
  return chart(title, coldPanels(run), { log: false, label: 'cold starts per invocation', format: (v) => `${Math.round(v * 100)}%` });
}

/** charts/load-latency.svg for load runs. */
export const loadLatencySvgExporter: Exporter = {
  name: 'load-latency-svg',
  fileName: 'charts/load-latency.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => loadRecord(run) !== undefined,
  serialize: (run) => loadLatencyChart(run),
};

/** charts/load-cold.svg for load runs. */
export const loadColdSvgExporter: Exporter = {
  name: 'load-cold-svg',
  fileName: 'charts/load-cold.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => loadRecord(run) !== undefined,
  serialize: (run) => loadColdChart(run),
};
