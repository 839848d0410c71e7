/**
 * The Power-Tuning-style chart of a Lambda run: per workload × size, the
 * cost of a million warm invocations against the warm REPORT Duration of
 * every measured memory × architecture configuration, one series per target
 * (the target colours of every other chart), with the cheapest, fastest and
 * balanced picks the run recorded marked. AWS Lambda Power Tuning draws the
 * same trade-off; here the reader sees it for each target side by side, so
 * "wasm at 128 MB" can be weighed against "node at 1769 MB" at a glance.
 *
 * Used inline by report.html (one chart per workload) and written as
 * charts/lambda-power.svg (every workload). Only valid Lambda rows with a
 * Duration and a cost are drawn; the picks are read from the rows
 * (`lambda.powerTuning`), never recomputed, so the chart shows what the run decided.
 */
import type { CompletedResult, ResultRecord } from '../contract/index.js';
import type { Exporter } from './exporter.js';
import { targetColor } from './charts.js';
import { formatDuration, formatDurationWithCi, formatUsd } from './format.js';
import { lambdaFigures, TUNING_PICKS, type TuningPick } from './lambda-figures.js';
import { groupByWorkload, isValid, lambdaFields } from './rows.js';
import { emptyChart, escapeXml } from './svg.js';

/** One measured configuration of a target. */
export interface PowerPoint {
  readonly memoryMB: number;
  readonly arch: string;
  readonly durationNs: number;
  readonly ciNs: readonly [number, number];
  readonly costPerMillionUsd: number;
  readonly picks: readonly TuningPick[];
}

/** One target's configurations in memory order (one line on the chart). */
export interface PowerSeries {
  readonly target: string;
  readonly arch: string;
  readonly color: string;
  readonly points: readonly PowerPoint[];
}

/** One panel: a workload at one size. */
export interface PowerPanel {
  readonly title: string;
  readonly series: readonly PowerSeries[];
}

/** Valid Lambda rows with a warm Duration and a cost: the only ones a point can be drawn for. */
function drawable(result: ResultRecord): result is CompletedResult {
  return result.placement === 'lambda' && isValid(result) && result.warm !== undefined && lambdaFields(result).costPerMillionUsd !== undefined && lambdaFields(result).memoryMB !== undefined;
}

/** Panels of a set of rows: one per workload × size, one series per target × architecture. */
export function powerPanels(results: readonly ResultRecord[]): PowerPanel[] {
  const panels: PowerPanel[] = [];
  for (const group of groupByWorkload({ results })) {
    const rows = group.results.filter(drawable);
    for (const size of [...new Set(rows.map((r) => r.size))]) {
      const series = new Map<string, { target: string; arch: string; points: PowerPoint[] }>();
      for (const r of rows.filter((row) => row.size === size)) {
        const lambda = lambdaFields(r);
        const arch = lambda.arch ?? '';
        const key = `${r.target}\u0000${arch}`;
        const entry = series.get(key) ?? { target: r.target, arch, points: [] };
        entry.points.push({
          memoryMB: lambda.memoryMB!,
          arch,
          durationNs: r.warm!.medianNs,
          ciNs: r.warm!.ci95Ns,
          costPerMillionUsd: lambda.costPerMillionUsd!,
          picks: lambdaFigures(r).picks,
        });
        series.set(key, entry);
      }
      panels.push({
        title: `${group.workload} · ${size}`,
        series: [...series.values()].map((s) => ({ ...s, color: targetColor(s.target), points: [...s.points].sort((a, b) => a.memoryMB - b.memoryMB) })),
      });
    }
  }
  return panels;
}

/** Rounds a coordinate so the output is stable and compact. */
const r = (value: number): string => (Math.round(value * 10) / 10).toString();

/** An axis range around the values, padded, and never of zero width (one configuration, or equal costs). */
export function paddedRange(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const pad = span > Math.abs(hi) * 1e-9 ? span * 0.12 : Math.abs(hi) * 0.05 || 1;
  return [Math.max(0, lo - pad), hi + pad];
}

/** Round tick values (1-2-5 steps, about four of them) inside [lo, hi]. */
export function rangeTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Rough width of 12 px sans-serif text (no font metrics without a browser); errs wide. */
const textWidth = (value: string): number => [...value].length * 6.8;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A point's marker: a circle for x86_64, a square for arm64 (and any other architecture). */
function marker(x: number, y: number, arch: string, color: string): string {
  return arch === 'x86_64' || arch === ''
    ? `<circle cx="${r(x)}" cy="${r(y)}" r="4.5" fill="${color}"/>`
    : `<rect x="${r(x - 4.5)}" y="${r(y - 4.5)}" width="9" height="9" fill="${color}"/>`;
}

/**
 * The outline that marks a pick around a point: cheapest a ring, fastest a
 * square, balanced a diamond, nested so a point that earned all three shows
 * all three; `scale` shrinks them for the legend.
 */
function pickMark(pick: TuningPick, x: number, y: number, scale = 1): string {
  const stroke = 'fill="none" stroke="#24292f" stroke-width="1.5"';
  switch (pick) {
    case 'cheapest':
      return `<circle cx="${r(x)}" cy="${r(y)}" r="${r(9 * scale)}" ${stroke}/>`;
    case 'fastest': {
      const half = 12 * scale;
      return `<rect x="${r(x - half)}" y="${r(y - half)}" width="${r(2 * half)}" height="${r(2 * half)}" ${stroke}/>`;
    }
    case 'balanced': {
      const d = 17 * scale;
      return `<polygon points="${r(x)},${r(y - d)} ${r(x + d)},${r(y)} ${r(x)},${r(y + d)} ${r(x - d)},${r(y)}" ${stroke}/>`;
    }
  }
}

const WIDTH = 760;
const PANEL_H = 300;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12"';

/** Legend entries (series, then pick outlines), wrapped onto as many lines as the width needs. */
function legend(panel: PowerPanel, top: number): { parts: string[]; lines: number } {
  const entries = [
    ...panel.series.map((s) => {
      const name = s.arch ? `${s.target} (${s.arch})` : s.target;
      return { width: 24 + textWidth(name), draw: (lx: number, ly: number) => marker(lx + 5, ly - 4, s.arch, s.color) + `<text x="${r(lx + 14)}" y="${r(ly)}">${escapeXml(name)}</text>` };
    }),
    ...TUNING_PICKS.map((pick) => ({
      width: 34 + textWidth(pick),
      draw: (lx: number, ly: number) => pickMark(pick, lx + 8, ly - 4, 0.42) + `<text x="${r(lx + 22)}" y="${r(ly)}">${pick}</text>`,
    })),
  ];
  const parts: string[] = [];
  let lx = 10;
  let line = 0;
  for (const entry of entries) {
    if (lx > 10 && lx + entry.width > WIDTH - 10) {
      line += 1;
      lx = 10;
    }
    parts.push(entry.draw(lx, top + 36 + line * 18));
    lx += entry.width;
  }
  return { parts, lines: line + 1 };
}

/** One panel at vertical offset `top`: its SVG elements and its height. */
function panelSvg(panel: PowerPanel, top: number): { parts: string[]; height: number } {
  const points = panel.series.flatMap((s) => s.points);
  const [xlo, xhi] = paddedRange(points.flatMap((p) => [p.ciNs[0], p.ciNs[1], p.durationNs]));
  const [ylo, yhi] = paddedRange(points.map((p) => p.costPerMillionUsd));
  const key = legend(panel, top);
  const height = PANEL_H + (key.lines - 1) * 18;
  const x0 = 90;
  const x1 = WIDTH - 30;
  const plotTop = top + 52 + (key.lines - 1) * 18 + 10;
  const plotBottom = top + height - 50;
  const x = (v: number): number => x0 + ((v - xlo) / (xhi - xlo)) * (x1 - x0);
  const y = (v: number): number => plotBottom - ((v - ylo) / (yhi - ylo)) * (plotBottom - plotTop);
  const parts = [`<text x="10" y="${r(top + 16)}" font-weight="600">${escapeXml(panel.title)}</text>`, ...key.parts];
  for (const tick of rangeTicks(xlo, xhi)) {
    parts.push(`<line x1="${r(x(tick))}" y1="${r(plotTop)}" x2="${r(x(tick))}" y2="${r(plotBottom)}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${r(x(tick))}" y="${r(plotBottom + 15)}" text-anchor="middle" fill="#57606a">${escapeXml(formatDuration(tick))}</text>`);
  }
  for (const tick of rangeTicks(ylo, yhi)) {
    parts.push(`<line x1="${x0}" y1="${r(y(tick))}" x2="${x1}" y2="${r(y(tick))}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${x0 - 6}" y="${r(y(tick) + 4)}" text-anchor="end" fill="#57606a">${escapeXml(formatUsd(tick))}</text>`);
  }
  parts.push(`<line x1="${x0}" y1="${r(plotBottom)}" x2="${x1}" y2="${r(plotBottom)}" stroke="#57606a" stroke-width="1"/>`);
  parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(plotBottom + 34)}" text-anchor="middle" fill="#57606a">warm Duration per invocation (REPORT, median; whiskers: 95% CI)</text>`);
  parts.push(`<text x="14" y="${r((plotTop + plotBottom) / 2)}" text-anchor="middle" fill="#57606a" transform="rotate(-90 14 ${r((plotTop + plotBottom) / 2)})">$ per 1M invocations</text>`);
  const placed: Box[] = [];
  for (const s of panel.series) {
    if (s.points.length > 1) {
      const line = s.points.map((p) => `${r(x(p.durationNs))},${r(y(p.costPerMillionUsd))}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" stroke-opacity="0.6" points="${line}"/>`);
    }
  }
  for (const s of panel.series) {
    for (const p of s.points) {
      const px = x(p.durationNs);
      const py = y(p.costPerMillionUsd);
      const config = `${p.memoryMB} MB${p.arch ? ` ${p.arch}` : ''}`;
      const tooltip = `${s.target} · ${config}: ${formatDurationWithCi(p.durationNs, p.ciNs)}, ${formatUsd(p.costPerMillionUsd)} per 1M invocations${p.picks.length > 0 ? `; ${p.picks.join(', ')}` : ''}`;
      parts.push(
        `<g><title>${escapeXml(tooltip)}</title>` +
          `<line x1="${r(x(p.ciNs[0]))}" y1="${r(py)}" x2="${r(x(p.ciNs[1]))}" y2="${r(py)}" stroke="${s.color}" stroke-width="2"/>` +
          marker(px, py, p.arch, s.color) +
          p.picks.map((pick) => pickMark(pick, px, py)).join('') +
          '</g>',
      );
      // Marks and whiskers are obstacles for the memory labels placed below.
      placed.push({ x: px - 17, y: py - 17, w: 34, h: 34 }, { x: x(p.ciNs[0]), y: py - 3, w: x(p.ciNs[1]) - x(p.ciNs[0]), h: 6 });
    }
  }
  // Memory labels go where they overlap nothing already drawn; a label with no free place is left to the tooltip.
  for (const s of panel.series) {
    for (const p of s.points) {
      const label = `${p.memoryMB} MB`;
      const w = textWidth(label);
      const px = x(p.durationNs);
      const py = y(p.costPerMillionUsd);
      const candidates: Box[] = [
        { x: px + 19, y: py - 8, w, h: 14 },
        { x: px - 19 - w, y: py - 8, w, h: 14 },
        { x: px + 6, y: py - 20, w, h: 14 },
        { x: px - 6 - w, y: py - 20, w, h: 14 },
        { x: px - w / 2, y: py - 33, w, h: 14 },
        { x: px + 6, y: py + 6, w, h: 14 },
        { x: px - w / 2, y: py + 19, w, h: 14 },
      ];
      const free = candidates.find((c) => c.x >= x0 && c.x + c.w <= x1 && c.y >= plotTop && c.y + c.h <= plotBottom && !placed.some((b) => overlaps(b, c)));
      if (!free) continue;
      placed.push(free);
      parts.push(`<text x="${r(free.x)}" y="${r(free.y + 11)}" fill="${s.color}">${escapeXml(label)}</text>`);
    }
  }
  return { parts, height };
}

/** Cost per 1M invocations against warm Duration, one panel per workload × size of `results`. */
export function powerChart(results: readonly ResultRecord[], title = 'AWS Lambda: cost against duration per memory × architecture'): string {
  const panels = powerPanels(results).filter((panel) => panel.series.length > 0);
  if (panels.length === 0) return emptyChart(title, 'No Lambda configuration with a Duration and a cost to draw.');
  let top = 30;
  const body: string[] = [];
  for (const panel of panels) {
    const drawn = panelSvg(panel, top);
    body.push(...drawn.parts);
    top += drawn.height;
  }
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" role="img" aria-label="${escapeXml(title)}" ${FONT}>`,
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
    ...body,
  ];
  parts.push('</svg>');
  return parts.join('');
}

/** charts/lambda-power.svg: every workload's panel, for runs with Lambda rows to draw. */
export const powerSvgExporter: Exporter = {
  name: 'chart-lambda-power',
  fileName: 'charts/lambda-power.svg',
  mediaType: 'image/svg+xml',
  appliesTo: (run) => powerPanels(run.results).length > 0,
  serialize: (run) => powerChart(run.results),
};

/** What the chart shows, for the caption under it (report.html) and next to it (report.md). */
export const POWER_CAPTION =
  'Each point is one memory × architecture configuration of a target (circle: x86_64, square: arm64): its warm REPORT Duration (median, whiskers: 95% CI) against the cost of one million warm invocations. ' +
  'Outlines mark the Power Tuning picks the run recorded for each target: ring cheapest, square fastest, diamond balanced.';
