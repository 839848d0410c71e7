/**
 * The load flags of `npm run bench` (--load, --load-paths, --load-reserved, --schedule),
 * declared as data like every flag, and the load block they make
 * (BenchOptions.lambda.load). The spec grammar is in load.ts.
 */
import type { FlagSet } from './declare.js';
import { UsageError } from './errors.js';
import { DEFAULT_LOAD, DEFAULT_STORM_WAIT_MS, LOAD_PATHS, parseLoadSpec, QUICK_LOAD, rampWorstCaseMs, type LoadOptions } from './load.js';
import { LOAD_PROFILE } from './profiles.js';

/** The schedule of the scheduled path when --schedule is not given. */
export const DEFAULT_SCHEDULE = 'rate(1 minute)';

const SECTION = 'Load (--placements lambda --load <spec>: latency under load instead of one call at a time)';

/** The default ramp's longest run, minutes: node and wasm of the two default workloads on one path, no step host-limited. */
export const DEFAULT_RAMP_WORST_MIN = Math.ceil((LOAD_PROFILE.repeats * rampWorstCaseMs(parseLoadSpec(DEFAULT_LOAD), LOAD_PROFILE.workloads.length * LOAD_PROFILE.targets.length, 1)) / 60_000);

/** The load flags' declarations. */
export const LOAD_FLAGS = {
  load: {
    kind: 'string', value: '<spec>', section: SECTION,
    help:
      `kind:levels[..][@duration[+settle]], or default (${DEFAULT_LOAD};\n` +
      `--quick ${QUICK_LOAD}; the default takes at most ${DEFAULT_RAMP_WORST_MIN} min per path, less once the host limits it)\n` +
      'kind: rate (open loop, evenly spaced), poisson (open loop, exponential gaps),\n' +
      'concurrency (closed loop: n callers); levels: 1,5,10 or 1..32 (doubling);\n' +
      'levels ending in .. climb until the host is the limit: a function stops after\n' +
      'its first INVALID step (throttles and errors never stop it); without .. every step runs;\n' +
      'duration: sending time per step (s or ms); settle: quiet pause after each step.\n' +
      'storm:levels[..][@wait[+settle]] is a cold-start storm: before each step the function\n' +
      "is made cold (its environments retired, as for a forced cold start), then n events\n" +
      `leave at once; wait: how long each storm waits for its log lines (default ${DEFAULT_STORM_WAIT_MS / 1000}s).\n` +
      'On the local Lambda a storm larger than its INIT slots (one per core) is INVALID: the host queued the starts.\n' +
      "Open-loop latency counts from each event's intended send time (no coordinated\n" +
      `omission). With --load, --workloads defaults to ${LOAD_PROFILE.workloads.join(',')}, --targets to\n` +
      `${LOAD_PROFILE.targets.join(',')} and --memory to ${LOAD_PROFILE.memory.join(',')}; steps the host limited (send lag, CPU) read INVALID`,
  },
  'load-paths': {
    kind: 'list', value: 'a,b', section: SECTION, choices: LOAD_PATHS, item: 'load path',
    help: `sync (RequestResponse), event (async Invoke), eventbridge (PutEvents), scheduled (a\nscheduled rule's invocations: delay from the scheduled time) (default ${LOAD_PROFILE.paths.join(',')})`,
  },
  'load-repeats': {
    kind: 'integer', value: '<n>', section: SECTION,
    help: 'times the ramp runs, each in fresh execution environments; percentile intervals are\n' +
      `taken across repeats, so they hold when the run is repeated (default ${LOAD_PROFILE.repeats}; --quick ${LOAD_PROFILE.quickRepeats});\n` +
      '1 gives intervals within one repeat\'s events, which do not',
    bounds: { min: 1, max: 20, why: 'each repeat runs the whole ramp again' },
  },
  'load-reserved': {
    kind: 'integer', value: '<n>', section: SECTION, help: 'reserved concurrency set on each function for the run (throttles show as 429s)',
    bounds: { min: 0, max: 1000, why: "Lambda's default account concurrency is 1000" },
  },
  schedule: {
    kind: 'string', value: '<expr>', section: SECTION,
    help: `the scheduled rule of the load path scheduled, e.g. "rate(1 minute)" (default ${DEFAULT_SCHEDULE});\n` +
      'deploying, the run creates it per function on the default bus; with --no-deploy it must be\n' +
      'the one npm run deploy -- --schedule made. rate(1 minute) fires once a minute: measure it\n' +
      'with long steps (e.g. --load rate:1@300s)',
  },
} as const satisfies FlagSet;


/**
 * Checks a ScheduleExpression as EventBridge writes them: `rate(1 minute)`,
 * `rate(5 minutes)` (singular exactly for 1; minute, hour or day: AWS has no
 * rate below a minute), or `cron(...)` with six fields (AWS accepts it; the
 * local Lambda refuses cron, as its README says).
 */
export function checkSchedule(text: string, flag = '--schedule'): string {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const n = Number(rate[1]);
    if (n >= 1 && (n === 1) === !(rate[2] as string).endsWith('s')) return text;
  }
  if (/^cron\(\S+( \S+){5}\)$/.test(text)) return text;
  throw new UsageError(`${flag} "${text}" is not a schedule EventBridge takes: rate(1 minute), rate(N minutes|hours|days) with N > 1, or cron(six fields); nothing below a minute`);
}

/** Workloads, targets and memory a load run measures unless told otherwise (profiles.ts). */
export const LOAD_DEFAULTS = LOAD_PROFILE;

/** The parsed load flags. */
export interface LoadFlagValues {
  readonly load?: string | undefined;
  readonly 'load-paths'?: readonly string[] | undefined;
  readonly 'load-reserved'?: number | undefined;
  readonly 'load-repeats'?: number | undefined;
  readonly schedule?: string | undefined;
}

/** The load block, or undefined without --load (a load flag without it is refused). */
export function loadOptions(v: LoadFlagValues, quick: boolean): LoadOptions | undefined {
  if (v.load === undefined) {
    const other = (['load-paths', 'load-reserved', 'load-repeats', 'schedule'] as const).find((flag) => v[flag] !== undefined);
    if (other !== undefined) throw new UsageError(`--${other} applies only to a load run: add --load <spec> (or --load default)`);
    return undefined;
  }
  const spec = parseLoadSpec(v.load.trim() === 'default' ? (quick ? QUICK_LOAD : DEFAULT_LOAD) : v.load);
  const paths = (v['load-paths'] ?? LOAD_PROFILE.paths) as LoadOptions['paths'];
  if (v.schedule !== undefined && !paths.includes('scheduled')) throw new UsageError('--schedule applies to the load path scheduled: add it to --load-paths');
  // A storm sends its own events at once; a scheduled rule's events come when the schedule fires, so there is nothing to burst.
  if (spec.kind === 'storm' && paths.includes('scheduled')) throw new UsageError('--load storm:... sends its events at once; the scheduled path\'s events come from its schedule: drop scheduled from --load-paths');
  // Recorded only where the scheduled path runs, so other runs' config stays as it was.
  const schedule = paths.includes('scheduled') ? checkSchedule(v.schedule ?? DEFAULT_SCHEDULE) : undefined;
  const repeats = v['load-repeats'] ?? (quick ? LOAD_PROFILE.quickRepeats : LOAD_PROFILE.repeats);
  return { spec, paths, repeats, ...(v['load-reserved'] !== undefined ? { reserved: v['load-reserved'] } : {}), ...(schedule !== undefined ? { schedule } : {}) };
}
