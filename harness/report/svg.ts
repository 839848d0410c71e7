/**
 * Dependency-free SVG chart primitives: axes, legends, verdict markers,
 * horizontal stacked bars (cold-start phases) and line panels (warm-up
 * curves); the forest plot of ratios is in forest.ts. Output is a deterministic string: coordinates rounded to
 * 0.1 px, all text XML-escaped, no scripts, no external references.
 */
import { formatDuration } from './format.js';

/** Escapes text for XML/HTML element content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Rounds a coordinate so output is stable and compact. */
export const r = (value: number): string => (Math.round(value * 10) / 10).toString();

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12"';
/** Default chart width; charts with long labels grow rather than clip. */
export const WIDTH = 760;

/** Rough width of 12 px sans-serif text (no font metrics without a browser); errs wide. */
export function textWidth(value: string): number {
  return [...value].length * 6.8;
}

/** Width of a label column that fits the longest label, within bounds. */
export function labelColumn(labels: readonly string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...labels.map((label) => textWidth(label) + 16)));
}

/**
 * How a verdict is marked on a forest plot: by the marker's shape, so that
 * colour always means the target (one colour per target in every chart).
 */
export type VerdictMark = 'faster' | 'slower' | 'same' | 'undecided';

/** The legend's words for each mark, in legend order. */
export const MARK_WORDS: Readonly<Record<VerdictMark, string>> = {
  faster: 'faster',
  slower: 'slower',
  same: 'no significant difference',
  undecided: 'unresolved or no verdict',
};

/** Neutral ink for text and reference lines: never a target's colour. */
export const INK = '#24292f';
/** Secondary text (ticks, axis labels). */
export const MUTED = '#57606a';

/**
 * A verdict's marker centred on (cx, cy): filled circle faster, filled
 * square slower, hollow circle no difference, hollow diamond undecided.
 * Shapes differ in greyscale print and for colour-blind readers alike.
 */
export function markShape(mark: VerdictMark, cx: number, cy: number, color: string): string {
  switch (mark) {
    case 'faster':
      return `<circle cx="${r(cx)}" cy="${r(cy)}" r="5" fill="${color}"/>`;
    case 'slower':
      return `<rect x="${r(cx - 4.5)}" y="${r(cy - 4.5)}" width="9" height="9" fill="${color}"/>`;
    case 'same':
      return `<circle cx="${r(cx)}" cy="${r(cy)}" r="4.5" fill="#ffffff" stroke="${color}" stroke-width="2"/>`;
    case 'undecided':
      return `<path d="M${r(cx)} ${r(cy - 6)}L${r(cx + 6)} ${r(cy)}L${r(cx)} ${r(cy + 6)}L${r(cx - 6)} ${r(cy)}Z" fill="#ffffff" stroke="${color}" stroke-width="2"/>`;
  }
}

/** One legend entry: a swatch drawn at (x, y-baseline) and its words. */
export interface LegendItem {
  readonly swatch: (x: number, y: number) => string;
  readonly text: string;
}

/**
 * Legend items laid out left to right from (x, y), wrapping before `maxX`
 * with each item as wide as its words (so long names never run into the next).
 * Returns the SVG and the baseline of the last line.
 */
export function legend(items: readonly LegendItem[], x: number, y: number, maxX: number): { svg: string; lastY: number } {
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const item of items) {
    const w = 18 + textWidth(item.text) + 14;
    if (cx > x && cx + w > maxX) {
      cx = x;
      cy += 18;
    }
    parts.push(`${item.swatch(cx, cy)}<text x="${r(cx + 16)}" y="${r(cy)}">${escapeXml(item.text)}</text>`);
    cx += w;
  }
  return { svg: parts.join(''), lastY: cy };
}

/** A legend swatch: a filled square in a series' colour. */
export const squareSwatch =
  (color: string) =>
  (x: number, y: number): string =>
    `<rect x="${r(x)}" y="${r(y - 9)}" width="10" height="10" fill="${color}"/>`;

/**
 * Greys from light to dark for `count` ordered categories (cold-start phases):
 * a sequence read by lightness, in no target's colour.
 */
export function greyRamp(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const v = Math.round(count > 1 ? 222 - (150 * i) / (count - 1) : 150);
    const hex = v.toString(16).padStart(2, '0');
    return `#${hex}${hex}${hex}`;
  });
}

/** Opens a chart: white background, the title as a tooltip, aria-label and heading. */
export function svgOpen(height: number, title: string, width = WIDTH): string {
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

/** A row of stacked segments with an optional marker (e.g. the parent-measured total). */
export interface StackedRow {
  readonly label: string;
  readonly segments: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  readonly marker?: number;
}

/**
 * Horizontal bars stacked by segment name on a linear time axis (ns), a grey
 * per segment name in `order` (light to dark: phases are a sequence, and grey
 * is no target's colour), a legend, and a black tick for each row's marker.
 */
export function stackedBars(title: string, order: readonly string[], rows: readonly StackedRow[], markerName: string): string {
  if (rows.length === 0) return emptyChart(title, 'No cold-start data to draw.');
  const greys = greyRamp(order.length);
  const color = (name: string) => greys[Math.max(0, order.indexOf(name))]!;
  const axisLabel = 'median time per phase (segments do not include spawn overhead; the tick does)';
  const x0 = labelColumn(rows.map((row) => row.label), 120, 360);
  const width = Math.max(WIDTH, x0 + 400, textWidth(axisLabel) + 20);
  const x1 = width - 30;
  const items: LegendItem[] = [
    ...order.map((name) => ({ swatch: squareSwatch(color(name)), text: name })),
    { swatch: (lx: number, ly: number) => `<line x1="${r(lx + 5)}" y1="${r(ly - 11)}" x2="${r(lx + 5)}" y2="${r(ly + 3)}" stroke="${INK}" stroke-width="2"/>`, text: markerName },
  ];
  const key = legend(items, 10, 40, width - 10);
  const top = key.lastY + 18;
  const rowH = 24;
  const bottom = top + rows.length * rowH;
  const max = Math.max(...rows.map((row) => Math.max(row.marker ?? 0, row.segments.reduce((sum, s) => sum + s.value, 0))));
  const ticks = linearTicks(max);
  const axisMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => x0 + (v / axisMax) * (x1 - x0);
  const parts = [svgOpen(bottom + 45, title, width), key.svg];
  for (const tick of ticks) {
    parts.push(`<line x1="${r(x(tick))}" y1="${r(top)}" x2="${r(x(tick))}" y2="${r(bottom)}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${r(x(tick))}" y="${r(bottom + 15)}" text-anchor="middle" fill="${MUTED}">${escapeXml(tick === 0 ? '0' : formatDuration(tick))}</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH + 4;
    parts.push(`<text x="${r(x0 - 8)}" y="${r(y + 12)}" text-anchor="end">${escapeXml(row.label)}</text>`);
    let start = 0;
    for (const segment of row.segments) {
      if (!(segment.value > 0)) continue;
      // A white edge keeps neighbouring greys apart.
      parts.push(
        `<rect x="${r(x(start))}" y="${r(y)}" width="${r(x(start + segment.value) - x(start))}" height="16" fill="${color(segment.name)}" stroke="#ffffff" stroke-width="0.5">` +
          `<title>${escapeXml(`${row.label} · ${segment.name}: ${formatDuration(segment.value)}`)}</title></rect>`,
      );
      start += segment.value;
    }
    if (row.marker !== undefined) {
      // A white halo under the tick keeps it visible over the darkest grey.
      const mx = r(x(row.marker));
      parts.push(
        `<line x1="${mx}" y1="${r(y - 3)}" x2="${mx}" y2="${r(y + 19)}" stroke="#ffffff" stroke-width="4"/>` +
          `<line x1="${mx}" y1="${r(y - 3)}" x2="${mx}" y2="${r(y + 19)}" stroke="${INK}" stroke-width="2">` +
          `<title>${escapeXml(`${row.label} · ${markerName}: ${formatDuration(row.marker)}`)}</title></line>`,
      );
    }
  });
  parts.push(`<text x="${r(width / 2)}" y="${r(bottom + 35)}" text-anchor="middle" fill="${MUTED}">${escapeXml(axisLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** One panel of line series (y in ns, drawn on a log axis against the point index). */
export interface LinePanel {
  readonly title: string;
  readonly series: ReadonlyArray<{ readonly name: string; readonly color: string; readonly values: readonly number[] }>;
}

/**
 * Panels stacked vertically, each with its own log y axis and legend; x is
 * the call index. Each panel's title sits on its own line above the plot,
 * clear of the highest tick label; the legend column is as wide as its longest name.
 */
export function linePanels(title: string, panels: readonly LinePanel[]): string {
  const usable = panels
    .map((panel) => ({ ...panel, series: panel.series.filter((s) => s.values.some((v) => v > 0)) }))
    .filter((panel) => panel.series.length > 0);
  if (usable.length === 0) return emptyChart(title, 'No warm-up curves to draw.');
  const plotH = 150;
  // Title line, plot, call-index ticks and axis label, gap.
  const stride = 28 + plotH + 40 + 16;
  const x0 = 80;
  const legendW = Math.max(140, ...usable.flatMap((panel) => panel.series.map((s) => 27 + textWidth(s.name) + 10)));
  const x1 = WIDTH - legendW;
  const parts = [svgOpen(36 + usable.length * stride, title)];
  usable.forEach((panel, p) => {
    const titleY = 36 + p * stride + 16;
    const top = titleY + 16;
    const bottom = top + plotH;
    const positive = panel.series.flatMap((s) => s.values.filter((v) => v > 0));
    const lo = Math.min(...positive) / 1.2;
    const hi = Math.max(...positive) * 1.2;
    const count = Math.max(...panel.series.map((s) => s.values.length));
    const x = (i: number) => x0 + (count > 1 ? i / (count - 1) : 0) * (x1 - x0);
    const y = (v: number) => bottom - ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (bottom - top);
    parts.push(`<text x="10" y="${r(titleY)}" font-weight="600">${escapeXml(panel.title)}</text>`);
    for (const tick of logTicks(lo, hi)) {
      parts.push(`<line x1="${x0}" y1="${r(y(tick))}" x2="${r(x1)}" y2="${r(y(tick))}" stroke="#d0d7de" stroke-width="1"/>`);
      parts.push(`<text x="${x0 - 6}" y="${r(y(tick) + 4)}" text-anchor="end" fill="${MUTED}">${escapeXml(formatDuration(tick))}</text>`);
    }
    for (const i of linearTicks(count - 1)) {
      if (i > count - 1) continue;
      parts.push(`<text x="${r(x(i))}" y="${r(bottom + 15)}" text-anchor="middle" fill="${MUTED}">${i}</text>`);
    }
    parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 32)}" text-anchor="middle" fill="${MUTED}">call index (0 = first call in a fresh process)</text>`);
    panel.series.forEach((series, s) => {
      const points = series.values.flatMap((v, i) => (v > 0 ? [`${r(x(i))},${r(y(v))}`] : []));
      parts.push(
        `<polyline fill="none" stroke="${series.color}" stroke-width="1.5" points="${points.join(' ')}"><title>${escapeXml(series.name)}</title></polyline>`,
      );
      const ly = top + 10 + s * 16;
      parts.push(`${squareSwatch(series.color)(x1 + 12, ly)}<text x="${r(x1 + 27)}" y="${r(ly)}">${escapeXml(series.name)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
