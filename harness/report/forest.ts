/**
 * The forest plot: ratios with 95% CI whiskers on log x axes, in one or more
 * panels that each get their own scale. A single scale spanning 0.1× to
 * 10000× squeezes 2× and 3× into a few pixels; panels let the rows a decision
 * turns on keep a readable scale while extreme rows are drawn apart. Colour
 * is the series' (the target's, as in every chart); the verdict is the
 * marker's shape and the words at the row's end.
 */
import {
  emptyChart,
  escapeXml,
  INK,
  labelColumn,
  legend,
  logTicks,
  markShape,
  MARK_WORDS,
  MUTED,
  r,
  svgOpen,
  WIDTH,
  type LegendItem,
  type VerdictMark,
} from './svg.js';

/** A row of the forest plot. */
export interface IntervalRow {
  readonly label: string;
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
  /** The series' colour (a target's) and its name in the legend. */
  readonly color: string;
  readonly series: string;
  /** The verdict, drawn as the marker's shape. */
  readonly mark: VerdictMark;
  /** Text at the right end of the row (e.g. "2.00× faster [1.82–2.22]"). */
  readonly note: string;
}

/** Rows drawn on one scale, under an optional heading. */
export interface ForestPanel {
  readonly heading?: string;
  readonly rows: readonly IntervalRow[];
  /** Stretch the scale to show the reference line even when no row is near it (default true). */
  readonly showReference?: boolean;
}

const ROW_H = 22;
/** Width of the plotting area at least: about 200 px per decade on a two-decade scale. */
const PLOT_MIN = 480;

/** Rows a log axis can show: positive value and bounds. */
const onLogAxis = (row: IntervalRow): boolean => row.value > 0 && row.lo > 0 && row.hi > 0;

/**
 * Panels of points with CI whiskers on log x axes, each with its own ticks
 * and a reference line (at 1.0 for ratios) where its scale reaches it, under
 * one legend of series colours and verdict markers. Rows with a non-positive
 * value or bound cannot sit on a log axis and are skipped; empty panels are left out.
 */
export function forestPlot(title: string, axisLabel: string, panels: readonly ForestPanel[], reference = 1): string {
  const usable = panels.map((panel) => ({ ...panel, rows: panel.rows.filter(onLogAxis) })).filter((panel) => panel.rows.length > 0);
  const all = usable.flatMap((panel) => panel.rows);
  if (all.length === 0) return emptyChart(title, 'No comparisons to draw.');
  const labelW = labelColumn(all.map((d) => d.label), 120, 360);
  const noteW = labelColumn(all.map((d) => d.note), 100, 400);
  const width = Math.max(WIDTH, labelW + PLOT_MIN + noteW);
  const x0 = labelW;
  const x1 = width - noteW;

  const series = [...new Map(all.map((row) => [row.series, row.color])).entries()];
  const marks = (Object.keys(MARK_WORDS) as VerdictMark[]).filter((mark) => all.some((row) => row.mark === mark));
  const items: LegendItem[] = [
    ...series.map(([name, color]) => ({ swatch: (x: number, y: number) => `<line x1="${r(x)}" y1="${r(y - 4)}" x2="${r(x + 12)}" y2="${r(y - 4)}" stroke="${color}" stroke-width="3"/>`, text: name })),
    ...marks.map((mark) => ({ swatch: (x: number, y: number) => markShape(mark, x + 6, y - 4, MUTED), text: MARK_WORDS[mark] })),
  ];
  const key = legend(items, 10, 40, width - 10);

  const parts: string[] = [key.svg];
  let y = key.lastY + 14;
  for (const panel of usable) {
    if (panel.heading) {
      y += 18;
      parts.push(`<text x="10" y="${r(y)}" font-weight="600">${escapeXml(panel.heading)}</text>`);
    }
    const top = y + 10;
    const bottom = top + panel.rows.length * ROW_H;
    const withReference = panel.showReference ?? true;
    const lo = Math.min(...(withReference ? [reference] : []), ...panel.rows.map((d) => d.lo)) / 1.15;
    const hi = Math.max(...(withReference ? [reference] : []), ...panel.rows.map((d) => d.hi)) * 1.15;
    const x = (v: number) => x0 + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (x1 - x0);
    for (const tick of logTicks(lo, hi)) {
      parts.push(`<line x1="${r(x(tick))}" y1="${r(top)}" x2="${r(x(tick))}" y2="${r(bottom)}" stroke="#d0d7de" stroke-width="1"/>`);
      parts.push(`<text x="${r(x(tick))}" y="${r(bottom + 15)}" text-anchor="middle" fill="${MUTED}">${escapeXml(`${tick}×`)}</text>`);
    }
    if (reference >= lo && reference <= hi) {
      parts.push(`<line x1="${r(x(reference))}" y1="${r(top - 4)}" x2="${r(x(reference))}" y2="${r(bottom)}" stroke="${INK}" stroke-width="1.5"/>`);
    }
    panel.rows.forEach((row, i) => {
      const cy = top + i * ROW_H + ROW_H / 2;
      const whisker = (xa: number, ya: number, xb: number, yb: number) =>
        `<line x1="${r(xa)}" y1="${r(ya)}" x2="${r(xb)}" y2="${r(yb)}" stroke="${row.color}" stroke-width="2"/>`;
      parts.push(
        `<g><title>${escapeXml(`${row.label}: ${row.note}`)}</title>` +
          `<text x="${r(x0 - 8)}" y="${r(cy + 4)}" text-anchor="end">${escapeXml(row.label)}</text>` +
          whisker(x(row.lo), cy, x(row.hi), cy) +
          whisker(x(row.lo), cy - 5, x(row.lo), cy + 5) +
          whisker(x(row.hi), cy - 5, x(row.hi), cy + 5) +
          markShape(row.mark, x(row.value), cy, row.color) +
          `<text x="${r(x1 + 8)}" y="${r(cy + 4)}" fill="${INK}">${escapeXml(row.note)}</text></g>`,
      );
    });
    parts.push(`<text x="${r((x0 + x1) / 2)}" y="${r(bottom + 35)}" text-anchor="middle" fill="${MUTED}">${escapeXml(axisLabel)}</text>`);
    y = bottom + 45;
  }
  return `${svgOpen(y + 5, title, width)}${parts.join('')}</svg>`;
}
