/**
 * Pairs the rows of two runs by (workload, target, placement, size, engine)
 * and compares each figure both completed rows publish with an interval.
 * Nothing is dropped silently: a row in one run only is listed as such, a
 * pair where either side errored or was unsupported is listed with both
 * states and not compared, and a figure only one side has is listed too.
 */
import { failureOf, type ResultRecord } from '../contract/index.js';
import { rowKey } from './check.js';
import { FIGURE_KINDS, figuresOf, type FigureKind } from './figures.js';
import { changeBetween, changeVerdict, insideInterval, unusableEstimate, type Change, type ChangeVerdict, type Estimate } from './interval.js';

/** One figure of a matched pair of completed rows. */
export type FigureComparison =
  | {
      readonly state: 'compared';
      readonly kind: FigureKind;
      readonly a: Estimate;
      readonly b: Estimate;
      readonly change: Change;
      readonly verdict: ChangeVerdict;
      /** B's value lies inside A's 95% interval (the replication check). */
      readonly insideA: boolean;
    }
  /** The figure is published by one run only (e.g. cold measured in A, skipped in B). */
  | { readonly state: 'only-in-a' | 'only-in-b'; readonly kind: FigureKind; readonly estimate: Estimate }
  /** Both have it, but an interval cannot be combined (not positive, not finite, out of order). */
  | { readonly state: 'unusable'; readonly kind: FigureKind; readonly a: Estimate; readonly b: Estimate; readonly reason: string };

/** A row identified across runs, with its state in a run. */
export interface RowRef {
  /** `workload/target/placement/size[/engine]`, with `#n` for the n-th repeat of a key within a run. */
  readonly key: string;
  /** `completed`, or the state with its failure kind and error, e.g. "errored (timeout: ...)". */
  readonly state: string;
}

/** A row present in both runs. */
export type RowComparison =
  | { readonly state: 'compared'; readonly key: string; readonly figures: readonly FigureComparison[] }
  /** Either side errored or was unsupported: listed with both states, never compared. */
  | { readonly state: 'not-compared'; readonly key: string; readonly stateA: string; readonly stateB: string };

/** How rows of two runs paired up. */
export interface RowMatching {
  /** Rows in both runs, in A's order. */
  readonly rows: readonly RowComparison[];
  readonly onlyInA: readonly RowRef[];
  readonly onlyInB: readonly RowRef[];
}

/** Longest error text quoted in a state (errors can carry stderr tails). */
const ERROR_CHARS = 100;

/** A row's state in words: "completed", "errored (wrong-output: digest mismatch)", "unsupported (no JSON builtins)". */
export function stateText(row: ResultRecord): string {
  if (row.state === 'completed') return 'completed';
  const error = row.error.replace(/\s+/g, ' ').trim();
  const short = error.length > ERROR_CHARS ? `${error.slice(0, ERROR_CHARS - 1)}…` : error;
  return row.state === 'errored' ? `errored (${failureOf(row)}: ${short})` : `unsupported (${short})`;
}

/** Keys of a run's rows, with `#n` on the n-th repeat of a key so repeats pair in order instead of overwriting each other. */
function keyed(rows: readonly ResultRecord[]): Map<string, ResultRecord> {
  const seen = new Map<string, number>();
  const byKey = new Map<string, ResultRecord>();
  for (const row of rows) {
    const base = rowKey(row);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    byKey.set(n === 1 ? base : `${base}#${n}`, row);
  }
  return byKey;
}

/** Compares every figure of two completed rows (a figure one side lacks is listed as only-in). */
function compareFigures(a: Partial<Record<FigureKind, Estimate>>, b: Partial<Record<FigureKind, Estimate>>, noise: number): FigureComparison[] {
  const figures: FigureComparison[] = [];
  for (const kind of FIGURE_KINDS) {
    const ea = a[kind];
    const eb = b[kind];
    if (ea === undefined && eb === undefined) continue;
    if (eb === undefined) figures.push({ state: 'only-in-a', kind, estimate: ea as Estimate });
    else if (ea === undefined) figures.push({ state: 'only-in-b', kind, estimate: eb });
    else {
      const why = unusableEstimate(ea) ?? unusableEstimate(eb);
      if (why !== undefined) {
        const side = unusableEstimate(ea) !== undefined ? 'A' : 'B';
        figures.push({ state: 'unusable', kind, a: ea, b: eb, reason: `${side}: ${why}` });
        continue;
      }
      const change = changeBetween(ea, eb);
      figures.push({ state: 'compared', kind, a: ea, b: eb, change, verdict: changeVerdict(change, noise), insideA: insideInterval(ea, eb) });
    }
  }
  return figures;
}

/** Pairs the rows of A and B and compares each pair of completed rows under the noise threshold (a fraction). */
export function matchRows(a: readonly ResultRecord[], b: readonly ResultRecord[], noise: number): RowMatching {
  const rowsA = keyed(a);
  const rowsB = keyed(b);
  const rows: RowComparison[] = [];
  const onlyInA: RowRef[] = [];
  for (const [key, rowA] of rowsA) {
    const rowB = rowsB.get(key);
    if (rowB === undefined) {
      onlyInA.push({ key, state: stateText(rowA) });
    } else if (rowA.state === 'completed' && rowB.state === 'completed') {
      rows.push({ state: 'compared', key, figures: compareFigures(figuresOf(rowA), figuresOf(rowB), noise) });
    } else {
      rows.push({ state: 'not-compared', key, stateA: stateText(rowA), stateB: stateText(rowB) });
    }
  }
  const onlyInB = [...rowsB].filter(([key]) => !rowsA.has(key)).map(([key, row]) => ({ key, state: stateText(row) }));
  return { rows, onlyInA, onlyInB };
}
