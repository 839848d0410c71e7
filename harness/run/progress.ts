/**
 * The run's progress: which groups are planned and finished, and the raw
 * samples of the groups not finished yet. Modes ask it whether a group is
 * finished (a resumed run skips it) and tell it when one finishes; what it
 * holds goes into run.json at every checkpoint, so a run that stops keeps
 * every sample it took, and a report can say how far it got.
 *
 * A group is the unit a mode summarises into rows: one warm workload x size,
 * the whole cold mode (its samples are interleaved across every item in
 * seeded rounds), one Lambda workload x size.
 */
import type { BenchOptions } from './options.js';
import { isDimension, nodeEngine } from '../node-builds/select.js';
import type { ColdSample, KeptColdSample, PendingLambdaFunction, RunProgress, RunRecord } from '../contract/index.js';

/** Id of a warm group (with the Node engine, `node22`, when Node versions are a dimension of the run). */
export const warmGroup = (workload: string, size: string, engine?: string): string => `warm/${workload}/${size}${engine ? `/${engine}` : ''}`;
/** Id of the cold mode (one group: its rounds interleave every item). */
export const COLD_GROUP = 'cold';
/** Id of a Lambda group. */
export const lambdaGroup = (workload: string, size: string): string => `lambda/${workload}/${size}`;

/** Every group the options ask for, in run order. */
export function plannedGroups(options: BenchOptions): string[] {
  const groups: string[] = [];
  const local = options.placements.includes('local');
  const engines = isDimension(options.node) ? (options.node ?? []).map(nodeEngine) : [undefined];
  if (local && options.timeMs > 0) for (const w of options.workloads) for (const s of options.sizes) for (const e of engines) groups.push(warmGroup(w, s, e));
  if (local && options.coldSamples > 0) groups.push(COLD_GROUP);
  if (options.placements.includes('lambda')) {
    const { sizes } = options.lambda;
    for (const w of options.workloads) for (const s of sizes) groups.push(lambdaGroup(w, s));
  }
  return groups;
}

/** A cold sample as run.json keeps it while the cold mode is unfinished: repeated fields dropped, call times rounded to 0.1 ns. */
export function compactColdSample(sample: ColdSample): KeptColdSample {
  if (sample.state === 'errored') {
    const { argv: _argv, envRemoved: _envRemoved, ...kept } = sample;
    return kept;
  }
  const { argv: _argv, envRemoved: _envRemoved, node: _node, v8: _v8, execArgv: _execArgv, ...kept } = sample;
  return { ...kept, callsNs: sample.callsNs.map((ns) => Math.round(ns * 10) / 10) };
}

/** A kept cold sample back as a ColdSample (the dropped fields were not used by summaries). */
export function restoreColdSample(kept: KeptColdSample): ColdSample {
  return kept.state === 'completed' ? { argv: [], envRemoved: [], node: '', v8: '', execArgv: [], ...kept } : { argv: [], envRemoved: [], ...kept };
}

/**
 * A cold line of samples.jsonl as a ColdSample: lines written before the
 * contract's version 2 name the outcome `status`, as version-1 run.json did.
 */
function journalColdSample(record: Readonly<Record<string, unknown>>): ColdSample {
  const { runId: _runId, kind: _kind, status, ...sample } = record;
  return { ...(status !== undefined ? { state: status } : {}), ...sample } as unknown as ColdSample;
}

/** Live progress of one run (or of a resumed run, starting from what it recorded). */
export class ProgressTracker {
  readonly planned: readonly string[];
  readonly #finished: Set<string>;
  /** Cold samples taken so far by an unfinished cold mode (restored ones first). */
  coldSamples: ColdSample[];
  #lambda: { group: string; functions: () => Readonly<Record<string, PendingLambdaFunction>> } | undefined;

  /** Starts from `recorded` (a resumed run) or from nothing. */
  constructor(planned: readonly string[], recorded?: RunProgress) {
    this.planned = planned;
    this.#finished = new Set(recorded?.finished ?? []);
    this.coldSamples = (recorded?.coldSamples ?? []).map(restoreColdSample);
  }

  /** True when the group was finished (by this process or before a resume). */
  isFinished(group: string): boolean {
    return this.#finished.has(group);
  }

  /** Marks a group finished; its pending samples are dropped (they are in rows and samples.jsonl now). */
  finish(group: string): void {
    this.#finished.add(group);
    if (group === COLD_GROUP) this.coldSamples = [];
    if (this.#lambda?.group === group) this.#lambda = undefined;
  }

  /** Registers the Lambda group being measured; `functions` serialises its samples so far (called at each checkpoint). */
  lambdaInProgress(group: string, functions: () => Readonly<Record<string, PendingLambdaFunction>>): void {
    this.#lambda = { group, functions };
  }

  /** Finished group ids, in plan order (unknown ones last). */
  finished(): string[] {
    return [...this.planned.filter((g) => this.#finished.has(g)), ...[...this.#finished].filter((g) => !this.planned.includes(g))];
  }

  /** What run.json records now. */
  snapshot(): RunProgress {
    return {
      planned: [...this.planned],
      finished: this.finished(),
      ...(this.coldSamples.length > 0 ? { coldSamples: this.coldSamples.map(compactColdSample) } : {}),
      ...(this.#lambda ? { lambdaGroup: { group: this.#lambda.group, functions: this.#lambda.functions() } } : {}),
    };
  }
}

/**
 * Folds into `run` the cold samples that samples.jsonl holds and run.json
 * does not: run.json is rewritten at most once a second while cold samples
 * arrive, so after a SIGKILL the last ones are only in samples.jsonl (lines
 * of this run id, by sequence). Used by the guardian and by --resume; a run
 * whose cold mode finished, or did not start, is returned unchanged.
 */
export function withJournalColdSamples(run: RunRecord, samplesJsonl: string): RunRecord {
  const p = run.progress;
  if (!p || !p.planned.includes(COLD_GROUP) || p.finished.includes(COLD_GROUP)) return run;
  const kept = [...(p.coldSamples ?? [])];
  const have = new Set<unknown>(kept.map((s) => s.sequence));
  for (const line of samplesJsonl.split('\n')) {
    if (!line.trim()) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line cut by the kill
    }
    if (record['runId'] !== run.runId || record['kind'] !== 'cold' || typeof record['sequence'] !== 'number' || have.has(record['sequence'])) continue;
    kept.push(compactColdSample(journalColdSample(record)));
    have.add(record['sequence']);
  }
  if (kept.length === (p.coldSamples?.length ?? 0)) return run;
  kept.sort((a, b) => a.sequence - b.sequence);
  return { ...run, progress: { ...p, coldSamples: kept } };
}
