/**
 * The `scheduled` load path: no traffic is sent. Each function's scheduled
 * rule (deployed by lambda/deploy/eventbridge.ts) fires on its own
 * ScheduleExpression; for one step's duration the run watches, then reads
 * each function's logs back (FilterLogEvents, as for the event path) and
 * takes every receipt whose scheduled time falls inside the window. An
 * event's latency is its delay from the Scheduled Event's `time` (carried
 * into the handler by the target's InputTransformer, the receipt's load id
 * `scheduled.<epoch ms>`) to the handler's receipt; its output digest is
 * verified like every other event's.
 *
 * All functions are watched in the same window: their rules fire at the
 * same moments whatever the order, so watching them one after another would
 * only multiply the wait. The step's level is the schedule's rate (events/s);
 * the ramp's levels do not apply. A firing that never reached the handler
 * leaves no receipt and cannot be counted here (EventBridge's
 * FailedInvocations metric would show it). Scheduled events are AWS events:
 * EventBridge does not bill them, so the cost has no event charge.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SCHEDULE_LOAD_ID } from '../deploy/eventbridge.js';
import type { PlannedFunction } from '../deploy/plan.js';
import type { PriceChoice } from '../cost/cost.js';
import { busyShare, readHostCpu } from './bottleneck.js';
import type { LoadOutcome } from './invoker.js';
import { filterAll, parseLogLines, type LogLine, type StepLogs } from './receipts.js';
import type { SentEvent, StepRun } from './scheduler.js';
import { eventRecords, summariseStep, type LoadEventRecord, type LoadStepResult } from './summary.js';

/** The prefix of every scheduled receipt's load id. */
export const SCHEDULED_PREFIX = `${SCHEDULE_LOAD_ID}.`;

/** Events per second of a rate(...) expression; undefined for cron(...). */
export function scheduleRatePerS(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!rate) return undefined;
  const unitS = rate[2] === 'minute' ? 60 : rate[2] === 'hour' ? 3600 : 86_400;
  return 1 / (Number(rate[1]) * unitS);
}

/** The scheduled epoch ms a receipt's load id names, or undefined for another kind of id. */
export function scheduledAtOf(loadId: string): number | undefined {
  if (!loadId.startsWith(SCHEDULED_PREFIX)) return undefined;
  const ms = Number(loadId.slice(SCHEDULED_PREFIX.length));
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The receipts scheduled inside [startMs, endMs) as a step's events: each
 * "intended" at its scheduled time and sent then (nothing was sent: the
 * scheduler is EventBridge's), accepted, so the summary counts its latency
 * from that time to the receipt like any asynchronous event's.
 */
export function scheduledRun(logs: StepLogs, startMs: number, endMs: number, stopped: boolean): { run: StepRun<LoadOutcome>; ids: string[] } {
  const ids = [...logs.receipts.keys()]
    .filter((id) => {
      const at = scheduledAtOf(id);
      return at !== undefined && at >= startMs && at < endMs;
    })
    .sort((a, b) => (scheduledAtOf(a) as number) - (scheduledAtOf(b) as number));
  const events: SentEvent<LoadOutcome>[] = ids.map((id, seq) => {
    const ns = ((scheduledAtOf(id) as number) - startMs) * 1e6;
    return { seq, intendedNs: ns, sentNs: ns, doneNs: ns, inFlight: 1, outcome: { state: 'accepted' } };
  });
  return { run: { events, skipped: 0, peakInFlight: events.length > 0 ? 1 : 0, startNs: 0, endNs: (endMs - startMs) * 1e6, stopped }, ids };
}

/** One window of the scheduled path. */
export interface ScheduledWindow {
  readonly step: number;
  readonly durationMs: number;
  readonly schedule: string;
  readonly functions: readonly PlannedFunction[];
  readonly expected: (f: PlannedFunction) => { readonly sha256: string; readonly bytes: number };
  readonly price: PriceChoice;
  /** Wait at most this long after the window for receipts to get their result lines. */
  readonly receiptWaitMs: number;
  /**
   * Read the logs for at least this long after the window (default {@link SCHEDULE_GRACE_MS}): how
   * many firings a window holds is not known beforehand, so a firing just before its end is waited
   * for this long. One whose receipt comes later is counted in no window.
   */
  readonly graceMs?: number;
  readonly stop: () => boolean;
  /** Epoch ms now, and waiting (injected: tests need not wait real minutes). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What one window produced per function: its summary and its raw records. */
export interface ScheduledStep {
  readonly f: PlannedFunction;
  readonly epochAtStartMs: number;
  readonly summary: LoadStepResult;
  readonly records: LoadEventRecord[];
}

/** How long after a window its logs are read at least. */
export const SCHEDULE_GRACE_MS = 10_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A function's log lines; none yet while its log group does not exist (Lambda creates it at the first invocation's logs). */
async function linesOf(client: CloudWatchLogsClient, functionName: string, startMs: number, endMs: number): Promise<LogLine[]> {
  try {
    return await filterAll(client, functionName, startMs, endMs);
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ResourceNotFoundException') return [];
    throw error;
  }
}

/** Watches one window, then reads every function's receipts back and summarises each. */
export async function measureScheduledWindow(logsClient: CloudWatchLogsClient, w: ScheduledWindow): Promise<ScheduledStep[]> {
  const now = w.now ?? Date.now;
  const sleep = w.sleep ?? realSleep;
  const cpuBefore = readHostCpu();
  const startMs = now();
  const endMs = startMs + w.durationMs;
  // Short sleeps: an interrupt ends the window within a quarter second.
  while (now() < endMs && !w.stop()) await sleep(Math.min(250, endMs - now()));
  const stopped = w.stop();
  const cpuBusy = busyShare(cpuBefore, readHostCpu());
  const level = scheduleRatePerS(w.schedule) ?? 0;
  const steps: ScheduledStep[] = [];
  for (const f of w.functions) {
    let logs: StepLogs | undefined;
    let logsError: string | undefined;
    try {
      const deadline = now() + w.receiptWaitMs;
      const graceEnd = endMs + (w.graceMs ?? SCHEDULE_GRACE_MS);
      for (;;) {
        logs = parseLogLines(await linesOf(logsClient, f.name, startMs - 1000, Math.max(endMs, now())), SCHEDULED_PREFIX);
        const inWindow = scheduledRun(logs, startMs, endMs, stopped).ids;
        // Done after the grace once every firing seen in the window has its result line (a receipt alone: the handler still runs).
        const finished = inWindow.every((id) => logs?.receipts.get(id)?.sha256 !== undefined);
        if ((finished && now() >= graceEnd) || now() >= deadline || w.stop()) break;
        await sleep(1000);
      }
    } catch (error) {
      logsError = `FilterLogEvents failed: ${(error as Error).message}`;
    }
    const { run, ids } = logs ? scheduledRun(logs, startMs, endMs, stopped) : { run: scheduledRun(parseLogLines([], SCHEDULED_PREFIX), startMs, endMs, stopped).run, ids: [] };
    const input = {
      path: 'scheduled' as const,
      kind: 'rate' as const,
      step: w.step,
      level,
      durationMs: w.durationMs,
      workload: f.workload,
      target: f.target,
      functionName: f.name,
      memoryMB: f.memoryMB,
      arch: f.arch,
      run,
      loadId: (seq: number) => ids[seq] ?? `${SCHEDULED_PREFIX}?`,
      epochAtStartMs: startMs,
      ...(logs ? { logs } : {}),
      ...(logsError ? { logsError } : {}),
      expected: w.expected(f),
      cpuBusy,
      price: w.price,
    };
    const records = eventRecords(input);
    steps.push({ f, epochAtStartMs: startMs, summary: summariseStep(input, records), records });
  }
  return steps;
}
