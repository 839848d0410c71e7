/**
 * The pure core of `npm run compare`: two run records in, the change of every
 * figure with its interval and verdict out, plus the summary the issue's
 * replication check reads (how often B's median lies inside A's interval).
 * No I/O: harness/tools/compare.ts reads the files and prints the renderings
 * (render.ts). The method is documented in interval.ts, the refusals in
 * check.ts, the pairing in match.ts.
 */
import { checkComparable, type NamedRun } from './check.js';
import type { RunConfig } from '../contract/index.js';
import { FIGURE_KINDS, type FigureKind } from './figures.js';
import { CHANGE_VERDICTS, DEFAULT_NOISE, type ChangeVerdict } from './interval.js';
import { matchRows, type RowMatching } from './match.js';

/** How many of a figure's compared pairs had B's value inside A's interval. */
export interface InsideShare {
  readonly inside: number;
  readonly total: number;
}

/** Counts over the whole comparison. */
export interface ComparisonSummary {
  /** Compared figures per verdict. */
  readonly verdicts: Readonly<Record<ChangeVerdict, number>>;
  /** Per figure kind that was compared at least once. */
  readonly inside: Partial<Record<FigureKind, InsideShare>>;
  /** Pairs not compared because a side errored or was unsupported. */
  readonly notCompared: number;
}

/** Everything `npm run compare` reports. */
export interface RunComparison extends RowMatching {
  readonly a: { readonly label: string; readonly runId: string };
  readonly b: { readonly label: string; readonly runId: string };
  /** The noise threshold used, as a fraction (0.02 = 2%). */
  readonly noise: number;
  readonly summary: ComparisonSummary;
  /** Things a reader must know to trust the comparison (same run twice, settings that differ, failed controls). */
  readonly notes: readonly string[];
}

/** Config keys that differ by nature between runs and say nothing about what was measured. */
const INCIDENTAL_CONFIG = new Set(['outDir']);

/** Notes on what differs between the runs besides the code, and on runs whose intervals are known to be untrustworthy. */
function notesFor(a: NamedRun, b: NamedRun): string[] {
  const notes: string[] = [];
  if (a.run.runId === b.run.runId) notes.push(`A and B are the same run (${a.run.runId}): every change is 1 by construction, yet the intervals treat them as independent runs`);
  const keys = [...new Set([...Object.keys(a.run.config), ...Object.keys(b.run.config)])].filter((key) => !INCIDENTAL_CONFIG.has(key)) as Array<keyof RunConfig>;
  const differ = keys.filter((key) => JSON.stringify(a.run.config[key]) !== JSON.stringify(b.run.config[key]));
  if (differ.length > 0) notes.push(`measured with different settings: ${differ.join(', ')} (see each run.json's config)`);
  for (const [side, named] of [['A', a], ['B', b]] as const) {
    if (named.run.state !== undefined && named.run.state !== 'completed') notes.push(`${side} did not complete (${named.run.state}): rows it did not reach are listed as only in the other run`);
    if (named.run.calibration?.state === 'failed') notes.push(`${side}'s calibration controls failed: its intervals may be too narrow, so verdicts may overstate certainty`);
  }
  return notes;
}

/** Counts verdicts and inside-interval shares over every compared figure. */
function summarise(matching: RowMatching): ComparisonSummary {
  const verdicts = Object.fromEntries(CHANGE_VERDICTS.map((v) => [v, 0])) as Record<ChangeVerdict, number>;
  const inside: Partial<Record<FigureKind, { inside: number; total: number }>> = {};
  let notCompared = 0;
  for (const row of matching.rows) {
    if (row.state === 'not-compared') {
      notCompared += 1;
      continue;
    }
    for (const figure of row.figures) {
      if (figure.state !== 'compared') continue;
      verdicts[figure.verdict] += 1;
      const share = (inside[figure.kind] ??= { inside: 0, total: 0 });
      share.total += 1;
      if (figure.insideA) share.inside += 1;
    }
  }
  // Listing order of the kinds, so summaries print in a stable order.
  const ordered: Partial<Record<FigureKind, InsideShare>> = {};
  for (const kind of FIGURE_KINDS) if (inside[kind]) ordered[kind] = inside[kind];
  return { verdicts, inside: ordered, notCompared };
}

/**
 * Compares run B with run A. Throws a RefusedComparison (one line, exit 2)
 * when they cannot be compared (see check.ts). `noise` is a fraction.
 */
export function compareRuns(givenA: NamedRun, givenB: NamedRun, noise: number = DEFAULT_NOISE): RunComparison {
  const [a, b] = checkComparable(givenA, givenB);
  const matching = matchRows(a.run.results, b.run.results, noise);
  const notes = notesFor(a, b);
  if (matching.rows.length === 0) notes.unshift('no row is in both runs: they measured different workloads, targets, sizes or placements');
  return {
    a: { label: a.label, runId: a.run.runId },
    b: { label: b.label, runId: b.run.runId },
    noise,
    ...matching,
    summary: summarise(matching),
    notes,
  };
}

/** Whether any compared figure got slower beyond the noise threshold (what --fail-on-regression checks). */
export function hasRegression(comparison: RunComparison): boolean {
  return comparison.summary.verdicts.regression > 0;
}
