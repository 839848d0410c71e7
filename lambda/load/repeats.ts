/**
 * A load step's repeats, combined: the ramp runs several times, each repeat
 * in fresh execution environments, and each path × step × function's
 * results are summarised across its repeats. Pure: reruns from run.json's
 * `repeatSteps` give the same `steps`.
 *
 * Why across repeats: one step's events share its environments (their JIT
 * decisions and code layout) and the host's state at the time, so they are
 * not independent. Two identical runs put 6 of 12 p50s outside each other's
 * exact binomial intervals, which treat the events as the unit. A repeat is
 * the unit that varies as runs do (Kalibera & Jones: the interval comes from
 * the top level that varies), so the percentile is the geometric mean of
 * the repeats' and its interval a t interval on their logs, as for warm
 * rows across processes (harness/stats/replicated.ts), widened by the same
 * run-level term for an absolute figure.
 *
 * A repeat whose events were too few for the percentile's own binomial
 * bounds gives no interval: its estimate of a tail percentile is biased
 * towards the body (p99.9 of 100 events is about their maximum), and
 * averaging biased estimates only makes the bias look precise.
 */
import { logMeanInterval, MEDIAN_RUN_LEVEL_SD } from '../../harness/stats/replicated.js';
import { medianOf } from '../../harness/stats/sorted.js';
import type { LoadCost, LoadPercentile, LoadStepResult } from '../../harness/contract/load.js';

const median = (values: readonly number[]): number | undefined => (values.length > 0 ? medianOf(values) : undefined);

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]): number => sum(values) / values.length;

/** Each distinct item once, in first-seen order. */
const union = (lists: ReadonlyArray<readonly string[]>): string[] => [...new Set(lists.flat())];

/**
 * Percentile q across repeats: geometric mean and t interval of the repeats
 * that completed events. Bounds are null (with the events each repeat needs)
 * when any of those repeats could not bound q itself, or fewer than two
 * repeats completed events.
 */
export function percentileAcross(repeats: ReadonlyArray<LoadPercentile | undefined>, q: number): LoadPercentile {
  const measured = repeats.filter((p): p is LoadPercentile => p !== undefined && Number.isFinite(p.value) && p.value > 0);
  if (measured.length === 0) {
    const needs = repeats.find((p) => p?.needs !== undefined)?.needs;
    return { q, value: Number.NaN, ci: [null, null], ...(needs !== undefined ? { needs } : {}) };
  }
  const across = logMeanInterval(measured.map((p) => p.value), { runLevelSd: MEDIAN_RUN_LEVEL_SD });
  const needs = measured.find((p) => p.ci[0] === null || p.ci[1] === null)?.needs;
  const bounded = measured.length >= 2 && measured.every((p) => p.ci[0] !== null && p.ci[1] !== null);
  return { q, value: across.centre, ci: bounded ? across.ci95 : [null, null], ...(!bounded && needs !== undefined ? { needs } : {}) };
}

/** Cost per million events: each item the mean of the repeats' (every repeat sends the same events). */
function costAcross(costs: readonly LoadCost[]): LoadCost | undefined {
  if (costs.length === 0) return undefined;
  const item = (pick: (c: LoadCost) => number): number => mean(costs.map(pick));
  return {
    requestsUsd: item((c) => c.requestsUsd),
    computeUsd: item((c) => c.computeUsd),
    eventBridgeUsd: item((c) => c.eventBridgeUsd),
    logsUsd: item((c) => c.logsUsd),
    totalUsd: item((c) => c.totalUsd),
    coldShare: item((c) => c.coldShare),
    unpriced: union(costs.map((c) => c.unpriced)),
  };
}

const optionalMax = (values: ReadonlyArray<number | undefined>): number | undefined => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? Math.max(...present) : undefined;
};
const optionalSum = (values: ReadonlyArray<number | undefined>): number | undefined => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? sum(present) : undefined;
};
const optionalMedian = (values: ReadonlyArray<number | undefined>): number | undefined => median(values.filter((v): v is number => v !== undefined));

/**
 * The repeats of one path × step × function as one result (see
 * LoadStepResult). One repeat stays as it was, its intervals within its
 * events (`basis` unit `event`); `repeat` is dropped, `repeats` set.
 */
export function combineRepeats(repeats: readonly LoadStepResult[]): LoadStepResult {
  const first = repeats[0];
  if (first === undefined) throw new Error('combineRepeats: no repeat');
  const { repeat: _repeat, ...base } = first;
  if (repeats.length === 1) return { ...base, repeats: 1, latencyMs: { ...first.latencyMs, basis: { unit: 'event', count: first.latencyMs.n } } };
  const ran = (s: LoadStepResult): number => s.ok + s.wrongOutputs;
  const percentiles = first.latencyMs.percentiles.map(({ q }) => percentileAcross(repeats.map((s) => s.latencyMs.percentiles.find((p) => p.q === q)), q));
  const withEvents = repeats.filter((s) => s.latencyMs.n > 0).length;
  const throttleReasons: Record<string, number> = {};
  for (const s of repeats) for (const [reason, n] of Object.entries(s.throttleReasons)) throttleReasons[reason] = (throttleReasons[reason] ?? 0) + n;
  const inits = repeats.flatMap((s) => (s.initDurationMs ? [s.initDurationMs] : []));
  const cost = costAcross(repeats.flatMap((s) => (s.cost ? [s.cost] : [])));
  const coldStarts = sum(repeats.map((s) => s.coldStarts));
  const ranAll = sum(repeats.map(ran));
  const initStartsInLogs = optionalSum(repeats.map((s) => s.initStartsInLogs));
  const roundTrip = optionalMedian(repeats.map((s) => s.roundTripMedianMs));
  const duration = optionalMedian(repeats.map((s) => s.durationMedianMs));
  const peakConcurrent = optionalMax(repeats.map((s) => s.peakConcurrent));
  const environmentsUsed = optionalMax(repeats.map((s) => s.environmentsUsed));
  const environmentsAfter = optionalMax(repeats.map((s) => s.environmentsAfter));
  const cpuBusy = optionalMax(repeats.map((s) => s.cpuBusy));
  const forced = repeats.filter((s) => s.forcedCold !== undefined);
  const firstError = repeats.find((s) => s.firstError !== undefined)?.firstError;
  const logsError = repeats.find((s) => s.logsError !== undefined)?.logsError;
  const {
    initDurationMs: _init, initStartsInLogs: _starts, roundTripMedianMs: _rt, durationMedianMs: _d, peakConcurrent: _pc, environmentsUsed: _eu,
    environmentsAfter: _ea, cpuBusy: _cpu, forcedCold: _fc, endsRamp: _end, cost: _cost, firstError: _fe, logsError: _le, ...shared
  } = base;
  return {
    ...shared,
    repeats: repeats.length,
    // Achieved per repeat, averaged: each repeat offered the same rate for the same time.
    achievedPerS: mean(repeats.map((s) => s.achievedPerS)),
    sent: sum(repeats.map((s) => s.sent)),
    skipped: sum(repeats.map((s) => s.skipped)),
    ok: sum(repeats.map((s) => s.ok)),
    throttled: sum(repeats.map((s) => s.throttled)),
    throttleReasons,
    errors: sum(repeats.map((s) => s.errors)),
    wrongOutputs: sum(repeats.map((s) => s.wrongOutputs)),
    lost: sum(repeats.map((s) => s.lost)),
    latencyMs: {
      n: sum(repeats.map((s) => s.latencyMs.n)),
      percentiles,
      max: optionalMax(repeats.map((s) => (Number.isFinite(s.latencyMs.max) ? s.latencyMs.max : undefined))) ?? Number.NaN,
      basis: { unit: 'repeat', count: withEvents },
    },
    ...(roundTrip !== undefined ? { roundTripMedianMs: roundTrip } : {}),
    ...(duration !== undefined ? { durationMedianMs: duration } : {}),
    coldStarts,
    coldShare: ranAll > 0 ? coldStarts / ranAll : 0,
    ...(initStartsInLogs !== undefined ? { initStartsInLogs } : {}),
    ...(inits.length > 0 ? { initDurationMs: { median: median(inits.map((i) => i.median)) as number, max: Math.max(...inits.map((i) => i.max)) } } : {}),
    ...(forced.length > 0 ? { forcedCold: forced.every((s) => s.forcedCold === true) } : {}),
    peakInFlight: Math.max(...repeats.map((s) => s.peakInFlight)),
    ...(peakConcurrent !== undefined ? { peakConcurrent } : {}),
    ...(environmentsUsed !== undefined ? { environmentsUsed } : {}),
    ...(environmentsAfter !== undefined ? { environmentsAfter } : {}),
    sendLag: { lateShare: Math.max(...repeats.map((s) => s.sendLag.lateShare)), maxMs: Math.max(...repeats.map((s) => s.sendLag.maxMs)) },
    ...(cpuBusy !== undefined ? { cpuBusy } : {}),
    // Valid only when every repeat was: one host-limited repeat would put the host's figures into the summary.
    valid: repeats.every((s) => s.valid),
    invalidReasons: union(repeats.map((s) => s.invalidReasons)),
    ...(repeats.some((s) => s.endsRamp === true) ? { endsRamp: true } : {}),
    ...(cost ? { cost } : {}),
    ...(firstError !== undefined ? { firstError } : {}),
    ...(logsError !== undefined ? { logsError } : {}),
  };
}

/** Every path × step × function of `repeatSteps` combined, in the order each first ran. */
export function combineAll(repeatSteps: readonly LoadStepResult[]): LoadStepResult[] {
  const groups = new Map<string, LoadStepResult[]>();
  for (const s of repeatSteps) {
    const key = `${s.path}\u0000${s.step}\u0000${s.functionName}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()].map(combineRepeats);
}
