/** The `local` placement's warm mode: every selected workload × size, targets interleaved in-process. */
import { describeSamples } from '../stats/describe.js';
import { compareMedians } from '../stats/compare.js';
import { BASELINE_TARGET, findTarget, untimedPhases } from '../targets/index.js';
import { measureWarmGroup, type WarmCandidate } from '../warm/measure.js';
import { selectedWorkloads, type RunContext } from './context.js';
import { warmGroup } from './progress.js';
import { prepareReference } from './reference.js';
import type { RowKey } from './results.js';
import type { TargetAdapter } from '../types.js';

/** Runs the warm benchmark and fills the result table. */
export async function runLocalWarm(context: RunContext): Promise<void> {
  const { options, table, sink } = context;
  const workloads = selectedWorkloads(context);
  const groups = workloads.length * options.sizes.length;
  let done = 0;
  for (const entry of workloads) {
    for (const size of options.sizes) {
      done += 1;
      const group = warmGroup(entry.definition.name, size);
      // A resumed run keeps the rows of finished groups.
      if (context.progress.isFinished(group)) continue;
      sink.progress(`warm ${done}/${groups}: ${entry.definition.name} ${size}`);
      const keyOf = (target: TargetAdapter): RowKey => ({ workload: entry.definition.name, target: target.name, placement: 'local', size });
      const targets = options.targets.map((name) => findTarget(name)).filter((t): t is TargetAdapter => t !== undefined);
      const candidates: WarmCandidate[] = [];
      for (const target of targets) {
        if (!options.sizesExplicit && target.defaultSizes && !target.defaultSizes.sizes.includes(size)) {
          sink.note(`${target.name} measured at ${target.defaultSizes.sizes.join(', ')} only by default: ${target.defaultSizes.why}`);
          continue;
        }
        const unsupported = target.unsupportedReason(entry);
        if (unsupported) table.unsupported(keyOf(target), unsupported);
        else candidates.push({ target: target.name, load: () => target.load(entry, untimedPhases) });
      }
      const reference = await prepareReference(entry, size, options.seed);
      if (reference.state === 'errored') {
        for (const c of candidates) table.fail(keyOf(findTarget(c.target) as TargetAdapter), reference.error, reference.failure);
        context.progress.finish(group);
        sink.checkpoint();
        continue;
      }
      const outcomes = await measureWarmGroup(
        { workload: entry.definition.name, size, input: reference.input, expected: reference.expected, candidates },
        { timeMs: options.timeMs, warmupMs: options.warmupMs, rounds: options.rounds, seed: options.seed },
      );
      const baseline = outcomes.find((o) => o.target === BASELINE_TARGET && o.state === 'completed');
      for (const outcome of outcomes) {
        const target = findTarget(outcome.target) as TargetAdapter;
        const key = keyOf(target);
        const build = target.buildInfo(entry);
        if (outcome.state === 'errored') {
          table.fail(key, outcome.error, outcome.failure, { build });
          continue;
        }
        sink.samples({ kind: 'warm', ...key, callsPerSample: outcome.callsPerSample, samplesNs: outcome.samplesNs });
        const vsNode =
          baseline && baseline.state === 'completed' && outcome.target !== BASELINE_TARGET
            ? compareMedians(outcome.samplesNs, baseline.samplesNs, { seed: options.seed })
            : undefined;
        const notes = target.notes?.(entry);
        table.complete(key, {
          verifiedAgainst: reference.verifiedAgainst,
          build,
          ...(notes && notes.length > 0 ? { notes } : {}),
          warm: { ...describeSamples(outcome.samplesNs), callsPerSample: outcome.callsPerSample },
          ...(vsNode ? { vsNode } : {}),
          warmChecks: outcome.checkedOutputs,
          ...(outcome.wasmMemoryBytes !== undefined ? { warmWasmMemoryBytes: outcome.wasmMemoryBytes } : {}),
        });
      }
      context.progress.finish(group);
      sink.checkpoint();
    }
  }
}
