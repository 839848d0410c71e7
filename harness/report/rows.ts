/**
 * How reporters read results: ordering, grouping, validity, labels, and a
 * Lambda row's figures in the few shapes the tables use (from its typed
 * `lambda` block).
 */
import { compareTargets, isNodeVariant } from '../targets/display.js';
import { configurationOf, emptyProcessName, failureOf, SIZE_NAMES } from '../contract/index.js';
import type { CompletedResult, FailureKind, LambdaArch, ResultRecord, RunRecord, SizeName, UnavailableFigure } from '../contract/index.js';

export { isNodeVariant };

/**
 * The configuration a row ran under: a local row's V8 configuration
 * ("default" when unset), a Lambda row's memory and architecture
 * (`1769MB-x86_64`), as the tables' engine column shows it.
 */
export function engineOf(result: ResultRecord): string {
  return configurationOf(result);
}

/**
 * The engine of the local rows the summary and the recommendations judge:
 * `default`; in a run with Node versions as a dimension (every local row's
 * engine is `node<major>`), the newest Node major with a completed row: what
 * a team deploying to Lambda's newest Node runtime runs. The other majors
 * are shown in the workload tables, not judged.
 */
export function judgedLocalEngine(results: readonly ResultRecord[]): string {
  const local = results.filter((r) => r.placement === 'local');
  if (local.length === 0 || local.some((r) => engineOf(r) === 'default')) return 'default';
  const majors = local.filter((r) => r.state === 'completed').flatMap((r) => {
    const major = /^node(\d+)$/.exec(engineOf(r))?.[1];
    return major ? [Number(major)] : [];
  });
  return majors.length > 0 ? `node${Math.max(...majors)}` : 'default';
}

/** How a caption names the judged local engine: "default engine", or "Node 24 (engine node24)". */
export function judgedEngineText(engine: string): string {
  const major = /^node(\d+)$/.exec(engine)?.[1];
  return major ? `Node ${major} (engine ${engine}; other Node versions in the workload tables)` : engine === 'default' ? 'default engine' : `engine ${engine}`;
}

/** Lambda figures named by the results contract for `placement: "lambda"` rows (issue: Lambda runner). */
export interface LambdaFields {
  readonly memoryMB?: number;
  readonly arch?: LambdaArch;
  readonly endpoint?: string;
  readonly maxMemoryUsedMB?: number;
  readonly costPerMillionUsd?: number;
  /** Warm client round trip minus REPORT Duration, paired per invocation (`lambda.warm.overhead`). */
  readonly invokeOverhead?: { readonly medianNs: number; readonly ci95Ns: readonly [number, number] };
  /** Forced cold starts: client round trip and Init Duration, medians (`lambda.cold`). */
  readonly coldInvoke?: { readonly clientMedianNs: number; readonly initMedianNs?: number };
  /** Warm client round trip, median (`lambda.warm.client`): what an endpoint without REPORT still gives. */
  readonly warmClientMedianNs?: number;
}

/** The Lambda fields of a row that has them (any state: errored Lambda rows still say where they ran). */
export function lambdaFields(result: ResultRecord): LambdaFields {
  if (result.placement !== 'lambda') return {};
  const where = result.lambda;
  const fields: { -readonly [K in keyof LambdaFields]: LambdaFields[K] } = { memoryMB: where.memoryMB, arch: where.arch };
  if (where.endpoint !== undefined) fields.endpoint = where.endpoint;
  if (result.state !== 'completed') return fields;
  const figures = result.lambda;
  if (figures.maxMemoryUsedMB !== undefined) fields.maxMemoryUsedMB = figures.maxMemoryUsedMB.max;
  if (figures.cost !== undefined) fields.costPerMillionUsd = figures.cost.warmPerMillionUsd;
  const overhead = figures.warm.overhead;
  if (overhead !== undefined) fields.invokeOverhead = { medianNs: overhead.medianNs, ci95Ns: overhead.ci95Ns };
  const client = figures.cold.client;
  if (client !== undefined) {
    const init = figures.cold.init;
    fields.coldInvoke = init !== undefined ? { clientMedianNs: client.medianNs, initMedianNs: init.medianNs } : { clientMedianNs: client.medianNs };
  }
  if (figures.warm.client !== undefined) fields.warmClientMedianNs = figures.warm.client.medianNs;
  return fields;
}

/** Figures a completed row lacks because its endpoint does not provide them (`unavailable`). */
export function unavailableOf(result: ResultRecord): readonly UnavailableFigure[] {
  return result.state === 'completed' ? (result.unavailable ?? []) : [];
}

/**
 * What the missing APIs answered, in one phrase: "n/a from this endpoint:
 * GetFunction → HTTP 404, UpdateFunctionConfiguration → HTTP 404"; undefined
 * when nothing is missing. Capability gaps, never INVALID.
 */
export function unavailableText(result: ResultRecord): string | undefined {
  const gaps = unavailableOf(result);
  if (gaps.length === 0) return undefined;
  const prefix = 'not available from this endpoint: ';
  const own = gaps.filter((g) => g.reason.startsWith(prefix)).map((g) => g.reason.slice(prefix.length));
  const other = gaps.filter((g) => !g.reason.startsWith(prefix)).map((g) => g.reason);
  return [own.length > 0 ? `n/a from this endpoint: ${[...new Set(own)].join(', ')}` : '', ...other].filter(Boolean).join('; ');
}

function sizeRank(size: SizeName): number {
  const index = SIZE_NAMES.indexOf(size);
  return index === -1 ? SIZE_NAMES.length : index;
}

function engineRank(result: ResultRecord): string {
  // "default" first, then the other engines by name.
  const engine = engineOf(result);
  return engine === 'default' ? '' : engine;
}

/**
 * Orders rows the way every report shows them: size, then placement (local
 * first), Lambda memory and architecture, target, engine. Workload order is
 * handled by `groupByWorkload`.
 */
export function compareResults(a: ResultRecord, b: ResultRecord): number {
  const la = lambdaFields(a);
  const lb = lambdaFields(b);
  return (
    sizeRank(a.size) - sizeRank(b.size) ||
    Number(a.placement !== 'local') - Number(b.placement !== 'local') ||
    (la.memoryMB ?? 0) - (lb.memoryMB ?? 0) ||
    (la.arch ?? '').localeCompare(lb.arch ?? '') ||
    compareTargets(a.target, b.target) ||
    engineRank(a).localeCompare(engineRank(b))
  );
}

/** One workload's rows, sorted. */
export interface WorkloadGroup {
  readonly workload: string;
  readonly results: readonly ResultRecord[];
}

/** Rows grouped by workload, workloads in the order the run first lists them (the CLI's order). */
export function groupByWorkload(run: Pick<RunRecord, 'results'>): WorkloadGroup[] {
  const groups = new Map<string, ResultRecord[]>();
  for (const result of run.results) {
    const list = groups.get(result.workload) ?? [];
    list.push(result);
    groups.set(result.workload, list);
  }
  return [...groups].map(([workload, results]) => ({ workload, results: [...results].sort(compareResults) }));
}

/** A completed row whose outputs all matched: the only kind any figure or recommendation may come from. */
export function isValid(result: ResultRecord): result is CompletedResult {
  return result.state === 'completed' && result.verified;
}

/** Why a row has no figures: a wrong output (INVALID), a failure to measure (FAILED), or a combination that cannot run. */
export type GapKind = 'invalid' | 'failed' | 'unsupported';

/** A gap row's kind, reason and, for errored rows, the failure kind. */
export interface Gap {
  readonly kind: GapKind;
  readonly reason: string;
  readonly failure?: FailureKind;
}

/**
 * Why a row has no figures, or undefined when it has them. Wrong outputs
 * (and completed rows that somehow are not verified) are INVALID; other
 * failures (a crash, a timeout, an endpoint that gave no answer) are FAILED:
 * nothing was wrong, nothing was measured. Unsupported rows are gaps.
 */
export function gapReason(result: ResultRecord): Gap | undefined {
  if (result.state === 'errored') {
    const failure = failureOf(result);
    return { kind: failure === 'wrong-output' ? 'invalid' : 'failed', reason: result.error, failure };
  }
  if (result.state === 'unsupported') return { kind: 'unsupported', reason: result.error };
  if (!result.verified) return { kind: 'invalid', reason: 'outputs not verified' };
  return undefined;
}

/** The word a gap shows in a table cell: INVALID, FAILED or unsupported. */
export function gapLabel(kind: GapKind): string {
  return kind === 'invalid' ? 'INVALID' : kind === 'failed' ? 'FAILED' : 'unsupported';
}

/** "INVALID: reason", "FAILED (timeout): reason" or "unsupported: reason" for a gap row. */
export function gapText(result: ResultRecord): string | undefined {
  const gap = gapReason(result);
  if (!gap) return undefined;
  return gap.kind === 'failed' ? `FAILED (${gap.failure}): ${gap.reason}` : `${gapLabel(gap.kind)}: ${gap.reason}`;
}

/**
 * True when the run's errored rows say what kind of failure each is. Runs
 * written before that called every errored row INVALID, crashes included,
 * and their reports keep that wording.
 */
export function tellsFailuresApart(results: readonly ResultRecord[]): boolean {
  return results.some((r) => r.state === 'errored' && r.failure !== undefined);
}

/** Rows of a gap kind as "workload · size · target: reason" (FAILED ones with their failure kind), for the alerts atop a report. */
export function gapLines(results: readonly ResultRecord[], kind: 'invalid' | 'failed'): string[] {
  return results.flatMap((r) => {
    const gap = gapReason(r);
    if (gap?.kind !== kind) return [];
    return [`${r.workload} · ${r.size} · ${r.target}: ${kind === 'failed' ? `${gap.failure}: ` : ''}${gap.reason}`];
  });
}

/** What the alert atop a report says rows of a gap kind are. */
export function gapWhy(results: readonly ResultRecord[], kind: 'invalid' | 'failed'): string {
  if (kind === 'failed') return 'not measured: crashed, timed out, or the endpoint did not answer; no output was found wrong';
  return tellsFailuresApart(results) ? 'failed output verification' : 'crashed or failed output verification';
}

/** A short label of a row for charts and notes: "sha256 · small · wasm", plus engine and Lambda config when set. */
export function rowLabel(result: ResultRecord, withWorkload = true): string {
  const parts = withWorkload ? [result.workload, result.size, result.target] : [result.size, result.target];
  if (engineOf(result) !== 'default') parts.push(engineOf(result));
  if (result.placement !== 'local') {
    const lambda = lambdaFields(result);
    parts.push([result.placement, lambda.memoryMB !== undefined ? `${lambda.memoryMB} MB` : '', lambda.arch ?? ''].filter(Boolean).join(' '));
  }
  return parts.join(' · ');
}

/**
 * Cold-start phase names across rows, merged so each row's own order (the
 * order its child ran them) is kept: a phase first seen in a later row goes
 * right after the phase that precedes it there. node [processStart, import,
 * firstCall] and wasm [processStart, read, compile, instantiate, firstCall]
 * give processStart, read, compile, instantiate, import, firstCall.
 */
export function phaseNames(results: readonly ResultRecord[]): string[] {
  const names: string[] = [];
  for (const result of results) {
    if (result.state !== 'completed' || !result.cold) continue;
    let previous = -1;
    for (const name of Object.keys(result.cold.phases)) {
      const at = names.indexOf(name);
      if (at === -1) {
        names.splice(previous + 1, 0, name);
        previous += 1;
      } else {
        previous = at;
      }
    }
  }
  return names;
}

/** Whether any row ran under an engine configuration other than the default (then tables show an engine column). */
export function hasEngines(results: readonly ResultRecord[]): boolean {
  return results.some((result) => engineOf(result) !== 'default');
}

/** A baseline process entry as reporters understand it: a median time with optional p99, CI and sample count. */
export interface BaselineFigure {
  readonly name: string;
  readonly medianNs: number;
  readonly p99Ns?: number;
  readonly ci95Ns?: readonly [number, number];
  readonly samples?: number;
}

/**
 * The run's empty-process baselines that completed, by name
 * (`emptyProcess/<engine>`): spawn to first result, the figure a cold row's
 * own startup is read against.
 */
export function baselineFigures(run: Pick<RunRecord, 'baselines'>): BaselineFigure[] {
  return (run.baselines?.emptyProcess ?? []).flatMap((baseline) => {
    if (baseline.state !== 'completed') return [];
    const t = baseline.cold.timeToFirstResult;
    return [{ name: emptyProcessName(baseline), medianNs: t.medianNs, p99Ns: t.p99Ns, ci95Ns: t.ci95Ns, samples: t.samples }];
  });
}

/**
 * What a reader must know about one workload's rows, as sentences: each row's
 * notes and the reasons of failed cold samples, labelled with the row.
 */
export function workloadNotes(results: readonly ResultRecord[]): string[] {
  const notes: string[] = [];
  for (const result of results) {
    const label = rowLabel(result, false);
    for (const note of result.notes ?? []) notes.push(`${label}: ${note}`);
    if (result.state === 'completed' && result.cold && result.cold.failedSamples > 0) {
      const reasons = result.cold.failures ?? [];
      notes.push(
        `${label}: ${result.cold.failedSamples} cold sample(s) failed and are not averaged in` +
          (reasons.length > 0 ? ` (${reasons.join('; ')})` : ''),
      );
    }
  }
  return notes;
}
