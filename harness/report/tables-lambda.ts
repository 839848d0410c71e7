/**
 * The AWS Lambda tables of one workload, for report.md and report.html
 * (through the shared table model): what a Lambda run measured, as complete
 * for a reader as the local tables are (issue 13, item 4).
 *
 * - Warm invocations: REPORT Duration (what Lambda bills by) and the client
 *   round trip, each median with its 95% CI and what the CI rests on, the
 *   ratio to node, Max Memory Used, $ per million invocations of each memory
 *   × architecture, and the Power Tuning pick(s) each configuration earned.
 * - Forced cold starts: Init Duration (median, CI, how many starts), the
 *   client round trip of the cold invocation, the cold ratio to node with its
 *   CI, and what a million invocations would cost if every one started cold.
 *
 * A figure the endpoint does not provide is "n/a" (the status names the API
 * that answered what); a figure nobody measured is "—"; a row whose output
 * was wrong shows INVALID and no figure.
 */
import type { ResultRecord } from '../contract/index.js';
import { formatDuration, formatDurationWithCi, formatSamples, formatUsd } from './format.js';
import { factCaption, lambdaFactColumns } from './fact-columns.js';
import { hasForcedColdStarts, lambdaFigures, type LambdaStat } from './lambda-figures.js';
import { isValid, lambdaFields, unavailableOf, unavailableText } from './rows.js';
// tables.ts imports this file too: nothing from it may be used at module load, only inside functions.
import { dropEmptyColumns, gapCell, leftColumn, MISSING_CELL, numberCell, rightColumn, statusCell, textCell, verdictCell, type Cell, type Column, type Table } from './table-model.js';
import { isBaseline } from '../targets/display.js';

const text = textCell;
const num = numberCell;
const missing = MISSING_CELL;
const notAvailable: Cell = { text: 'n/a', kind: 'missing' };
/** A cold ratio a run did not record (runs from before cold ratios), though it has the forced cold starts. */
const NOT_RECORDED = 'not recorded in this run';
const left = leftColumn;
const right = rightColumn;

/** Identity and configuration: size, target, memory, architecture, and the endpoint when rows ran on more than one. */
function configCells(result: ResultRecord, withEndpoint: boolean): Cell[] {
  const lambda = lambdaFields(result);
  return [
    text(result.size),
    text(result.target),
    lambda.memoryMB === undefined ? missing : num(`${lambda.memoryMB} MB`),
    lambda.arch === undefined ? missing : text(lambda.arch),
    ...(withEndpoint ? [lambda.endpoint === undefined ? missing : text(lambda.endpoint)] : []),
  ];
}

function configColumns(withEndpoint: boolean): Column[] {
  return [left('Size'), left('Target'), right('Memory'), left('Arch'), ...(withEndpoint ? [left('Endpoint')] : [])];
}

/** The endpoints the rows ran on: one goes into the caption, several get a column. */
function endpointsOf(rows: readonly ResultRecord[]): string[] {
  return [...new Set(rows.flatMap((r) => lambdaFields(r).endpoint ?? []))];
}

function endpointSentence(endpoints: readonly string[]): string {
  return endpoints.length === 1 ? ` Endpoint: ${endpoints[0]}.` : '';
}

const statCell = (stat: LambdaStat | undefined, absent: Cell): Cell => (stat ? num(formatDurationWithCi(stat.medianNs, stat.ci95Ns)) : absent);

/** "5 environments, 50 invocations" (a run that recorded environments) or "100 invocations" (one that did not). */
function warmBasis(result: ResultRecord): string | undefined {
  const figures = lambdaFigures(result);
  const invocations = figures.warmInvocations ?? (isValid(result) ? result.warm?.samples : undefined);
  const parts = [
    ...(figures.environments !== undefined ? [`${figures.environments} environment${figures.environments === 1 ? '' : 's'}`] : []),
    ...(invocations !== undefined ? [`${invocations} invocation${invocations === 1 ? '' : 's'}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The status cell, with the endpoint's missing APIs when it lacks some. */
function statusWithGaps(result: ResultRecord): Cell {
  const gaps = unavailableText(result);
  return gaps === undefined ? statusCell(result) : text(`${statusCell(result).text}; ${gaps}`);
}

/** Warm invocations of one workload's Lambda rows, or undefined without Lambda rows. */
export function lambdaWarmTable(results: readonly ResultRecord[]): Table | undefined {
  const rows = results.filter((r) => r.placement === 'lambda');
  if (rows.length === 0) return undefined;
  const endpoints = endpointsOf(rows);
  const withEndpoint = endpoints.length > 1;
  const facts = lambdaFactColumns();
  const figureCount = 7 + facts.length;
  const anyPicks = rows.some((r) => lambdaFigures(r).picks.length > 0);
  const columns = [
    ...configColumns(withEndpoint),
    right('Duration [95% CI]'),
    right('Client round trip [95% CI]'),
    left('Basis'),
    left('vs node [95% CI]'),
    right('Max memory used'),
    right('$ per 1M invocations'),
    left('Power Tuning pick'),
    ...facts.map((f) => f.column),
    left('Status'),
  ];
  const cells = rows.map((r): Cell[] => {
    const config = configCells(r, withEndpoint);
    if (!isValid(r)) return [...config, gapCell(r), ...Array<Cell>(figureCount - 1).fill(missing), statusCell(r)];
    const lambda = lambdaFields(r);
    const figures = lambdaFigures(r);
    // A figure the endpoint does not provide is n/a (the status says which API answered what), not INVALID.
    const absent = unavailableText(r) === undefined ? missing : notAvailable;
    const basis = warmBasis(r);
    return [
      ...config,
      r.warm ? num(formatDurationWithCi(r.warm.medianNs, r.warm.ci95Ns)) : absent,
      // Older rows may carry a median without its interval: the median alone, rather than nothing.
      figures.warmClient ? statCell(figures.warmClient, absent) : lambda.warmClientMedianNs !== undefined ? num(formatDuration(lambda.warmClientMedianNs)) : absent,
      basis ? text(basis) : missing,
      r.vsNode || isBaseline(r.target) ? verdictCell(r, 'vsNode') : absent,
      lambda.maxMemoryUsedMB === undefined ? absent : num(`${lambda.maxMemoryUsedMB} MB`),
      lambda.costPerMillionUsd === undefined ? absent : num(formatUsd(lambda.costPerMillionUsd)),
      // "none" only in a run that recorded picks: a row of a run without them has nothing to say.
      figures.picks.length > 0 ? text(figures.picks.join(', ')) : anyPicks && r.warm ? text('none') : absent,
      ...facts.map((f) => f.cell(r)),
      statusWithGaps(r),
    ];
  });
  return {
    title: 'AWS Lambda: warm invocations',
    caption:
      'Duration: REPORT Duration, what Lambda measures and bills by; its median and CI are taken across execution environments where the run recorded them ' +
      "(each environment's median one value), and vs node compares it with node at the same memory and architecture. " +
      'Client round trip: the SDK call as the caller sees it, over every warm invocation pooled. Basis: the environments and invocations behind these figures. ' +
      'Max memory used: the highest REPORT Max Memory Used. $ per 1M invocations: request fee plus median Billed Duration at the memory and architecture price of the run\'s pricing table. ' +
      'Power Tuning pick: which configuration of the target is the cheapest, the fastest, or the balanced choice (0.5 × cost/max cost + 0.5 × duration/max duration) among those measured.' +
      endpointSentence(endpoints) +
      ' The SDK overhead (round trip minus Duration) and Billed Duration are in results.csv.' +
      factCaption(rows, { outliers: 'warm' }),
    ...dropEmptyColumns(columns, cells, configColumns(withEndpoint).length),
  };
}

/** True when some Lambda row lacks cold figures because its endpoint cannot force a new environment or send REPORT. */
function coldUnavailable(result: ResultRecord): boolean {
  return unavailableOf(result).some((gap) => gap.figures.some((figure) => /cold|REPORT/i.test(figure)));
}

/**
 * Forced cold starts of one workload's Lambda rows: absent when no row has
 * any and no endpoint lacked the means to force them.
 */
export function lambdaColdTable(results: readonly ResultRecord[]): Table | undefined {
  const rows = results.filter((r) => r.placement === 'lambda');
  if (!rows.some((r) => hasForcedColdStarts(r) || coldUnavailable(r))) return undefined;
  const endpoints = endpointsOf(rows);
  const withEndpoint = endpoints.length > 1;
  const columns = [
    ...configColumns(withEndpoint),
    right('Init Duration [95% CI]'),
    right('Cold invoke round trip [95% CI]'),
    right('Forced cold starts'),
    left('vs node, Init + Duration [95% CI]'),
    right('$ per 1M, every invocation cold'),
    left('Status'),
  ];
  const cells = rows.map((r): Cell[] => {
    const config = configCells(r, withEndpoint);
    if (!isValid(r)) return [...config, gapCell(r), ...Array<Cell>(4).fill(missing), statusCell(r)];
    const figures = lambdaFigures(r);
    const absent = coldUnavailable(r) ? notAvailable : missing;
    const samples = figures.coldSamples !== undefined && (figures.coldSamples > 0 || figures.coldDropped) ? figures.coldSamples : undefined;
    return [
      ...config,
      statCell(figures.coldInit, absent),
      statCell(figures.coldClient, absent),
      samples === undefined ? absent : num(formatSamples(samples) + (figures.coldDropped ? ` (+${figures.coldDropped} served warm, dropped)` : '')),
      r.coldVsNode || (isBaseline(r.target) && hasForcedColdStarts(r))
        ? verdictCell(r, 'coldVsNode')
        : // Runs before cold ratios were recorded have the starts but no ratio: said so, not left as a bare dash.
          hasForcedColdStarts(r) ? { text: NOT_RECORDED, kind: 'missing' } : absent,
      figures.coldCostPerMillionUsd === undefined ? absent : num(formatUsd(figures.coldCostPerMillionUsd)),
      statusWithGaps(r),
    ];
  });
  return {
    title: 'AWS Lambda: forced cold starts',
    caption:
      'Each forced cold start is a new execution environment (a configuration change, then the timed invocation). Init Duration: REPORT Init Duration, median with its 95% CI over the forced starts. ' +
      'Cold invoke round trip: the SDK call of that first invocation as the caller sees it. vs node compares Init Duration + Duration with node at the same memory and architecture; ' +
      'too few starts give no verdict.' +
      (cells.some((row) => row.some((cell) => cell.text === NOT_RECORDED)) ? ` "${NOT_RECORDED}": a run from before cold ratios were recorded, so compare the Init Duration columns.` : '') +
      ' $ per 1M, every invocation cold: median Billed Duration of the cold invocations (INIT included), as an upper bound on cost.' +
      endpointSentence(endpoints) +
      factCaption(rows.filter((r) => isValid(r) && r.coldVsNode !== undefined)),
    ...dropEmptyColumns(columns, cells, configColumns(withEndpoint).length),
  };
}

/** Every Lambda table of one workload, in reading order. */
export function lambdaTables(results: readonly ResultRecord[]): Table[] {
  return [lambdaWarmTable(results), lambdaColdTable(results)].filter((table): table is Table => table !== undefined);
}
