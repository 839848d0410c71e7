/**
 * The `--load <spec>` grammar: what load a run offers, as steps of arrival
 * rate (open loop) or of concurrent callers (closed loop).
 *
 *   spec     := kind ':' levels [ '..' ] [ '@' duration [ '+' settle ] ]
 *             | 'storm' ':' levels [ '..' ] [ '@' wait [ '+' settle ] ]
 *   kind     := 'rate' | 'poisson' | 'concurrency'
 *   levels   := n (',' n)*  |  a '..' b        (a..b doubles from a up to b, b included)
 *   '..'     := climb until the host is the limit (the stop rule, below)
 *   duration := number ('s' | 'ms')             (sending time of each step)
 *   wait     := number ('s' | 'ms')             (storm: how long its events may take to be answered and logged)
 *   settle   := number ('s' | 'ms')             (quiet pause after each step)
 *
 * `rate` sends events evenly spaced at n per second, `poisson` at the same
 * mean rate with exponential gaps (seeded), `concurrency` keeps n callers
 * busy, each sending its next event when its previous one answered.
 * `storm` is a cold-start storm: before each step the function is made cold
 * (its environments retired, as for a forced cold start), then n events with
 * one intended send time go out at once, so n environments start together
 * (lambda/load/storm.ts). A storm has no sending time; its `@wait` bounds
 * how long its events have to be answered and read back from the logs.
 * Examples: `rate:1,5,10,25@10s+2s`, `poisson:1..32@15s`, `concurrency:1,4,16@8s`, `storm:10,25,50@30s+5s`.
 *
 * The stop rule: levels ending in `..` (`rate:1,10,100..@40s`) climb only
 * while the host keeps up. After the first step of a function that the host
 * or the client limited (INVALID: send lag, the in-flight ceiling, CPU
 * saturation, the local Lambda's INIT queue), that function's later steps
 * on that path are not run: they would measure this machine, not Lambda.
 * Throttles and errors never stop the ramp: they are what is measured.
 * Without `..` every step runs, INVALID or not. The choice is part of the
 * spec's text, so run.json records it with the ramp.
 *
 * Parsing only: no I/O, no clock. The load generator itself is lambda/load/;
 * the flags are declared in load-flags.ts.
 */
import { UsageError } from './errors.js';
import { LOAD_PROFILE } from './profiles.js';
import type { LoadConfig, LoadSpecConfig } from '../contract/config.js';

/** A parsed load specification (plain data: recorded in run.json as given and resolved; the contract's type). */
export type LoadSpec = LoadSpecConfig;
/** Open loop with even spacing, open loop with Poisson arrivals, closed loop, or cold-start storms. */
export type LoadKind = LoadSpec['kind'];

/** The kinds, as --load names them. */
export const LOAD_KINDS: readonly LoadKind[] = ['rate', 'poisson', 'concurrency', 'storm'];

/** The default ramp (profiles.ts, with every other default). */
export const DEFAULT_LOAD = LOAD_PROFILE.spec;
/** The --quick ramp (profiles.ts). */
export const QUICK_LOAD = LOAD_PROFILE.quickSpec;

/**
 * Bounds that stop a typo from starting an hour of billed traffic, and keep
 * one step's events in memory: 1000 events/s for 600 s is 600,000 records.
 */
export const LOAD_BOUNDS = {
  rate: { min: 0.1, max: 1000 },
  concurrency: { min: 1, max: 256 },
  /** Events of one storm: the client's in-flight ceiling is 512, and 256 environments at once is already a fleet. */
  storm: { min: 1, max: 256 },
  durationMs: { min: 500, max: 600_000 },
  /** A storm's wait for its answers and log lines: at least a cold start's worth, at most a step's longest sending time. */
  waitMs: { min: 1000, max: 600_000 },
  settleMs: { min: 0, max: 120_000 },
  steps: { max: 20 },
} as const;

function fail(text: string, why: string): never {
  throw new UsageError(`--load "${text}": ${why} (grammar: kind:levels[..][@duration[+settle]] or storm:levels[..][@wait[+settle]], e.g. ${DEFAULT_LOAD})`);
}

/** How long a storm's events may take to be answered and logged unless `@wait` says: the load mode's receipt wait. */
export const DEFAULT_STORM_WAIT_MS = 30_000;

/** Reads `15s`, `500ms`, `1.5s` as ms. */
function parseDuration(text: string, value: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(value);
  if (!match) fail(text, `${what} must be a number with s or ms, got "${value}"`);
  const n = Number(match[1]);
  return match[2] === 's' ? n * 1000 : n;
}

function parseNumber(text: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) fail(text, `a level must be a positive number, got "${value}"`);
  return Number(value);
}

/** Levels: a list, or a doubling range a..b. */
function parseLevels(text: string, value: string): number[] {
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const from = parseNumber(text, range[1] as string);
    const to = parseNumber(text, range[2] as string);
    if (from <= 0 || to < from) fail(text, `a range a..b needs 0 < a <= b, got ${value}`);
    const levels: number[] = [];
    for (let level = from; level < to && levels.length <= LOAD_BOUNDS.steps.max; level *= 2) levels.push(level);
    levels.push(to);
    return levels;
  }
  return value.split(',').map((item) => parseNumber(text, item.trim()));
}

/** The stop rule's marker: levels ending in it climb until the host is the limit. */
export const UNTIL_HOST_LIMIT = '..';

/** Parses a spec; every mistake is one UsageError line naming the grammar. */
export function parseLoadSpec(text: string): LoadSpec {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon === -1) fail(text, 'missing "kind:"');
  const named = trimmed.slice(0, colon);
  const kind = LOAD_KINDS.find((k) => k === named);
  if (kind === undefined) fail(text, `kind must be rate, poisson, concurrency or storm, got "${named}"`);
  const storm = kind === 'storm';
  const rest = trimmed.slice(colon + 1);
  const at = rest.indexOf('@');
  const allLevels = at === -1 ? rest : rest.slice(0, at);
  const untilHostLimit = allLevels.endsWith(UNTIL_HOST_LIMIT);
  const levelText = untilHostLimit ? allLevels.slice(0, -UNTIL_HOST_LIMIT.length) : allLevels;
  let durationMs = 10_000;
  let settleMs = 2_000;
  let waitMs = DEFAULT_STORM_WAIT_MS;
  if (at !== -1) {
    const [duration, settle, extra] = rest.slice(at + 1).split('+');
    if (extra !== undefined) fail(text, 'one "+settle" at most');
    // A storm sends everything at once: the slot a ramp gives its sending time holds the storm's wait.
    if (storm) waitMs = parseDuration(text, duration ?? '', 'wait');
    else durationMs = parseDuration(text, duration ?? '', 'duration');
    if (settle !== undefined) settleMs = parseDuration(text, settle, 'settle');
  }
  const levels = parseLevels(text, levelText);
  if (levels.length === 0 || levelText === '') fail(text, 'no levels');
  if (levels.length > LOAD_BOUNDS.steps.max) fail(text, `at most ${LOAD_BOUNDS.steps.max} steps, got ${levels.length}`);
  const bound = kind === 'concurrency' ? LOAD_BOUNDS.concurrency : storm ? LOAD_BOUNDS.storm : LOAD_BOUNDS.rate;
  for (const level of levels) {
    if (level < bound.min || level > bound.max) fail(text, `${kind} levels must lie in ${bound.min}..${bound.max}, got ${level}`);
    if (kind === 'concurrency' && !Number.isInteger(level)) fail(text, `concurrency levels are whole callers, got ${level}`);
    if (storm && !Number.isInteger(level)) fail(text, `storm levels are whole events, got ${level}`);
  }
  if (storm && (waitMs < LOAD_BOUNDS.waitMs.min || waitMs > LOAD_BOUNDS.waitMs.max)) {
    fail(text, `wait must lie in ${LOAD_BOUNDS.waitMs.min / 1000} s..${LOAD_BOUNDS.waitMs.max / 1000} s`);
  }
  if (!storm && (durationMs < LOAD_BOUNDS.durationMs.min || durationMs > LOAD_BOUNDS.durationMs.max)) {
    fail(text, `duration must lie in ${LOAD_BOUNDS.durationMs.min} ms..${LOAD_BOUNDS.durationMs.max / 1000} s`);
  }
  if (settleMs > LOAD_BOUNDS.settleMs.max) fail(text, `settle must be at most ${LOAD_BOUNDS.settleMs.max / 1000} s`);
  // A storm has no sending time: its events all leave at the step's start.
  if (storm) return { text: trimmed, kind, levels, durationMs: 0, waitMs, settleMs, untilHostLimit };
  return { text: trimmed, kind, levels, durationMs, settleMs, untilHostLimit };
}

/** The invocation paths a load run can take. */
export const LOAD_PATHS = ['sync', 'event', 'eventbridge', 'scheduled'] as const;
/** One invocation path: synchronous Invoke, asynchronous Invoke, EventBridge PutEvents, or a scheduled rule's invocations. */
export type LoadPath = (typeof LOAD_PATHS)[number];

/** What the path is called in results. */
export const PATH_LABELS: Readonly<Record<LoadPath, string>> = {
  sync: 'sync Invoke (RequestResponse)',
  event: 'async Invoke (Event)',
  eventbridge: 'EventBridge PutEvents',
  scheduled: 'EventBridge scheduled rule',
};

/** The unit of a step's level, for tables. */
export function levelUnit(kind: LoadKind): string {
  return kind === 'concurrency' ? 'callers' : kind === 'storm' ? 'events at once' : 'events/s';
}

/**
 * The longest a ramp can take, ms: every step of every function on every
 * path, each `duration + settle` plus `perStepMs` of the run's own (reading
 * logs back; asynchronous paths wait for receipts). A ramp that climbs until
 * the host is the limit usually ends sooner; this is the bound to plan by.
 */
export function rampWorstCaseMs(spec: LoadSpec, functions: number, paths: number, perStepMs = 0): number {
  // A storm sends at once and then waits at most its `wait` for answers and logs.
  const stepMs = spec.kind === 'storm' ? (spec.waitMs ?? DEFAULT_STORM_WAIT_MS) : spec.durationMs;
  return spec.levels.length * functions * paths * (stepMs + spec.settleMs + perStepMs);
}

/** Events a step plans to send (open loop; a storm its level; closed loop sends as fast as answers come). */
export function plannedEvents(kind: LoadKind, level: number, durationMs: number): number | undefined {
  if (kind === 'storm') return level;
  return kind === 'concurrency' ? undefined : Math.max(1, Math.round((level * durationMs) / 1000));
}

/** The load block of the Lambda options (recorded in run.json's config as the contract's LoadConfig). */
export type LoadOptions = LoadConfig;

