/**
 * One step of a cold-start storm (`--load storm:N,...`): a burst of N events
 * arriving at once at a function with no warm environment, as after a
 * deploy, a quiet night or a fan-out, so N environments must start together.
 *
 * A ramp keeps a function's environments warm from step to step; a storm
 * makes the function cold first, through the same mechanism the Lambda
 * mode's forced cold samples use (lambda/measure/force.ts: a configuration
 * change Lambda answers by retiring every environment, waited for until the
 * update is done), and only then sends its N events, every one with the same
 * intended send time (scheduler.ts's arrival times for `storm`), so latency
 * counts from the moment the burst was meant to land.
 *
 * When the environments could not be retired, the step still runs (its
 * figures stay in the record) but it is INVALID with NOT_COLD_REASON: a burst
 * onto warm environments is not a storm. That is not the host's limit, so a
 * storm whose levels end in `..` does not stop there.
 *
 * No I/O here: the caller gives the forcing and the step (mode.ts the real
 * ones, storm.test.ts fakes in virtual time).
 */
import { NOT_COLD_REASON, type LoadStepResult } from '../../harness/contract/load.js';
import { DEFAULT_STORM_WAIT_MS, rampWorstCaseMs, type LoadSpec } from '../../harness/options/load.js';

/** What a storm step needs from its caller. */
export interface StormStep {
  /** Retires the function's environments and waits until Lambda applied the change (forceColdStart). */
  readonly forceCold: () => Promise<void>;
  /** The burst itself: N events with one intended send time, read back and summarised (mode.ts's measureStep). */
  readonly measure: () => Promise<LoadStepResult>;
}

/**
 * Makes the function cold, then runs the burst. The result says whether the
 * forcing succeeded (`forcedCold`); a failed forcing marks the step INVALID
 * with its reason instead of passing warm environments off as a storm.
 */
export async function runStorm(step: StormStep): Promise<LoadStepResult> {
  let failure: string | undefined;
  try {
    await step.forceCold();
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const result = await step.measure();
  if (failure === undefined) return { ...result, forcedCold: true };
  return { ...result, forcedCold: false, valid: false, invalidReasons: [...result.invalidReasons, `${NOT_COLD_REASON}: forcing new environments failed: ${failure}`] };
}

/**
 * The run's note on what limits a storm on this host: the local Lambda starts
 * at most `limit` environments at once (its start gate, one INIT per core),
 * so a storm of more events queues starts here, which Lambda, starting each
 * environment on its own machine, does not do. Undefined on AWS (no gate).
 */
export function stormHostNote(gate: { readonly limit: number; readonly reason: string } | undefined, levels: readonly number[]): string | undefined {
  if (!gate) return undefined;
  const over = levels.filter((n) => n > gate.limit);
  if (over.length === 0) return undefined;
  return (
    `load storm: this host starts at most ${gate.limit} execution environment(s) at once (${gate.reason}); ` +
    `storms of ${over.join(', ')} event(s) queue their cold starts on this host and are INVALID when they do: ` +
    `${Math.max(...over)} Node processes starting together on ${gate.limit} core(s) is the host's limit, not Lambda's`
  );
}

/**
 * The run's plan of a storm load: how many storms, that each meets a cold
 * function, and the longest it can take (every storm waiting its full
 * `wait`; forcing a function cold adds a configuration update per storm).
 */
export function stormPlanNote(spec: LoadSpec, functions: number, paths: number, repeats = 1): string {
  const waitMs = spec.waitMs ?? DEFAULT_STORM_WAIT_MS;
  const worstMin = Math.ceil((repeats * rampWorstCaseMs(spec, functions, paths)) / 60_000);
  return (
    `load: ${spec.levels.length * functions * paths * repeats} storm(s) planned (${spec.levels.join(', ')} events at once x ${functions} function(s) x ${paths} path(s) x ${repeats} repeat(s)); ` +
    `before each, the function's environments are retired (a configuration change, waited for), so every event meets a cold function; ` +
    `at most ${worstMin} min with every storm waiting the full ${waitMs / 1000} s for its log lines and ${spec.settleMs / 1000} s quiet after` +
    (spec.untilHostLimit ? '; each function stops after its first host-limited storm' : '')
  );
}
