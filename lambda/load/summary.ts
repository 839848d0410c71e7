/**
 * From one step's events to its records and summary: per event, intended
 * and actual send time, round trip, latency (sync: answer − intended send;
 * event and eventbridge: the handler's receipt − intended send), REPORT
 * figures, cold start, throttle or error; per step, offered vs achieved
 * rate, p50/p90/p99/p99.9/max with intervals, cold starts, throttles,
 * errors, peak concurrency, the bottleneck verdict and the cost.
 * Pure: every input is a recorded figure.
 */
import { loadPercentiles } from './quantiles.js';
import { medianOf } from '../../harness/stats/sorted.js';
import { INTERRUPTED_REASON, type LoadStepResult } from '../../harness/contract/load.js';
import { ACCOUNT_LIMIT_REASON, checkBottleneck } from './bottleneck.js';
import { outputMatches } from '../../harness/verify/check.js';
import { ingestedBytes, loadCostPerMillion } from './cost.js';
import type { StepRun } from './scheduler.js';
import type { LoadOutcome } from './invoker.js';
import type { StepLogs } from './receipts.js';
import type { LoadKind, LoadPath } from '../../harness/options/load.js';
import type { Arch, PriceChoice } from '../cost/cost.js';
import type { LoadEventRecord } from '../../harness/contract/load.js';

/** Lines Lambda logs per warm invocation (START, END, REPORT): the ingestion estimate where logs cannot be read. */
const PLATFORM_LINES = 3;

export type { LoadEventRecord } from '../../harness/contract/load.js';

/** Everything one step of one function produced. */
export interface StepInput {
  readonly path: LoadPath;
  readonly kind: LoadKind;
  readonly step: number;
  readonly level: number;
  readonly durationMs: number;
  readonly workload: string;
  readonly target: string;
  readonly functionName: string;
  readonly memoryMB: number;
  readonly arch: Arch;
  readonly run: StepRun<LoadOutcome>;
  readonly loadId: (seq: number) => string;
  /** Epoch ms at the step's start (run.startNs). */
  readonly epochAtStartMs: number;
  /** The function's logs over the step, when FilterLogEvents served them. */
  readonly logs?: StepLogs;
  /** Why the logs could not be read. */
  readonly logsError?: string;
  readonly expected: { readonly sha256: string; readonly bytes: number };
  readonly cpuBusy: number | undefined;
  /** Cold starts the local Lambda made wait for an INIT slot during the step (the host's limit); absent on AWS. */
  readonly hostStartWaits?: { readonly count: number; readonly limit: number };
  /** The local Lambda's account concurrency when this host's memory set it (below AWS's 1000); absent on AWS and for a limit the user chose. */
  readonly hostAccountLimit?: number;
  readonly price: PriceChoice;
}

/** One step of one function on one path, summarised (the contract's type: run.json `baselines.lambdaLoad.steps`). */
export type { LoadStepResult } from '../../harness/contract/load.js';

/** The median, or undefined without values (an optional figure is then left out). */
const median = (values: readonly number[]): number | undefined => (values.length > 0 ? medianOf(values) : undefined);

/** The per-event records of a step, asynchronous events resolved against the logs. */
export function eventRecords(input: StepInput): LoadEventRecord[] {
  const asyncPath = input.path !== 'sync';
  return input.run.events.map((e) => {
    const o = e.outcome;
    const loadId = input.loadId(e.seq);
    const base = {
      seq: e.seq,
      loadId,
      intendedMs: e.intendedNs / 1e6,
      sentMs: e.sentNs / 1e6,
      answeredMs: e.doneNs / 1e6,
      sendLagMs: (e.sentNs - e.intendedNs) / 1e6,
      roundTripMs: (e.doneNs - e.sentNs) / 1e6,
      ...(o.httpStatus !== undefined ? { httpStatus: o.httpStatus } : {}),
      ...(o.throttleReason !== undefined ? { throttleReason: o.throttleReason } : {}),
      ...(o.error !== undefined ? { error: o.error } : {}),
    };
    if (!asyncPath || o.state !== 'accepted') {
      const state = o.state === 'accepted' ? 'completed' : o.state;
      return {
        ...base,
        state,
        ...(state === 'completed' ? { latencyMs: (e.doneNs - e.intendedNs) / 1e6 } : {}),
        cold: o.initMs !== undefined,
        ...(o.requestId !== undefined ? { requestId: o.requestId } : {}),
        ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
        ...(o.billedMs !== undefined ? { billedMs: o.billedMs } : {}),
        ...(o.initMs !== undefined ? { initMs: o.initMs } : {}),
      };
    }
    const receipt = input.logs?.receipts.get(loadId);
    if (!receipt) return { ...base, state: 'lost', cold: false, error: input.logsError ?? 'no receipt line in the function\'s logs' };
    // A receipt without its result line was never observed finishing: not seen, which is not a wrong output.
    if (receipt.sha256 === undefined) return { ...base, state: 'lost', cold: false, receivedEpochMs: receipt.receivedMs, error: 'a receipt but no result line in the function\'s logs within the wait' };
    const report = receipt.requestId !== undefined ? input.logs?.reports.get(receipt.requestId) : undefined;
    const right = receipt.sha256 !== undefined && outputMatches({ kind: 'handler', sha256: receipt.sha256, bytes: receipt.bytes ?? Number.NaN }, input.expected);
    const intendedEpochMs = input.epochAtStartMs + e.intendedNs / 1e6;
    return {
      ...base,
      state: right ? 'completed' : 'wrong-output',
      ...(right ? { latencyMs: receipt.receivedMs - intendedEpochMs } : { error: `output ${receipt.sha256.slice(0, 12)}…, expected ${input.expected.sha256.slice(0, 12)}…` }),
      receivedEpochMs: receipt.receivedMs,
      cold: report?.initDurationMs !== undefined,
      ...(receipt.requestId !== undefined ? { requestId: receipt.requestId } : {}),
      ...(report?.durationMs !== undefined ? { durationMs: report.durationMs } : {}),
      ...(report?.billedDurationMs !== undefined ? { billedMs: report.billedDurationMs } : {}),
      ...(report?.initDurationMs !== undefined ? { initMs: report.initDurationMs } : {}),
    };
  });
}

/** Summarises a step from its records. */
export function summariseStep(input: StepInput, records: readonly LoadEventRecord[]): LoadStepResult {
  const count = (state: LoadEventRecord['state']): number => records.filter((r) => r.state === state).length;
  const ok = records.filter((r) => r.state === 'completed');
  const throttleReasons: Record<string, number> = {};
  for (const r of records) if (r.state === 'throttled') throttleReasons[r.throttleReason ?? 'unknown'] = (throttleReasons[r.throttleReason ?? 'unknown'] ?? 0) + 1;
  const latencies = ok.map((r) => r.latencyMs as number);
  // Achieved: right answers per second over the sending time, or longer when answers came after it.
  const lastMs = ok.reduce((last, r) => Math.max(last, r.intendedMs + (r.latencyMs ?? 0)), 0);
  // A storm has no sending time: with nothing answered its rate is 0, not 0/0.
  const achievedPerS = ok.length === 0 ? 0 : ok.length / (Math.max(input.durationMs, lastMs) / 1000);
  const asyncLogs = input.path !== 'sync' && input.logs !== undefined;
  const coldStarts = asyncLogs ? (input.logs as StepLogs).initStarts : records.filter((r) => r.cold).length;
  const ran = records.filter((r) => r.state === 'completed' || r.state === 'wrong-output');
  const reports = asyncLogs ? [...(input.logs as StepLogs).reports.values()] : [];
  const billedMs = asyncLogs ? reports.reduce((s, r) => s + (r.billedDurationMs ?? 0), 0) : ran.reduce((s, r) => s + (r.billedMs ?? 0), 0);
  // Each cold start's Init Duration: from the REPORT lines on the asynchronous paths, from the answers' REPORTs on the synchronous one.
  const inits = asyncLogs ? reports.flatMap((r) => (r.initDurationMs !== undefined ? [r.initDurationMs] : [])) : ran.flatMap((r) => (r.initMs !== undefined ? [r.initMs] : []));
  const initMs = inits.reduce((sum, v) => sum + v, 0);
  const initMedian = median(inits);
  const logBytes = input.logs
    ? ingestedBytes(input.logs.bytes, input.logs.lines)
    : ingestedBytes(input.run.events.reduce((s, e) => s + (e.outcome.logBytes ?? 0), 0), ran.length * PLATFORM_LINES + coldStarts);
  const invocations = asyncLogs ? reports.length : ran.length;
  const cost = loadCostPerMillion({ invocations, billedMs, initMs, logBytes }, input.memoryMB, input.arch, input.path, input.price);
  const hostAccountThrottles = input.hostAccountLimit === undefined ? undefined : { count: throttleReasons[ACCOUNT_LIMIT_REASON] ?? 0, limit: input.hostAccountLimit };
  const check = checkBottleneck(records.map((r) => r.sendLagMs), input.run.skipped, input.cpuBusy, input.hostStartWaits, hostAccountThrottles);
  const firstError = records.find((r) => r.error !== undefined && r.state !== 'throttled')?.error;
  const roundTrip = median(records.filter((r) => r.state === 'completed').map((r) => r.roundTripMs));
  const duration = median(ran.flatMap((r) => (r.durationMs !== undefined ? [r.durationMs] : [])));
  return {
    path: input.path,
    step: input.step,
    kind: input.kind,
    level: input.level,
    workload: input.workload,
    target: input.target,
    functionName: input.functionName,
    memoryMB: input.memoryMB,
    arch: input.arch,
    // A storm offers its level at once, not per second; a closed loop offers no rate.
    ...(input.kind === 'rate' || input.kind === 'poisson' ? { offeredPerS: input.level } : {}),
    achievedPerS,
    sent: records.length,
    skipped: input.run.skipped,
    ok: ok.length,
    throttled: count('throttled'),
    throttleReasons,
    errors: count('errored'),
    wrongOutputs: count('wrong-output'),
    lost: count('lost'),
    latencyMs: loadPercentiles(latencies),
    ...(roundTrip !== undefined && input.path === 'sync' ? { roundTripMedianMs: roundTrip } : {}),
    ...(duration !== undefined ? { durationMedianMs: duration } : {}),
    coldStarts,
    coldShare: ran.length > 0 ? coldStarts / ran.length : 0,
    ...(initMedian !== undefined ? { initDurationMs: { median: initMedian, max: Math.max(...inits) } } : {}),
    ...(input.logs ? { initStartsInLogs: input.logs.initStarts, peakConcurrent: input.logs.peakConcurrent, environmentsUsed: input.logs.environments } : {}),
    peakInFlight: input.run.peakInFlight,
    sendLag: { lateShare: check.lateShare, maxMs: check.maxLagMs },
    ...(check.cpuBusy !== undefined ? { cpuBusy: check.cpuBusy } : {}),
    valid: check.reasons.length === 0 && !input.run.stopped,
    invalidReasons: input.run.stopped ? [...check.reasons, INTERRUPTED_REASON] : check.reasons,
    ...(cost ? { cost } : {}),
    ...(firstError !== undefined ? { firstError } : {}),
    ...(input.logsError !== undefined ? { logsError: input.logsError } : {}),
  };
}
