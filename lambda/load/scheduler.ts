/**
 * The load generator's core: one step of open-loop or closed-loop traffic
 * against an invoker, with no I/O of its own. The clock and the invoker are
 * injected, so tests drive it in virtual time against a fake endpoint and the
 * real run drives it with process.hrtime and the AWS SDK.
 *
 * Open loop: every event has an intended send time fixed before the step
 * starts (evenly spaced or Poisson). The sender never waits for an answer, so
 * a stalled response cannot delay the events behind it: they are sent on
 * time and their latency, counted from the intended time, includes whatever
 * queue they met. When the sender itself falls behind (a busy event loop),
 * the lag between intended and actual send time is recorded per event and
 * still counted in the latency: coordinated omission is impossible by
 * construction, and the lag marks the step (bottleneck.ts).
 *
 * Closed loop: n callers, each sending its next event when its previous one
 * answered; latency is then the round trip (the intended time is the send).
 *
 * Storm: n events with the same intended send time, the step's start (an
 * open loop whose arrivals all coincide; storm.ts makes the function cold
 * before).
 */
import type { Rng } from '../../harness/stats/rng.js';
import type { LoadKind } from '../../harness/options/load.js';

/** Monotonic time in ns as a number (2^53 ns is 104 days), and waiting for a moment of it. */
export interface LoadClock {
  nowNs(): number;
  /** Resolves at or after `ns` (at once when it has passed). */
  sleepUntil(ns: number): Promise<void>;
}

/** One event of a step, as the scheduler saw it. Times are ns from the step's start. */
export interface SentEvent<R> {
  /** Order of intended send, from 0. */
  readonly seq: number;
  /** When the event was meant to be sent. */
  readonly intendedNs: number;
  /** When it was handed to the invoker. */
  readonly sentNs: number;
  /** When the invoker's promise settled. */
  readonly doneNs: number;
  /** Events in flight when it was sent, itself included. */
  readonly inFlight: number;
  readonly outcome: R;
}

/** What one step is asked to do. */
export interface StepPlan {
  readonly kind: LoadKind;
  /** Events per second (open loop), callers (closed loop) or events at once (storm). */
  readonly level: number;
  readonly durationMs: number;
  /** Poisson gaps draw from it (seeded by the caller). */
  readonly rng: Rng;
  /**
   * Open loop: events not sent while this many are in flight, counted as
   * skipped (the client's own ceiling; a skipped event invalidates the step).
   */
  readonly maxInFlight: number;
}

/** What one step did. */
export interface StepRun<R> {
  /** Every event sent, in order of intended send. */
  readonly events: ReadonlyArray<SentEvent<R>>;
  /** Open-loop events not sent because maxInFlight were outstanding. */
  readonly skipped: number;
  /** Most events in flight at once (client-observed concurrency). */
  readonly peakInFlight: number;
  /** The clock's reading at the step's start (every other time here is relative to it). */
  readonly startNs: number;
  /** When the last answer arrived, ns from the step's start. */
  readonly endNs: number;
  /** True when `stop` asked the step to end early. */
  readonly stopped: boolean;
}

/** Calls the endpoint for event `seq`; must not reject (the scheduler turns a rejection into `failed`). */
export type Invoker<R> = (seq: number) => Promise<R>;

/**
 * Intended send times (ns from the step's start) of an open-loop step. A
 * storm's `rate` is its size: that many events, all meant for the step's
 * first instant (they leave one after another in the same turn of the loop,
 * and the microseconds between show as send lag).
 */
export function arrivalTimes(kind: Exclude<LoadKind, 'concurrency'>, rate: number, durationMs: number, rng: Rng): number[] {
  if (kind === 'storm') return Array.from({ length: rate }, () => 0);
  const durationNs = durationMs * 1e6;
  const gapNs = 1e9 / rate;
  const times: number[] = [];
  if (kind === 'rate') {
    for (let i = 0; i * gapNs < durationNs; i++) times.push(Math.round(i * gapNs));
    return times;
  }
  // Poisson process: exponential gaps of mean 1/rate, the first event at 0 as in the even schedule.
  for (let t = 0; t < durationNs; t += -Math.log(1 - rng()) * gapNs) times.push(Math.round(t));
  return times;
}

/**
 * Runs one step and resolves when every event sent has answered. `failed`
 * turns an invoker rejection into an outcome (the invoker should not reject;
 * a bug there must not lose the event). `stop` is asked before every send.
 */
export async function runStep<R>(plan: StepPlan, clock: LoadClock, invoke: Invoker<R>, failed: (error: unknown) => R, stop: () => boolean = () => false): Promise<StepRun<R>> {
  const start = clock.nowNs();
  const events: Array<SentEvent<R> | undefined> = [];
  const pending: Array<Promise<void>> = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let skipped = 0;
  let endNs = 0;
  let stopped = false;

  const send = (seq: number, intendedNs: number): Promise<void> => {
    const sentNs = clock.nowNs() - start;
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const atSend = inFlight;
    let call: Promise<R>;
    try {
      call = invoke(seq);
    } catch (error) {
      call = Promise.reject(error);
    }
    return call.then(
      (outcome) => outcome,
      (error: unknown) => failed(error),
    ).then((outcome) => {
      const doneNs = clock.nowNs() - start;
      inFlight -= 1;
      endNs = Math.max(endNs, doneNs);
      events[seq] = { seq, intendedNs, sentNs, doneNs, inFlight: atSend, outcome };
    });
  };

  if (plan.kind === 'concurrency') {
    const durationNs = plan.durationMs * 1e6;
    let next = 0;
    const caller = async (): Promise<void> => {
      while (clock.nowNs() - start < durationNs) {
        if (stop()) {
          stopped = true;
          return;
        }
        const seq = next++;
        // Closed loop: the event is meant to go when the caller is free, which is now.
        await send(seq, clock.nowNs() - start);
      }
    };
    await Promise.all(Array.from({ length: plan.level }, () => caller()));
  } else {
    const times = arrivalTimes(plan.kind, plan.level, plan.durationMs, plan.rng);
    let seq = 0;
    for (const intendedNs of times) {
      if (stop()) {
        stopped = true;
        break;
      }
      await clock.sleepUntil(start + intendedNs);
      if (inFlight >= plan.maxInFlight) {
        skipped += 1;
        continue;
      }
      // Not awaited: the next event's send time never depends on this one's answer.
      pending.push(send(seq++, intendedNs));
    }
    await Promise.all(pending);
  }
  return { events: events.filter((e): e is SentEvent<R> => e !== undefined), skipped, peakInFlight, startNs: start, endNs, stopped };
}

/**
 * The real clock: process.hrtime and timers. Timers take whole milliseconds
 * and may fire a fraction early against hrtime, so the wait is rounded up and
 * repeated until the moment has passed: an event is never sent before its
 * time, and lands up to ~1 ms late (recorded as send lag, never hidden).
 */
export const HRTIME_CLOCK: LoadClock = {
  nowNs: () => Number(process.hrtime.bigint()),
  async sleepUntil(ns) {
    for (let waitMs = (ns - Number(process.hrtime.bigint())) / 1e6; waitMs > 0; waitMs = (ns - Number(process.hrtime.bigint())) / 1e6) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(waitMs)));
    }
  },
};
