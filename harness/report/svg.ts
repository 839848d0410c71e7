/**
 * Dependency-free SVG chart primitives: a forest plot (ratios with CI on a
 * log axis), horizontal stacked bars (cold-start phases) and line panels
 * (warm-up curves). Output is a deterministic string: coordinates rounded to
 * 0.1 px, all text XML-escaped, no scripts, no external references.
 */
import { formatDuration } from './format.js';

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Rounds a coordinate so output is stable and compact. */
const r = (value: number): string => (Math.round(value * 10) / 10).toString();

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12"';
/** Default chart width; charts with long labels grow rather than clip. */
const WIDTH = 760;

/** Rough width of 12 px sans-serif text (no font metrics without a browser); errs wide. */
function textWidth(value: string): number {
  return [...value].length * 6.8;
}

/** Width of a label column that fits the longest label, within bounds. */
function labelColumn(labels: readonly string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...labels.map((label) => textWidth(label) + 16)));
}

/** Colours by verdict, readable on white and in greyscale print (different lightness). */
export const VERDICT_COLORS = { faster: '#1a7f37', slower: '#cf222e', same: '#57606a', undecided: '#8250df' } as const;

/** Categorical palette (Tableau 10), used for targets and phases in a fixed order. */
export const PALETTE: readonly string[] = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];

function svgOpen(height: number, title: string, width = WIDTH): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" role="img" aria-label="${escapeXml(title)}" ${FONT}>` +
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="10" y="20" font-size="14" font-weight="600">${escapeXml(title)}</text>`
  );
}

/** A chart that says there is nothing to draw (rather than an empty or missing file). */
export function emptyChart(title: string, message: string): string {
  return `${svgOpen(60, title)}<text x="10" y="45" fill="#57606a">${escapeXml(message)}</text></svg>`;
}

/**
 * Tick values m × 10^k inside [lo, hi] for a log axis: mantissas 1-2-5, or
 * finer ones when a narrow range would otherwise get fewer than three ticks,
 * or powers of ten alone over more than 2.5 decades (1-2-5 labels collide there).
 */
export function logTicks(lo: number, hi: number): number[] {
  const fine = [[1, 2, 5], [1, 2, 3, 5, 7], [1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]];
  const ladders = hi / lo > 10 ** 2.5 ? [[1], ...fine] : fine;
  let ticks: number[] = [];
  for (const mantissas of ladders) {
    ticks = [];
    for (let exp = Math.floor(Math.log10(lo)) - 1; exp <= Math.ceil(Math.log10(hi)); exp++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** exp).toPrecision(6));
        if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
      }
    }
    if (ticks.length >= 3) break;
  }
  return ticks;
}

/** About five round tick values (1-2-5 steps) from 0 to at least `max` for a linear axis. */
export function linearTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** A row of the forest plot. */
export interface IntervalRow {
  readonly label: string;
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
  readonly color: string;
  /** Text at the right end of the row (e.g. "2.00× faster [1.82–2.22]"). */
  readonly note: string;
}

/**
 * Points with CI whiskers on a log x axis, with a reference line (at 1.0 for
 * ratios). Rows with a non-positive value or bound cannot sit on a log axis and are skipped.
 */
export function forestPlot(title: string, axisLabel: string, rows: readonly IntervalRow[], reference = 1): string {
  const drawable = rows.filter((row) => row.value > 0 && row.lo > 0 && row.hi > 0);
  if (drawable.length === 0) return emptyChart(title, 'No comparisons to draw.');
  const labelW = labelColumn(drawable.map((d) => d.label), 120, 360);
  const noteW = labelColumn(drawable.map((d) => d.note), 100, 400);
  const width = Math.max(WIDTH, labelW + 320 + noteW);
  const x0 = labelW;
  const x1 = width - noteW;
  const top = 40;
  const rowH = 22;
  const height = top + drawable.length * rowH + 50;
  const lo = Math.min(reference, ...drawable.map((d) => d.lo)) / 1.15;
  const hi = Math.max(reference, ...drawable.map((d) => d.hi)) * 1.15;
  const x = (v: number) => x0 + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (x1 - x0);
  const bottom = top + drawable.length * rowH;
  const parts = [svgOpen(height, title, width)];
  for (const tick of logTicks(lo, hi)) {
    parts.push(`<line x1="${r(x(tick))}" y1="${top}" x2="${r(x(tick))}" y2="${r(bottom)}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${r(x(tick))}" y="${r(bottom + 15)}" text-anchor="middle" fill="#57606a">${escapeXml(`${tick}×`)}</text>`);
  }
  parts.push(`<line x1="${r(x(reference))}" y1="${top - 4}" x2="${r(x(reference))}" y2="${r(bottom)}" stroke="#24292f" stroke-width="1.5"/>`);
  drawable.forEach((row, i) => {
    const y = top + i * rowH + rowH / 2;
    parts.push(
      `<g><title>${escapeXml(`${row.label}: ${row.note}`)}</title>` +
        `<text x="${x0 - 8}" y="${r(y + 4)}" text-anchor="end">${escapeXml(row.label)}</text>` +
        `<line x1="${r(x(row.lo))}" y1="${r(y)}" x2="${r(x(row.hi))}" y2="${r(y)}" stroke="${row.color}" stroke-width="2"/>` +
        `<line x1="${r(x(row.lo))}" y1="${r(y - 5)}" x2="${r(x(row.lo))}" y2="${r(y + 5)}" stroke="${row.color}" stroke-width="2"/>` +
        `<line x1="${r(x(row.hi))}" y1="${r(y - 5)}" x2="${r(x(row.hi))}" y2="${r(y + 5)}" stroke="${row.color}" stroke-width="2"/>` +
        `<circle cx="${r(x(row.value))}" cy="${r(y)}" r="4" fill="${row.color}"/>` +
        `<text x="${x1 + 8}" y="${r(y + 4)}" fill="${row.color}">${escapeXml(row.note)}</text></g>`,
    );
  });
  parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 35)}" text-anchor="middle" fill="#57606a">${escapeXml(axisLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** A row of stacked segments with an optional marker (e.g. the parent-measured total). */
export interface StackedRow {
  readonly label: string;
  readonly segments: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  readonly marker?: number;
}

/**
 * Horizontal bars stacked by segment name on a linear time axis (ns), colour
 * per segment name in `order`, a legend, and a black tick for each row's marker.
 */
export function stackedBars(title: string, order: readonly string[], rows: readonly StackedRow[], markerName: string): string {
  if (rows.length === 0) return emptyChart(title, 'No cold-start data to draw.');
  const color = (name: string) => PALETTE[Math.max(0, order.indexOf(name)) % PALETTE.length]!;
  const x0 = labelColumn(rows.map((row) => row.label), 120, 360);
  const x1 = Math.max(WIDTH, x0 + 400) - 30;
  const legendRows = Math.ceil((order.length + 1) / 5);
  const top = 36 + legendRows * 18 + 8;
  const rowH = 24;
  const bottom = top + rows.length * rowH;
  const max = Math.max(...rows.map((row) => Math.max(row.marker ?? 0, row.segments.reduce((sum, s) => sum + s.value, 0))));
  const ticks = linearTicks(max);
  const axisMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => x0 + (v / axisMax) * (x1 - x0);
  const parts = [svgOpen(bottom + 45, title, x1 + 30)];
  [...order, markerName].forEach((name, i) => {
    const lx = 10 + (i % 5) * 150;
    const ly = 36 + Math.floor(i / 5) * 18;
    const swatch =
      i < order.length
        ? `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color(name)}"/>`
        : `<line x1="${lx + 5}" y1="${ly - 11}" x2="${lx + 5}" y2="${ly + 3}" stroke="#24292f" stroke-width="2"/>`;
    parts.push(`${swatch}<text x="${lx + 15}" y="${ly}">${escapeXml(name)}</text>`);
  });
  for (const tick of ticks) {
    parts.push(`<line x1="${r(x(tick))}" y1="${top}" x2="${r(x(tick))}" y2="${r(bottom)}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${r(x(tick))}" y="${r(bottom + 15)}" text-anchor="middle" fill="#57606a">${escapeXml(tick === 0 ? '0' : formatDuration(tick))}</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH + 4;
    parts.push(`<text x="${x0 - 8}" y="${r(y + 12)}" text-anchor="end">${escapeXml(row.label)}</text>`);
    let start = 0;
    for (const segment of row.segments) {
      if (!(segment.value > 0)) continue;
      parts.push(
        `<rect x="${r(x(start))}" y="${r(y)}" width="${r(x(start + segment.value) - x(start))}" height="16" fill="${color(segment.name)}">` +
          `<title>${escapeXml(`${row.label} · ${segment.name}: ${formatDuration(segment.value)}`)}</title></rect>`,
      );
      start += segment.value;
    }
    if (row.marker !== undefined) {
      parts.push(
        `<line x1="${r(x(row.marker))}" y1="${r(y - 3)}" x2="${r(x(row.marker))}" y2="${r(y + 19)}" stroke="#24292f" stroke-width="2">` +
          `<title>${escapeXml(`${row.label} · ${markerName}: ${formatDuration(row.marker)}`)}</title></line>`,
      );
    }
  });
  parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 35)}" text-anchor="middle" fill="#57606a">median time per phase (segments do not include spawn overhead; the tick does)</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** One panel of line series (y in ns, drawn on a log axis against the point index). */
export interface LinePanel {
  readonly title: string;
  readonly series: ReadonlyArray<{ readonly name: string; readonly color: string; readonly values: readonly number[] }>;
}

/** Panels stacked vertically, each with its own log y axis and legend; x is the call index. */
export function linePanels(title: string, panels: readonly LinePanel[]): string {
  const usable = panels
    .map((panel) => ({ ...panel, series: panel.series.filter((s) => s.values.some((v) => v > 0)) }))
    .filter((panel) => panel.series.length > 0);
  if (usable.length === 0) return emptyChart(title, 'No warm-up curves to draw.');
  const panelH = 200;
  const x0 = 80;
  const x1 = WIDTH - 150;
  const parts = [svgOpen(40 + usable.length * (panelH + 20), title)];
  usable.forEach((panel, p) => {
    const top = 40 + p * (panelH + 20) + 20;
    const bottom = top + panelH - 50;
    const positive = panel.series.flatMap((s) => s.values.filter((v) => v > 0));
    const lo = Math.min(...positive) / 1.2;
    const hi = Math.max(...positive) * 1.2;
    const count = Math.max(...panel.series.map((s) => s.values.length));
    const x = (i: number) => x0 + (count > 1 ? i / (count - 1) : 0) * (x1 - x0);
    const y = (v: number) => bottom - ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (bottom - top);
    parts.push(`<text x="10" y="${top - 6}" font-weight="600">${escapeXml(panel.title)}</text>`);
    for (const tick of logTicks(lo, hi)) {
      parts.push(`<line x1="${x0}" y1="${r(y(tick))}" x2="${x1}" y2="${r(y(tick))}" stroke="#d0d7de" stroke-width="1"/>`);
      parts.push(`<text x="${x0 - 6}" y="${r(y(tick) + 4)}" text-anchor="end" fill="#57606a">${escapeXml(formatDuration(tick))}</text>`);
    }
    for (const i of linearTicks(count - 1)) {
      if (i > count - 1) continue;
      parts.push(`<text x="${r(x(i))}" y="${r(bottom + 15)}" text-anchor="middle" fill="#57606a">${i}</text>`);
    }
    parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 32)}" text-anchor="middle" fill="#57606a">call index (0 = first call in a fresh process)</text>`);
    panel.series.forEach((series, s) => {
      const points = series.values.flatMap((v, i) => (v > 0 ? [`${r(x(i))},${r(y(v))}`] : []));
      parts.push(
        `<polyline fill="none" stroke="${series.color}" stroke-width="1.5" points="${points.join(' ')}"><title>${escapeXml(series.name)}</title></polyline>`,
      );
      const ly = top + 10 + s * 16;
      parts.push(`<rect x="${x1 + 12}" y="${ly - 9}" width="10" height="10" fill="${series.color}"/><text x="${x1 + 27}" y="${ly}">${escapeXml(series.name)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
