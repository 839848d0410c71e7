/**
 * Is the host, not Lambda, the limit of a load step? Two signs mark a step
 * invalid instead of letting the host's limits pass for Lambda's:
 *
 * - send lag: events leaving later than intended (actual − intended beyond a
 *   threshold) for more than a small share of them: the generator's own event
 *   loop could not keep the schedule, so the offered load was not offered;
 * - CPU saturation: the machine's CPUs (/proc/stat, every process: the local
 *   Lambda's environments run on the same 2 cores) busy for most of the step,
 *   so handlers and generator queued for CPU, which Lambda's own hosts would
 *   not have made them do.
 *
 * - cold starts that waited for an INIT slot of the local Lambda (its
 *   start gate: this host runs only a few INITs at once, Lambda runs them all
 *   side by side), so their latency includes the host's queue.
 *
 * - throttles at an account limit the host set: the local Lambda scales
 *   AWS's 1000 down to the environments this host's memory holds, so a 429
 *   ConcurrentInvocationLimitExceeded there is the host's limit (a reserved
 *   concurrency the run set is the user's, and its throttles stay valid).
 *
 * Also invalid: open-loop events skipped at the client's in-flight ceiling.
 * The judgement is a pure function of recorded figures; only readHostCpu reads /proc.
 */
import { readFileSync } from 'node:fs';
import { machineBusyTicks } from '../../harness/run/competing-load.js';

/** Send lag beyond this is a late send (timers land up to ~1-2 ms late on an idle machine). */
export const SEND_LAG_THRESHOLD_MS = 10;
/**
 * A step with more than this share of late sends was not offered as planned.
 * Latency still counts from the intended time either way; a few late sends
 * (a GC pause, a timer landing late) leave the offered rate as planned.
 */
export const SEND_LAG_MAX_SHARE = 0.05;
/**
 * Late sends a step needs, beyond that share, to be INVALID. In a short step
 * one late send is already a large share (1 of the 10 events of a 2 s step
 * at 5/s: 10%), and one is a pause (each repeat's first cold start spawns its
 * environment on the event loop the embedded local Lambda shares with the
 * client), not a schedule the generator could not keep.
 */
export const SEND_LAG_MIN_LATE = 2;
/** Busy share of all CPUs over a step above which the host, not Lambda, set the pace. */
export const CPU_SATURATION = 0.9;

/** Busy and total ticks of all CPUs, from the first line of /proc/stat. */
export interface HostCpu {
  readonly busy: number;
  readonly total: number;
}

/** Parses /proc/stat's first line: busy (as competing-load.ts counts it) and total ticks. */
export function hostCpuOf(procStat: string): HostCpu {
  const fields = (procStat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0);
  return { busy: machineBusyTicks(procStat), total };
}

/** The host's CPU counters now, or undefined where there is no /proc (the step then says CPU was not checked). */
export function readHostCpu(): HostCpu | undefined {
  try {
    return hostCpuOf(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** Busy share of all CPUs between two readings (0..1), undefined without readings or time between them. */
export function busyShare(before: HostCpu | undefined, after: HostCpu | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  return total > 0 ? Math.min(1, Math.max(0, (after.busy - before.busy) / total)) : undefined;
}

/** What the bottleneck check found for one step. */
export interface BottleneckCheck {
  /** Share of sent events whose send lag exceeded the threshold. */
  readonly lateShare: number;
  /** Largest send lag, ms. */
  readonly maxLagMs: number;
  /** Busy share of the host's CPUs over the step; undefined where not measurable. */
  readonly cpuBusy: number | undefined;
  /** Empty when the step is valid; otherwise one phrase per reason. */
  readonly reasons: readonly string[];
}

/** AWS's reason for a throttle at the account's (unreserved) concurrency limit. */
export const ACCOUNT_LIMIT_REASON = 'ConcurrentInvocationLimitExceeded';

/** Judges one step from its send lags (ms), skipped events, CPU share, INIT-queue waits and throttles at a host-set account limit. */
export function checkBottleneck(
  lagsMs: readonly number[],
  skipped: number,
  cpuBusy: number | undefined,
  startWaits?: { readonly count: number; readonly limit: number },
  hostAccountThrottles?: { readonly count: number; readonly limit: number },
): BottleneckCheck {
  const late = lagsMs.filter((lag) => lag > SEND_LAG_THRESHOLD_MS).length;
  const lateShare = lagsMs.length > 0 ? late / lagsMs.length : 0;
  const maxLagMs = lagsMs.reduce((max, lag) => Math.max(max, lag), 0);
  const reasons: string[] = [];
  if (lateShare > SEND_LAG_MAX_SHARE && late >= SEND_LAG_MIN_LATE) {
    reasons.push(`client send lag: ${(lateShare * 100).toFixed(1)}% of events left over ${SEND_LAG_THRESHOLD_MS} ms late (max ${maxLagMs.toFixed(0)} ms)`);
  }
  if (skipped > 0) reasons.push(`client in-flight ceiling: ${skipped} event(s) not sent`);
  if (cpuBusy !== undefined && cpuBusy > CPU_SATURATION) reasons.push(`host CPU saturated: ${(cpuBusy * 100).toFixed(0)}% busy over the step`);
  if (startWaits !== undefined && startWaits.count > 0) {
    reasons.push(`host cold-start queue: ${startWaits.count} cold start(s) waited for one of the local Lambda's ${startWaits.limit} INIT slots`);
  }
  if (hostAccountThrottles !== undefined && hostAccountThrottles.count > 0) {
    reasons.push(
      `host account limit: ${hostAccountThrottles.count} event(s) throttled at the local Lambda's account concurrency of ${hostAccountThrottles.limit}, ` +
        "which this host's memory set (AWS's default is 1000)",
    );
  }
  return { lateShare, maxLagMs, cpuBusy, reasons };
}
