/**
 * The table model every report renders: cells with a kind, columns, titled
 * tables, and the cells several tables share (verdict, gap, status). Its own
 * file so the table builders (tables.ts, tables-lambda.ts, fact-columns.ts,
 * node-versions.ts) import it without importing one another.
 */
import type { CompletedResult, ResultRecord } from '../contract/index.js';
import { formatVsNode } from './format.js';
import { isDecided } from '../stats/verdict.js';
import { gapLabel, gapReason, gapText } from './rows.js';
import { isBaseline } from '../targets/display.js';

/**
 * What a cell holds, for styling (HTML classes) and for tests. `undecided`:
 * a comparison without a verdict (unresolved, too few samples), styled as
 * neither a win nor a loss.
 */
export type CellKind = 'text' | 'number' | 'missing' | 'invalid' | 'failed' | 'unsupported' | 'faster' | 'slower' | 'same' | 'undecided';

/** One table cell: plain text (renderers escape it) and its kind. */
export interface Cell {
  readonly text: string;
  readonly kind: CellKind;
}

/** A column header and how its cells align. */
export interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/** A titled table. */
export interface Table {
  readonly title: string;
  /** One sentence under the title: what the figures are. */
  readonly caption?: string;
  readonly columns: readonly Column[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

/** The dash shown for a figure that was not measured. */
export const MISSING = '—';

/** A plain text cell. */
export const textCell = (value: string): Cell => ({ text: value, kind: 'text' });
/** A figure, right-aligned by its column. */
export const numberCell = (value: string): Cell => ({ text: value, kind: 'number' });
/** A figure that was not measured. */
export const MISSING_CELL: Cell = { text: MISSING, kind: 'missing' };
/** A left-aligned column. */
export const leftColumn = (header: string): Column => ({ header, align: 'left' });
/** A right-aligned column (figures). */
export const rightColumn = (header: string): Column => ({ header, align: 'right' });

/** A vs-node cell in words, styled by verdict. */
export function verdictCell(result: CompletedResult, which: 'vsNode' | 'coldVsNode'): Cell {
  const vs = result[which];
  if (!vs) return isBaseline(result.target) ? textCell('baseline') : MISSING_CELL;
  const kind = !isDecided(vs.verdict) ? 'undecided' : vs.verdict === 'faster' ? 'faster' : vs.verdict === 'slower' ? 'slower' : 'same';
  return { text: formatVsNode(vs, result.placement), kind };
}

/** The first cell of a gap row's figures: "INVALID" / "FAILED" / "unsupported", never a timing. */
export function gapCell(result: ResultRecord): Cell {
  const kind = gapReason(result)?.kind ?? 'unsupported';
  return { text: gapLabel(kind), kind };
}

/** The status cell: "verified", or the gap with its reason. */
export function statusCell(result: ResultRecord): Cell {
  const gap = gapReason(result);
  if (!gap) return textCell(result.verifiedAgainst === 'node-reference' ? 'verified (against node output)' : 'verified');
  return { text: gapText(result) ?? '', kind: gap.kind };
}

/** Drops figure columns in which no row has anything measured, keeping identity and status columns. */
export function dropEmptyColumns(columns: Column[], rows: Cell[][], firstFigure: number): { columns: Column[]; rows: Cell[][] } {
  const keep = columns.map(
    (_, c) => c < firstFigure || c === columns.length - 1 || rows.some((row) => row[c] && row[c].kind !== 'missing'),
  );
  return { columns: columns.filter((_, c) => keep[c]), rows: rows.map((row) => row.filter((_, c) => keep[c])) };
}
