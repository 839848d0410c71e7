/**
 * The ramp's step loop, with no I/O of its own: level after level, every
 * function still climbing runs one step, the order rotating per step so no
 * function always goes first after the pause. With the stop rule (a spec
 * whose levels end in `..`), a function whose step the host or the client
 * limited (hostLimitOf: send lag, in-flight ceiling, CPU saturation, the
 * local Lambda's INIT queue) climbs no further on this path: a higher step
 * would measure this machine harder, not Lambda. A throttled or failing step
 * is valid, so it never stops the ramp: throttles and errors are the
 * system's behaviour under load, which is what the ramp is there to show.
 *
 * mode.ts drives it with real steps; ramp.test.ts with steps measured in
 * virtual time against a fake endpoint.
 */
import { hostLimitOf, type LoadStepResult } from '../../harness/contract/load.js';
import { levelUnit, type LoadKind } from '../../harness/options/load.js';

/** What the loop climbs: the spec's levels and whether the stop rule applies. */
export interface RampPlan {
  readonly kind: LoadKind;
  readonly levels: readonly number[];
  /** Levels ending in `..`: stop a function after its first host-limited step. */
  readonly untilHostLimit: boolean;
  /** Where the rotation of functions starts (a repeat's index), so no function always goes first in every repeat. */
  readonly rotation?: number;
}

/** Where one function's ramp stopped. */
export interface RampEnd {
  /** The highest level at which the function's step was valid, if any was. */
  readonly highestValid?: number;
  /** The level of the host-limited step after which the ramp stopped. */
  readonly limitedAt: number;
  /** The host's or client's limits at that step. */
  readonly reason: string;
  /** Levels of the spec the function did not run. */
  readonly skipped: readonly number[];
}

/** What the loop asks of its caller. */
export interface RampHooks<F> {
  /** Runs one step of one function (traffic, logs, summary). */
  measure(step: number, level: number, f: F): Promise<LoadStepResult>;
  /** Receives each step's final result (endsRamp set on the last one), and where the ramp ended when it ended there. */
  record(result: LoadStepResult, f: F, end: RampEnd | undefined): Promise<void> | void;
  /** Asked before every step: true ends the loop (the run was interrupted). */
  stopped(): boolean;
  /** False: the function does not run this step (a later repeat runs only the steps the first one ran). Absent: every step. */
  planned?(step: number, f: F): boolean;
}

/** Runs the ramp; resolves with where each function's ramp stopped (functions that ran every level are absent). */
export async function climbRamp<F>(plan: RampPlan, functions: readonly F[], hooks: RampHooks<F>): Promise<Map<F, RampEnd>> {
  const ends = new Map<F, RampEnd>();
  const highestValid = new Map<F, number>();
  for (const [step, level] of plan.levels.entries()) {
    const start = step + (plan.rotation ?? 0);
    const order = functions.map((_, i) => functions[(i + start) % functions.length] as F).filter((f) => !ends.has(f) && (hooks.planned?.(step, f) ?? true));
    for (const f of order) {
      if (hooks.stopped()) return ends;
      const measured = await hooks.measure(step, level, f);
      if (measured.valid) highestValid.set(f, Math.max(level, highestValid.get(f) ?? level));
      const limit = plan.untilHostLimit ? hostLimitOf(measured) : undefined;
      if (limit === undefined) {
        await hooks.record(measured, f, undefined);
        continue;
      }
      const top = highestValid.get(f);
      const end: RampEnd = { ...(top !== undefined ? { highestValid: top } : {}), limitedAt: level, reason: limit, skipped: plan.levels.slice(step + 1) };
      ends.set(f, end);
      await hooks.record({ ...measured, endsRamp: true }, f, end);
    }
  }
  return ends;
}

/** The run's note when a function's ramp stops: its highest valid step, the host-limited one and why. */
export function rampEndNote(kind: LoadKind, where: string, end: RampEnd): string {
  const unit = levelUnit(kind);
  const top = end.highestValid !== undefined ? `highest valid step ${end.highestValid} ${unit}` : 'no valid step';
  const rest = end.skipped.length > 0 ? `; not run: ${end.skipped.join(', ')} ${unit}` : '';
  return `load ${where}: ${top}; the step at ${end.limitedAt} ${unit} was host-limited: ${end.reason}. Its ramp stops there (levels ending in ".." climb until the host is the limit)${rest}`;
}
