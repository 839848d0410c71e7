/**
 * How reporters read results: ordering, grouping, validity, labels, and the
 * placement-specific fields that arrive later through CompletedResult's index
 * signature (read defensively: a field of the wrong type counts as absent).
 */
import { compareTargets, isNodeVariant } from '../targets/display.js';
import { failureOf, SIZE_NAMES } from '../types.js';
import type { CompletedResult, FailureKind, ResultRecord, RunRecord, SizeName, UnavailableFigure } from '../types.js';

export { isNodeVariant };

/** The engine configuration a row ran under; warm rows usually leave it unset. */
export function engineOf(result: ResultRecord): string {
  return result.engine ?? 'default';
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
  const majors = local.filter((r) => r.status === 'completed').flatMap((r) => {
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
  readonly arch?: string;
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

function numberField(result: ResultRecord, key: string): number | undefined {
  const value = (result as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringField(result: ResultRecord, key: string): string | undefined {
  const value = (result as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The Lambda fields of a row that has them (any status: errored Lambda rows still say where they ran). */
export function lambdaFields(result: ResultRecord): LambdaFields {
  const fields: { -readonly [K in keyof LambdaFields]: LambdaFields[K] } = {};
  const memoryMB = numberField(result, 'memoryMB');
  const arch = stringField(result, 'arch');
  const endpoint = stringField(result, 'endpoint');
  if (memoryMB !== undefined) fields.memoryMB = memoryMB;
  if (arch !== undefined) fields.arch = arch;
  if (endpoint !== undefined) fields.endpoint = endpoint;
  if (result.status === 'completed') {
    const used = numberField(result, 'maxMemoryUsedMB');
    const cost = numberField(result, 'costPerMillionUsd');
    if (used !== undefined) fields.maxMemoryUsedMB = used;
    if (cost !== undefined) fields.costPerMillionUsd = cost;
    const overhead = invokeOverheadOf(result);
    if (overhead !== undefined) fields.invokeOverhead = overhead;
    const cold = coldInvokeOf(result);
    if (cold !== undefined) fields.coldInvoke = cold;
    const client = lambdaBlock(result)?.warm?.client?.medianNs;
    if (typeof client === 'number') fields.warmClientMedianNs = client;
  }
  return fields;
}

/** Figures a completed row lacks because its endpoint does not provide them (`unavailable`); entries of the wrong shape are skipped. */
export function unavailableOf(result: ResultRecord): UnavailableFigure[] {
  const list = result.status === 'completed' ? result.unavailable : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((u): u is UnavailableFigure => typeof u?.api === 'string' && typeof u?.reason === 'string' && Array.isArray(u?.figures));
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

/** The row's `lambda` block as the runner writes it (lambda/measure/summary.ts); every field checked before use. */
interface LambdaBlock {
  readonly warm?: { readonly overhead?: { readonly medianNs?: unknown; readonly ci95Ns?: unknown }; readonly client?: { readonly medianNs?: unknown } };
  readonly cold?: { readonly client?: { readonly medianNs?: unknown }; readonly init?: { readonly medianNs?: unknown } };
}

const lambdaBlock = (result: ResultRecord): LambdaBlock | undefined => (result as Record<string, unknown>)['lambda'] as LambdaBlock | undefined;

function coldInvokeOf(result: ResultRecord): LambdaFields['coldInvoke'] {
  const cold = lambdaBlock(result)?.cold;
  const client = cold?.client?.medianNs;
  if (typeof client !== 'number') return undefined;
  const init = cold?.init?.medianNs;
  return typeof init === 'number' ? { clientMedianNs: client, initMedianNs: init } : { clientMedianNs: client };
}

function invokeOverheadOf(result: ResultRecord): LambdaFields['invokeOverhead'] {
  const overhead = lambdaBlock(result)?.warm?.overhead;
  const ci = overhead?.ci95Ns;
  if (typeof overhead?.medianNs !== 'number' || !Array.isArray(ci) || typeof ci[0] !== 'number' || typeof ci[1] !== 'number') return undefined;
  return { medianNs: overhead.medianNs, ci95Ns: [ci[0], ci[1]] };
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
  return result.status === 'completed' && result.verified;
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
  if (result.status === 'errored') {
    const failure = failureOf(result);
    return { kind: failure === 'wrong-output' ? 'invalid' : 'failed', reason: result.error, failure };
  }
  if (result.status === 'unsupported') return { kind: 'unsupported', reason: result.error };
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
  return results.some((r) => r.status === 'errored' && r.failure !== undefined);
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
    if (result.status !== 'completed' || !result.cold) continue;
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

function asPhase(value: unknown): Omit<BaselineFigure, 'name'> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['medianNs'] !== 'number') {
    // A ColdStats-like block (read its spawn-to-first-result figures), or a summary holding one under `cold`.
    if (record['timeToFirstResult'] !== undefined) return asPhase(record['timeToFirstResult']);
    return record['cold'] !== undefined ? asPhase(record['cold']) : undefined;
  }
  const ci = record['ci95Ns'];
  const figure: { medianNs: number; p99Ns?: number; ci95Ns?: readonly [number, number]; samples?: number } = { medianNs: record['medianNs'] };
  if (typeof record['p99Ns'] === 'number') figure.p99Ns = record['p99Ns'];
  if (Array.isArray(ci) && ci.length === 2 && ci.every((v) => typeof v === 'number')) figure.ci95Ns = [ci[0] as number, ci[1] as number];
  if (typeof record['samples'] === 'number') figure.samples = record['samples'];
  return figure;
}

/**
 * The run's baseline processes (e.g. an empty node process) that carry a
 * median time: directly (PhaseStats), as `timeToFirstResult` (ColdStats), or
 * as `cold.timeToFirstResult` (a cold summary). Other entries are left to run.json.
 */
export function baselineFigures(run: RunRecord): BaselineFigure[] {
  return Object.entries(run.baselines ?? {}).flatMap(([name, value]) => {
    const figure = asPhase(value);
    return figure ? [{ name, ...figure }] : [];
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
    if (result.status === 'completed' && result.cold && result.cold.failedSamples > 0) {
      const reasons = result.cold.failures ?? [];
      notes.push(
        `${label}: ${result.cold.failedSamples} cold sample(s) failed and are not averaged in` +
          (reasons.length > 0 ? ` (${reasons.join('; ')})` : ''),
      );
    }
  }
  return notes;
}
