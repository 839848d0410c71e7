/**
 * The `local` placement's warm mode: steady-state figures from several
 * fresh processes per workload × size ("forks"), each interleaving every
 * target of the group in-process.
 *
 * Why processes: what varies between processes (JIT decisions, code layout,
 * GC state) is several times larger than what varies inside one, so an
 * interval from one process claims far more certainty than a rerun
 * confirms. The process is the unit of replication (stats/replicated.ts).
 *
 * Schedule: the minimum number of forks round-robin over the groups, each
 * round in a new seeded order, so every group's processes span the whole
 * warm phase (and whatever the machine did meanwhile). Then, while time
 * remains in the resolve budget, one more fork per round for every group
 * whose verdict is still unresolved, up to the ceiling (tachometer's rule).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTROL_ENTRIES, judgeCalibration } from '../controls/calibration.js';
import { describeForks } from '../stats/replicated.js';
import { ratioToBaseline } from '../stats/vs-baseline.js';
import { createRng, shuffled } from '../stats/rng.js';
import { BASELINE_TARGET, findTarget, nodeVariants } from '../targets/index.js';
import { runFork, type ForkLauncher } from '../warm/forks.js';
import type { ForkJob } from '../warm/fork-job.js';
import { versionFields } from '../node-builds/select.js';
import type { RunContext } from './context.js';
import { competingCores, readCpu } from './competing-load.js';
import { prepareControlGroup, prepareWarmGroups, rowKey, type WarmForkGroup } from './warm-groups.js';
import type { CompletedResult, TargetAdapter, TargetName, VsBaseline } from '../contract/index.js';

/** A fork that takes longer than this is killed and its entries fail (a hung target, not a slow one). */
export const FORK_TIMEOUT_MS = 10 * 60_000;

/** Runs the warm benchmark in forks and fills the result table (and the run's calibration). */
export async function runLocalWarm(context: RunContext, forkLauncher: ForkLauncher = { timeoutMs: FORK_TIMEOUT_MS }): Promise<void> {
  const { options, sink } = context;
  // An interruption kills the fork in flight (its process group gets Ctrl-C anyway; a SIGTERM to the bench would not reach it).
  const launcher: ForkLauncher = {
    register: (kill) => context.cleanup.add(async () => kill()),
    ...forkLauncher,
  };
  const dir = mkdtempSync(join(tmpdir(), 'wlb-warm-'));
  try {
    sink.progress({ phase: 'warm', kind: 'step', label: 'preparing inputs and expected outputs' });
    const groups = await prepareWarmGroups(context, dir);
    if (options.controls) groups.push(await prepareControlGroup(context, dir));
    if (groups.length === 0) {
      sink.progress({ phase: 'warm', kind: 'end', label: 'nothing left to measure' });
      return;
    }
    const rng = createRng(options.seed);
    // Rows already failed in the table: publishing runs after every round, and a second fail() would repeat the reason.
    const failedRows = new Set<string>();
    // Planned processes: the minimum per group first; while resolving, what the open groups could still take (the budget caps the estimate).
    let planned = groups.length * options.forks;
    let done = 0;
    // Per fork: cores' worth of CPU other work took while it measured.
    const competing: number[] = [];
    const forkOnce = async (group: WarmForkGroup, fork: number, stage: string, budgetLeftMs?: number): Promise<void> => {
      const live = group.tally.live();
      if (live.length === 0) return;
      sink.progress({ phase: 'warm', kind: 'work', done, planned, label: `${stage}${group.label} · process ${fork + 1}`, ...(budgetLeftMs !== undefined ? { budgetLeftMs } : {}) });
      const job: ForkJob = { ...group.job, entries: group.entries.filter((e) => live.includes(e.name)), seed: options.seed * 1009 + fork };
      const jobPath = join(dir, `job-${group.id.replaceAll('/', '_')}.json`);
      writeFileSync(jobPath, JSON.stringify(job));
      const before = readCpu();
      const run = await runFork(jobPath, group.build ? { ...launcher, nodePath: group.build.path } : launcher);
      const after = readCpu();
      if (before && after) competing.push(competingCores(before, after));
      group.tally.record(run, live);
      if (run.state === 'completed') recordSamples(context, group, fork, live);
      done += 1;
    };

    for (let fork = 0; fork < options.forks; fork++) {
      for (const group of shuffled(groups, rng)) await forkOnce(group, fork, '');
      publish(context, groups, failedRows);
      sink.checkpoint();
    }
    const extraStarted = Date.now();
    const budgetLeftMs = (): number => options.resolveBudgetMs - (Date.now() - extraStarted);
    for (let fork = options.forks; fork < options.maxForks && budgetLeftMs() > 0; fork++) {
      const open = groups.filter((g) => unresolved(g));
      if (open.length === 0) break;
      planned = done + open.length * (options.maxForks - fork);
      for (const group of shuffled(open, rng)) {
        if (budgetLeftMs() <= 0) break;
        await forkOnce(group, fork, `resolving ${open.length} unresolved · `, budgetLeftMs());
      }
      publish(context, groups, failedRows);
      sink.checkpoint();
    }
    const stillOpen = groups.filter((g) => unresolved(g));
    if (stillOpen.length > 0) {
      sink.note(`${stillOpen.length} warm group(s) stayed unresolved after ${options.maxForks} processes or the ${Math.round(options.resolveBudgetMs / 1000)} s resolve budget: ${stillOpen.map((g) => g.label).join(', ')}`);
    }
    const note = busyNote(competing);
    if (note) sink.note(note);
    for (const group of groups) if (!group.control) context.progress.finish(group.id);
    publish(context, groups, failedRows);
    sink.progress({ phase: 'warm', kind: 'end', label: `${done} processes` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Raw samples of one fork, one line per entry (summaries can be recomputed from them). */
function recordSamples(context: RunContext, group: WarmForkGroup, fork: number, live: readonly string[]): void {
  for (const name of live) {
    const forks = group.tally.forks(name);
    const samples = forks[forks.length - 1];
    if (!samples) continue;
    const where = group.control
      ? { control: name, workload: group.workload, size: group.size }
      : { workload: group.workload, target: name, placement: 'local' as const, size: group.size, ...(group.engine ? { engine: group.engine } : {}) };
    context.sink.samples({ kind: 'warm', ...where, fork, callsPerSample: group.tally.callsPerSample(name), samplesNs: Array.from(samples) });
  }
}

/** The comparisons of a group against its baseline entry (node, or the controls' base entry). */
function comparisons(group: WarmForkGroup): Map<string, VsBaseline> {
  const baseName = group.control ? CONTROL_ENTRIES.base : BASELINE_TARGET;
  const base = group.tally.forks(baseName);
  const out = new Map<string, VsBaseline>();
  if (base.length === 0) return out;
  for (const name of group.tally.live()) {
    if (name === baseName) continue;
    out.set(name, ratioToBaseline({ design: 'paired-units', unit: 'process', candidate: group.tally.forks(name), baseline: base }));
  }
  return out;
}

/**
 * Each non-Node entry's paired ratio to the fastest Node variant of the group
 * (lowest warm median among the Node variants' entries still measured, i.e.
 * verified so far), when that variant is not the baseline: against `node`
 * the row's vsNode already is this comparison. Every entry of a group ran
 * in every process, so the per-process pairing holds as it does for vsNode.
 */
function fastestNodeComparisons(group: WarmForkGroup): Map<string, NonNullable<CompletedResult['vsFastestNode']>> {
  const out = new Map<string, NonNullable<CompletedResult['vsFastestNode']>>();
  if (group.control) return out;
  const nodeSide = nodeVariants();
  const isVariant = (target: TargetName): boolean => nodeSide.includes(target);
  // Each variant's median once (a summary sorts every sample), then the lowest.
  const variants = group.entries
    .filter((e) => isVariant(e.target) && group.tally.forks(e.name).length > 0)
    .map((entry) => ({ entry, medianNs: describeForks(group.tally.forks(entry.name)).medianNs }));
  const fastest = variants.sort((a, b) => a.medianNs - b.medianNs)[0]?.entry;
  if (!fastest || fastest.target === BASELINE_TARGET) return out;
  const base = group.tally.forks(fastest.name);
  for (const entry of group.entries) {
    const forks = group.tally.forks(entry.name);
    if (isVariant(entry.target) || forks.length === 0) continue;
    out.set(entry.name, { ...ratioToBaseline({ design: 'paired-units', unit: 'process', candidate: forks, baseline: base }), baseline: fastest.target });
  }
  return out;
}

/** True when a comparison of the group still needs processes to reach a verdict. */
function unresolved(group: WarmForkGroup): boolean {
  // Both comparisons a verdict reads: against node, and against the fastest Node variant when that is another one.
  const all = [...comparisons(group).values(), ...fastestNodeComparisons(group).values()];
  return all.some((vs) => vs.verdict === 'unresolved' || vs.verdict === 'too-few-samples');
}

/** Writes the rows (and the calibration) as they stand; a failed row is failed once (`failedRows` remembers it). */
function publish(context: RunContext, groups: readonly WarmForkGroup[], failedRows: Set<string>): void {
  for (const group of groups) {
    const vs = comparisons(group);
    const vsFastest = fastestNodeComparisons(group);
    if (group.control) {
      const aa = vs.get(CONTROL_ENTRIES.again);
      const planted = vs.get(CONTROL_ENTRIES.planted);
      const failed = group.entries.map((e) => group.tally.failure(e.name)).find((f) => f !== undefined);
      if (aa && planted && group.expectedRatio !== undefined) context.sink.calibration?.(judgeCalibration(aa, planted, group.expectedRatio));
      else if (failed) context.sink.note(`the calibration controls could not be measured: ${failed.error}`);
      continue;
    }
    for (const entry of group.entries) {
      const key = rowKey(group.workload, entry.name, group.size, group.engine);
      const versions = group.build ? versionFields(group.build) : {};
      const failure = group.tally.failure(entry.name);
      if (failure) {
        if (failedRows.has(`${group.id}|${entry.name}`)) continue;
        failedRows.add(`${group.id}|${entry.name}`);
        const target = findTarget(entry.target) as TargetAdapter;
        context.table.fail(key, failure.error, failure.failure, { build: target.buildInfo(catalogEntry(context, group)), ...versions });
        continue;
      }
      const forks = group.tally.forks(entry.name);
      if (forks.length === 0) continue;
      const target = findTarget(entry.target) as TargetAdapter;
      const workload = catalogEntry(context, group);
      const notes = target.notes?.(workload);
      const memory = group.tally.wasmMemoryBytes(entry.name);
      const vsNode = vs.get(entry.name);
      const vsFastestNode = vsFastest.get(entry.name);
      context.table.complete(key, {
        ...versions,
        verifiedAgainst: group.verifiedAgainst,
        build: target.buildInfo(workload),
        ...(notes && notes.length > 0 ? { notes } : {}),
        warm: { ...describeForks(forks), callsPerSample: group.tally.callsPerSample(entry.name) },
        ...(vsNode ? { vsNode } : {}),
        // Written even when undefined: complete() merges, and a comparison from an earlier round must go when its Node variant failed since.
        vsFastestNode,
        warmChecks: group.tally.checked(entry.name),
        ...(memory !== undefined ? { warmWasmMemoryBytes: memory } : {}),
      });
    }
  }
}

function catalogEntry(context: RunContext, group: WarmForkGroup) {
  const entry = context.catalog.find((e) => e.definition.name === group.workload);
  if (!entry) throw new Error(`unknown workload ${group.workload}`);
  return entry;
}

/** Share of forks during which other work took at least half a core, beyond which a run is called busy. */
export const BUSY_FORK_SHARE = 0.1;

/**
 * The note for a warm phase that shared the machine: other work took half a
 * core or more during at least BUSY_FORK_SHARE of the forks (measured here:
 * such runs split processes into fast and slow modes and failed both
 * controls).
 */
export function busyNote(competing: readonly number[]): string | undefined {
  const busy = competing.filter((cores) => cores >= 0.5);
  if (competing.length === 0 || busy.length < BUSY_FORK_SHARE * competing.length) return undefined;
  const mean = busy.reduce((a, b) => a + b, 0) / busy.length;
  return `the machine was busy during the warm phase: other work took ${mean.toFixed(1)} cores on average during ${busy.length} of ${competing.length} processes; processes then disagree more, intervals widen and the calibration controls may come out inconclusive or fail - measure on a quiet machine`;
}
