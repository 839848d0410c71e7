/**
 * The two renderings of a comparison: aligned terminal lines (one per figure,
 * then the summary) and a Markdown table with the same cells and summary, so
 * `--markdown` says exactly what the terminal said. Figures use the shared
 * report formatting (format.ts); a change is printed with three decimals,
 * because the interesting changes sit within a few percent of 1.
 */
import { formatDuration, formatRatio } from '../report/format.js';
import { escapeMarkdown } from '../report/markdown-text.js';
import { FIGURE_INFO, type FigureKind } from './figures.js';
import type { RunComparison } from './index.js';
import type { Change, ChangeVerdict, Estimate } from './interval.js';
import type { FigureComparison } from './match.js';

/** One line of the comparison, as cells. */
export interface ComparisonCells {
  readonly row: string;
  readonly figure: string;
  readonly a: string;
  readonly b: string;
  /** B/A with its interval, or empty when not compared. */
  readonly change: string;
  /** The verdict, or why the figure or row was not compared. */
  readonly verdict: string;
  /** "yes"/"no": B's value inside A's 95% interval; empty when not compared. */
  readonly inside: string;
}

const VERDICT_WORDS: Readonly<Record<ChangeVerdict, string>> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'no-change': 'no change',
  unclear: 'unclear',
};

function value(kind: FigureKind, estimate: Estimate): string {
  return FIGURE_INFO[kind].unit === 'ns' ? formatDuration(estimate.value) : formatRatio(estimate.value);
}

/** B/A as "1.016× [0.998–1.035]". */
export function formatChange(change: Change): string {
  return `${change.ratio.toFixed(3)}× [${change.ci95[0].toFixed(3)}–${change.ci95[1].toFixed(3)}]`;
}

function figureCells(row: string, figure: FigureComparison): ComparisonCells {
  const label = FIGURE_INFO[figure.kind].label;
  switch (figure.state) {
    case 'compared':
      return {
        row,
        figure: label,
        a: value(figure.kind, figure.a),
        b: value(figure.kind, figure.b),
        change: formatChange(figure.change),
        verdict: VERDICT_WORDS[figure.verdict],
        inside: figure.insideA ? 'yes' : 'no',
      };
    case 'only-in-a':
      return { row, figure: label, a: value(figure.kind, figure.estimate), b: '-', change: '', verdict: 'only in A', inside: '' };
    case 'only-in-b':
      return { row, figure: label, a: '-', b: value(figure.kind, figure.estimate), change: '', verdict: 'only in B', inside: '' };
    case 'unusable':
      return { row, figure: label, a: value(figure.kind, figure.a), b: value(figure.kind, figure.b), change: '', verdict: `not compared (${figure.reason})`, inside: '' };
  }
}

/** Every line of the comparison: one per figure of matched rows, one per row not compared. */
export function comparisonCells(comparison: RunComparison): ComparisonCells[] {
  return comparison.rows.flatMap((row) =>
    row.state === 'compared'
      ? row.figures.length > 0
        ? row.figures.map((figure) => figureCells(row.key, figure))
        : [{ row: row.key, figure: '-', a: '', b: '', change: '', verdict: 'no figure with an interval in either run', inside: '' }]
      : [{ row: row.key, figure: '-', a: row.stateA, b: row.stateB, change: '', verdict: 'not compared', inside: '' }],
  );
}

function share(inside: number, total: number, noun = ''): string {
  return `${inside}/${total}${noun} (${Math.round((100 * inside) / total)}%)`;
}

/**
 * The summary lines: verdict counts, rows not compared, rows in one run only,
 * the inside-interval shares (warm medians and warm ratios first: the issue's
 * 80% criterion), then the notes.
 */
export function summaryLines(comparison: RunComparison): string[] {
  const { verdicts, inside, notCompared } = comparison.summary;
  const noise = `${Number((comparison.noise * 100).toFixed(2))}%`;
  const lines = [
    `verdicts: ${verdicts.regression} regression, ${verdicts.improvement} improvement, ${verdicts['no-change']} no change, ${verdicts.unclear} unclear (noise threshold ${noise})`,
  ];
  if (notCompared > 0) lines.push(`not compared (errored or unsupported in a run): ${notCompared} row${notCompared === 1 ? '' : 's'}`);
  const list = (refs: RunComparison['onlyInA']) => (refs.length === 0 ? 'none' : refs.map((r) => (r.state === 'completed' ? r.key : `${r.key} [${r.state}]`)).join(', '));
  lines.push(`only in A: ${list(comparison.onlyInA)}`, `only in B: ${list(comparison.onlyInB)}`);
  const medians = inside['warm-median'];
  const ratios = inside['warm-vs-node'];
  const main = [
    medians ? share(medians.inside, medians.total, ' rows') : 'no warm medians compared',
    ...(ratios ? [`ratios: ${share(ratios.inside, ratios.total)}`] : []),
  ];
  lines.push(`B's median inside A's 95% interval: ${main.join('; ')}`);
  const others = (Object.entries(inside) as Array<[FigureKind, { inside: number; total: number }]>)
    .filter(([kind]) => kind !== 'warm-median' && kind !== 'warm-vs-node')
    .map(([kind, s]) => `${FIGURE_INFO[kind].label} ${share(s.inside, s.total)}`);
  if (others.length > 0) lines.push(`other figures inside A's 95% interval: ${others.join(', ')}`);
  lines.push(...comparison.notes.map((note) => `note: ${note}`));
  return lines;
}

function pad(cells: readonly string[][]): string[] {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length))) ?? [];
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

/** The terminal rendering: who is A and B, one aligned line per figure, then the summary. */
export function renderText(comparison: RunComparison): string {
  const lines = [`A: ${comparison.a.label} (${comparison.a.runId})`, `B: ${comparison.b.label} (${comparison.b.runId})`, ''];
  const cells = comparisonCells(comparison).map((c) => [
    c.row,
    c.figure,
    c.b === '' && c.a === '' ? '' : `${c.a} -> ${c.b}`,
    c.change,
    c.verdict,
    c.inside === '' ? '' : c.inside === 'yes' ? 'inside A\'s CI' : 'outside A\'s CI',
  ]);
  if (cells.length > 0) lines.push(...pad(cells), '');
  lines.push(...summaryLines(comparison));
  return `${lines.join('\n')}\n`;
}

/** The Markdown rendering: the same cells as a table, then the summary as a list. */
export function renderMarkdown(comparison: RunComparison): string {
  const lines = [
    '# Comparison of two runs',
    '',
    `- A: ${escapeMarkdown(comparison.a.label)} (${escapeMarkdown(comparison.a.runId)})`,
    `- B: ${escapeMarkdown(comparison.b.label)} (${escapeMarkdown(comparison.b.runId)})`,
    '',
    '_B/A above 1 means B is slower (for ratios to node: B is slower relative to node). The interval combines both runs\' 95% intervals on the log scale._',
    '',
    "| Row | Figure | A | B | B/A [95% CI] | Verdict | B inside A's CI |",
    '| :--- | :--- | ---: | ---: | ---: | :--- | :--- |',
  ];
  for (const c of comparisonCells(comparison)) {
    const verdict = c.verdict === VERDICT_WORDS.regression ? `**${c.verdict}**` : escapeMarkdown(c.verdict);
    lines.push(`| ${[escapeMarkdown(c.row), escapeMarkdown(c.figure), escapeMarkdown(c.a), escapeMarkdown(c.b), escapeMarkdown(c.change), verdict, c.inside].join(' | ')} |`);
  }
  lines.push('', '## Summary', '', ...summaryLines(comparison).map((line) => `- ${escapeMarkdown(line)}`));
  return `${lines.join('\n')}\n`;
}
