/**
 * Raw cold samples -> per-item summaries. Pure functions of the samples, so
 * a summary can be recomputed from an old samples.jsonl at any time.
 *
 * Phase order in a summary: processStart, the adapter's phases in the order
 * it ran them, harness (job and input file reads), firstCall. Time to first
 * result (parent-measured) spans all of them plus the pipe to the parent.
 */
import { medianCiSorted, medianOf, MIN_BOOTSTRAP_SAMPLES, quantileSorted, sortedCopy } from '../stats/index.js';
import { ratioToBaseline } from '../stats/vs-baseline.js';
import { BASELINE_TARGET } from '../targets/index.js';
import { itemKey } from './schedule.js';
import type { ColdStats, FailureKind, PhaseStats, ResourceStats, VsBaseline } from '../contract/index.js';
import type { ColdFailureKind, ColdItem, ColdSample, CompletedColdSample, ErroredColdSample, MemoryFigures } from './types.js';

/** Resource figures of an item from its cold processes (medians over completed samples). */
export interface ColdResourceFigures extends Omit<ResourceStats, 'artifactBytes'> {
  /** Heap and linear memory right after the first call (the `heap*`/`wasmMemoryBytes` fields above are at the end). */
  readonly afterFirstCall: {
    readonly heapUsedBytes: number;
    readonly heapTotalBytes: number;
    readonly externalBytes: number;
    readonly arrayBuffersBytes: number;
    readonly wasmMemoryBytes?: number;
  };
}

/** One item's summary: completed with figures, or errored with the reason. */
export type ColdItemSummary =
  | { readonly key: string; readonly item: ColdItem; readonly state: 'completed'; readonly cold: ColdStats; readonly resources: ColdResourceFigures }
  | {
      readonly key: string;
      readonly item: ColdItem;
      readonly state: 'errored';
      readonly error: string;
      /** The kind of the failure the reason names. */
      readonly failure: FailureKind;
      readonly failedSamples: number;
      readonly failures: readonly string[];
    };

/** Summarises one phase's samples (ns): median, p99 and the order-statistic 95% CI of the median. */
export function phaseStats(valuesNs: readonly number[]): PhaseStats {
  const sorted = sortedCopy(valuesNs);
  return {
    medianNs: quantileSorted(sorted, 0.5),
    p99Ns: quantileSorted(sorted, 0.99),
    ci95Ns: medianCiSorted(sorted),
    samples: sorted.length,
  };
}

/** Median latency of call i over the samples that made at least i+1 calls. */
export function warmupCurve(samples: readonly CompletedColdSample[]): number[] {
  const length = Math.max(0, ...samples.map((sample) => sample.callsNs.length));
  const curve: number[] = [];
  for (let i = 0; i < length; i++) {
    const values = samples.flatMap((sample) => (i < sample.callsNs.length ? [sample.callsNs[i] as number] : []));
    curve.push(medianOf(values));
  }
  return curve;
}

/** One line per failed sample: kind, reason, and the stderr tail. */
export function describeFailure(sample: ErroredColdSample): string {
  const tail = sample.stderrTail.trim().split('\n').slice(-5).join(' | ');
  return `${sample.failure}: ${sample.error}${tail ? ` (stderr: ${tail.slice(-500)})` : ''}`;
}

/**
 * A cold sample's failure as a row's failure kind: only a mismatch is a wrong
 * output; a child that could not be started, or an item that could not be
 * set up, measured nothing.
 */
export function coldFailureKind(kind: ColdFailureKind): FailureKind {
  switch (kind) {
    case 'mismatch':
      return 'wrong-output';
    case 'timeout':
      return 'timeout';
    case 'crash':
    case 'exit-code':
    case 'bad-message':
      return 'crashed';
    case 'spawn':
    case 'prepare':
      return 'not-measured';
  }
}

/** Phase names in a stable order: processStart, adapter phases (first-seen order), harness, firstCall. */
function phaseNames(samples: readonly CompletedColdSample[]): string[] {
  // A Set keeps first-seen order and lists a phase once however many samples ran it.
  const adapterPhases = new Set<string>();
  for (const sample of samples) for (const { name } of sample.phases) adapterPhases.add(name);
  const isTarget = samples.some((sample) => sample.callsNs.length > 0);
  return ['processStart', ...adapterPhases, 'harness', ...(isTarget ? ['firstCall'] : [])];
}

function phaseValue(sample: CompletedColdSample, name: string): number | undefined {
  if (name === 'processStart') return sample.processStartNs;
  if (name === 'harness') return sample.harnessNs;
  if (name === 'firstCall') return sample.callsNs[0];
  // A phase an adapter ran twice (unusual) counts as its total.
  const matching = sample.phases.filter((phase) => phase.name === name);
  return matching.length === 0 ? undefined : matching.reduce((sum, phase) => sum + phase.ns, 0);
}

function resourceFigures(samples: readonly CompletedColdSample[]): ColdResourceFigures {
  const med = (pick: (sample: CompletedColdSample) => number | undefined): number | undefined => {
    const values = samples.flatMap((sample) => {
      const value = pick(sample);
      return value === undefined ? [] : [value];
    });
    return values.length === 0 ? undefined : medianOf(values);
  };
  const memory = (which: 'memoryAfterFirstCall' | 'memoryAtEnd', field: keyof MemoryFigures): number => med((s) => s[which][field]) as number;
  const wasmEnd = med((s) => s.wasmMemoryAtEndBytes);
  const wasmFirst = med((s) => s.wasmMemoryAfterFirstCallBytes);
  return {
    peakRssBytes: med((s) => s.maxRssBytes) as number,
    heapUsedBytes: memory('memoryAtEnd', 'heapUsedBytes'),
    heapTotalBytes: memory('memoryAtEnd', 'heapTotalBytes'),
    externalBytes: memory('memoryAtEnd', 'externalBytes'),
    arrayBuffersBytes: memory('memoryAtEnd', 'arrayBuffersBytes'),
    ...(wasmEnd === undefined ? {} : { wasmMemoryBytes: wasmEnd }),
    cpuUserMs: (med((s) => s.cpuUserUs) as number) / 1000,
    cpuSystemMs: (med((s) => s.cpuSystemUs) as number) / 1000,
    afterFirstCall: {
      heapUsedBytes: memory('memoryAfterFirstCall', 'heapUsedBytes'),
      heapTotalBytes: memory('memoryAfterFirstCall', 'heapTotalBytes'),
      externalBytes: memory('memoryAfterFirstCall', 'externalBytes'),
      arrayBuffersBytes: memory('memoryAfterFirstCall', 'arrayBuffersBytes'),
      ...(wasmFirst === undefined ? {} : { wasmMemoryBytes: wasmFirst }),
    },
  };
}

/** Summarises one item's raw samples. */
export function summariseItem(item: ColdItem, samples: readonly ColdSample[]): ColdItemSummary {
  const key = itemKey(item);
  const completed = samples.filter((sample): sample is CompletedColdSample => sample.state === 'completed');
  const errored = samples.filter((sample): sample is ErroredColdSample => sample.state === 'errored');
  const failures = errored.map(describeFailure);
  // A wrong output anywhere invalidates every timing of the item: never publish them.
  const fatal = errored.find((sample) => sample.failure === 'mismatch') ?? errored.find((sample) => sample.failure === 'prepare');
  if (fatal) return { key, item, state: 'errored', error: describeFailure(fatal), failure: coldFailureKind(fatal.failure), failedSamples: errored.length, failures };
  if (completed.length === 0) {
    const first = errored[0];
    const error = first === undefined ? 'no cold samples taken' : `all ${errored.length} cold samples failed; first: ${failures[0]}`;
    return { key, item, state: 'errored', error, failure: first === undefined ? 'not-measured' : coldFailureKind(first.failure), failedSamples: errored.length, failures };
  }
  const phases: Record<string, PhaseStats> = {};
  for (const name of phaseNames(completed)) {
    const values = completed.flatMap((sample) => {
      const value = phaseValue(sample, name);
      return value === undefined ? [] : [value];
    });
    // Never empty: every name above comes from a completed sample that has its value
    // (processStart and harness every sample, firstCall a sample with calls).
    phases[name] = phaseStats(values);
  }
  const cold: ColdStats = {
    samples: completed.length,
    failedSamples: errored.length,
    phases,
    timeToFirstResult: phaseStats(completed.map((sample) => sample.timeToFirstResultNs)),
    warmupCurveNs: warmupCurve(completed),
    ...(failures.length > 0 ? { failures } : {}),
  };
  return { key, item, state: 'completed', cold, resources: resourceFigures(completed) };
}

/** Groups raw samples by item and summarises each, in first-seen order. */
export function summariseCold(samples: readonly ColdSample[]): ColdItemSummary[] {
  const groups = new Map<string, { item: ColdItem; samples: ColdSample[] }>();
  for (const sample of samples) {
    const group = groups.get(sample.key) ?? { item: sample.item, samples: [] };
    group.samples.push(sample);
    groups.set(sample.key, group);
  }
  return [...groups.values()].map((group) => summariseItem(group.item, group.samples));
}

/**
 * Time-to-first-result ratio of each non-node target item to the node item of
 * the same workload, size and engine configuration (V8 flags slow every
 * process start, so configurations are never mixed), with a bootstrap 95% CI.
 * Only items whose both sides have completed samples and no fatal failure.
 *
 * Each cold sample is a fresh process, so the samples already are the
 * process-level replicates (issue 12): the interval's basis is recorded as
 * `process`, and a side with fewer than MIN_BOOTSTRAP_SAMPLES processes gets
 * `too-few-samples` instead of a verdict (a bootstrap of a median from so few
 * does not reach its 95% level).
 */
export function coldVsNode(samples: readonly ColdSample[], options: { readonly seed?: number; readonly resamples?: number } = {}): Map<string, VsBaseline> {
  const valid = new Set(summariseCold(samples).filter((summary) => summary.state === 'completed').map((summary) => summary.key));
  const ttfr = new Map<string, number[]>();
  for (const sample of samples) {
    if (sample.state !== 'completed' || !valid.has(sample.key)) continue;
    const values = ttfr.get(sample.key) ?? [];
    values.push(sample.timeToFirstResultNs);
    ttfr.set(sample.key, values);
  }
  const out = new Map<string, VsBaseline>();
  const items = new Map(samples.map((sample) => [sample.key, sample.item]));
  for (const [key, item] of items) {
    if (item.kind !== 'target' || item.target === BASELINE_TARGET) continue;
    const candidate = ttfr.get(key);
    const baseline = ttfr.get(itemKey({ ...item, target: BASELINE_TARGET }));
    if (!candidate || !baseline) continue;
    out.set(
      key,
      ratioToBaseline({
        design: 'independent-samples',
        unit: 'process',
        candidate,
        baseline,
        seed: options.seed ?? 1,
        minSamples: MIN_BOOTSTRAP_SAMPLES,
        ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
      }),
    );
  }
  return out;
}
