/**
 * The optional columns and caption sentences the report tables gain for the
 * process-level interval facts (issue 12): between- next to within-process
 * spread, Tukey outlier counts, and what the verdict words mean when some
 * ratio is unresolved or names its basis; and the comparison with the
 * fastest verified Node variant where it is not node (vsFastestNode).
 *
 * Each column exists only when some row of the table has its fact (see
 * facts.ts), so older runs render exactly as they were published.
 */
import type { CompletedResult, ResultRecord } from '../contract/index.js';
import { isDecided } from '../stats/verdict.js';
import { MIN_PROCESSES, NOISE_THRESHOLD } from '../stats/verdict.js';
import { intervalFacts, coldOutliersOf, outliersOf } from './facts.js';
import { formatForkSpread, formatOutliers, formatVsNode } from './format.js';
import { isNodeVariant } from './rows.js';
import { MISSING_CELL, type Cell, type Column } from './table-model.js';

/** A column that reads one figure of a valid row. */
export interface FactColumn {
  readonly column: Column;
  readonly cell: (result: CompletedResult) => Cell;
}

const missing = MISSING_CELL;
const OUTLIERS_HEADER = 'Outliers (Tukey, kept)';

const spreadColumn: FactColumn = {
  column: { header: 'Spread between / within processes', align: 'right' },
  cell: (r) => (r.warm?.forks ? { text: formatForkSpread(r.warm.forks), kind: 'number' } : missing),
};

const warmOutliersColumn: FactColumn = {
  column: { header: OUTLIERS_HEADER, align: 'left' },
  cell: (r) => {
    const counts = outliersOf(r.warm);
    return counts ? { text: formatOutliers(counts), kind: 'text' } : missing;
  },
};

/** Warm table: spread when some row ran in several processes, outliers when some row counted them. */
export function warmFactColumns(rows: readonly ResultRecord[]): FactColumn[] {
  const facts = intervalFacts(rows);
  return [...(facts.forks ? [spreadColumn] : []), ...(facts.warmOutliers ? [warmOutliersColumn] : [])];
}

/**
 * A row's ratio to the fastest verified Node variant when that is not node:
 * "3.52× slower [3.36–3.69] (3 processes) vs node-idiomatic"; for a non-Node
 * row without one, node was the fastest, so vs node already is it.
 */
const fastestNodeColumn: FactColumn = {
  column: { header: 'vs fastest Node variant [95% CI]', align: 'left' },
  cell: (r) => {
    const vs = r.vsFastestNode;
    if (!vs) return isNodeVariant(r.target) || !r.vsNode ? missing : { text: 'node is the fastest: as vs node', kind: 'text' };
    const kind = !isDecided(vs.verdict) ? 'undecided' : vs.verdict === 'faster' ? 'faster' : vs.verdict === 'slower' ? 'slower' : 'same';
    return { text: `${formatVsNode(vs, r.placement)} vs ${vs.baseline}`, kind };
  },
};

/** Warm table, after "vs node": the comparison with the fastest Node variant, when some row has one. */
export function fastestNodeColumns(rows: readonly ResultRecord[]): FactColumn[] {
  return intervalFacts(rows).fastestNode ? [fastestNodeColumn] : [];
}

/** The caption sentence of that column, or "" without it. */
export function fastestNodeCaption(rows: readonly ResultRecord[]): string {
  return intervalFacts(rows).fastestNode
    ? ' vs fastest Node variant: the same against the fastest verified Node variant of the size (named), paired in the same processes; verdicts are judged on it, vs node stays the same-algorithm comparison.'
    : '';
}

/** Lambda table: warm outliers (the table drops the column when no row has them). */
export function lambdaFactColumns(): FactColumn[] {
  return [warmOutliersColumn];
}

/**
 * Cold table: outliers of the time to first result, then every phase that
 * had some ("none; firstCall 2 high"), when some row counted them.
 */
export function coldFactColumns(rows: readonly ResultRecord[]): FactColumn[] {
  if (!intervalFacts(rows).coldOutliers) return [];
  return [
    {
      column: { header: OUTLIERS_HEADER, align: 'left' },
      cell: (r) => {
        const counts = coldOutliersOf(r);
        if (!counts) return missing;
        const phases = counts.phases.filter(([, c]) => c.low + c.high > 0).map(([name, c]) => `${name} ${formatOutliers(c)}`);
        const parts = [...(counts.firstResult ? [`first result ${formatOutliers(counts.firstResult)}`] : []), ...phases];
        return { text: parts.length > 0 ? parts.join('; ') : 'none', kind: 'text' };
      },
    },
  ];
}

/**
 * Sentences appended to a table's caption for the facts its rows have:
 * how medians and spreads were taken across processes, what outliers are,
 * what the basis and the undecided verdict words mean. Empty for older runs.
 */
export function factCaption(rows: readonly ResultRecord[], which: { readonly spread?: boolean; readonly outliers?: 'warm' | 'cold' } = {}): string {
  const facts = intervalFacts(rows);
  const parts: string[] = [];
  if (which.spread && facts.forks) {
    parts.push(
      'Rows measured in several processes take their median and CI across processes (per-process medians); spread: how much the per-process medians differ (between) next to ' +
        "how precisely one process pins its own median (within); between larger than within is variation one process cannot see.",
    );
  }
  if ((which.outliers === 'warm' && facts.warmOutliers) || (which.outliers === 'cold' && facts.coldOutliers)) {
    parts.push("Outliers: samples beyond Tukey's fences (1.5 IQR past the quartiles; severe: 3 IQR), judged within each process, counted and kept in every figure.");
  }
  if (facts.basis) parts.push('Each ratio names the independent processes or environments its CI rests on; a sample-level CI from one process cannot see the variation between processes.');
  if (facts.undecided) {
    parts.push(
      `Unresolved: the CI contains 1 but reaches beyond the ±${NOISE_THRESHOLD * 100}% noise band, so it shows neither a difference nor its absence; ` +
        `no verdict: too few independent units for a CI to mean something (fewer than ${MIN_PROCESSES} processes, or too few environments or samples). Neither is a win or a loss.`,
    );
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
