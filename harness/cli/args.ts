/**
 * Command-line parsing for `npm run bench`. Every mistake is a UsageError:
 * one line on stderr and exit code 2.
 */
import { join } from 'node:path';
import { ENGINE_CONFIGS } from '../cold/engines.js';
import type { BenchOptions } from '../run/options.js';
import { RESULTS_DIR } from '../paths.js';
import { LAMBDA_FLAGS, LAMBDA_HELP, lambdaOptionsFrom, type LambdaOptions } from '../../lambda/measure/options.js';
import { boundedInteger, knownList, parseFlags, UsageError, type Bounds } from './flags.js';
import { SIZE_NAMES, type PlacementName, type SizeName, type TargetName } from '../types.js';

export { UsageError } from './flags.js';

/** What the CLI was asked to do. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | { readonly kind: 'run'; readonly options: BenchOptions }
  /** Continue the interrupted run in `dir` with its recorded options. */
  | { readonly kind: 'resume'; readonly dir: string };

/** Names the parser checks selections against. */
export interface Known {
  readonly workloads: readonly string[];
  readonly targets: readonly TargetName[];
  readonly defaultTargets: readonly TargetName[];
}

const PLACEMENTS: readonly PlacementName[] = ['local', 'lambda'];

/** The help text. */
export const HELP = `npm run bench -- [options]

Measures workloads as Node.js (TypeScript) and as WebAssembly, warm in-process
and cold in fresh processes; writes results/runs/<run-id>/ (run.json, samples.jsonl, reports).

Selection
  --workloads a,b        workloads to run (default: all; see --list)
  --targets a,b          targets (default: all of them, node-idiomatic included; see --list)
  --sizes a,b            small,medium,large (default: all three)
  --placements a,b       local,lambda (default: local)
Warm (steady state, in fresh processes: the process is the unit of replication)
  --forks <n>            processes per workload x size, each measuring every target (default 5; quick 3)
  --max-forks <n>        more processes for a group whose verdict is unresolved, up to n (default 10; quick 5)
  --resolve-budget <s>   time the extra processes may take in all (default 90; quick 20)
  --time <ms>            measured time per task in each process, split over rounds (default 150; 0 skips warm)
  --warmup <ms>          warm-up per task in each process (default 50)
  --rounds <n>           interleaving rounds per process, each in a new shuffled order (default 3)
  --skip-controls        do not measure the calibration controls (A/A and planted 5% difference)
  --self-check           measure only the calibration controls and say whether the intervals hold
Cold (fresh processes)
  --cold-samples <n>     fresh-process samples per workload x target (default 30; 0 skips cold)
  --cold-sizes a,b       sizes measured cold (default: small)
  --engines a,b          V8 configurations: ${ENGINE_CONFIGS.map((e) => e.name).join(', ')}, or all (default: default)
  --cold-calls <n>       calls recorded one by one after the first (default 100)
  --cold-call-budget <ms> cap on one process's call time after the first call (default 1000)
  --cold-timeout <ms>    per-sample timeout (default 30000)
${LAMBDA_HELP}
General
  --seed <n>             seed for inputs, orders and bootstrap (default 1 = the committed vectors)
  --out <dir>            run directory (default results/runs/<run-id>; refused if it holds a run)
  --resume <dir>         continue an interrupted run in <dir> with its recorded options
  --quick                smoke run: small size, short times, 10 cold samples (about 2 min on 2 cores)
  --list                 list workloads (each size: payload bytes, what it means) and targets
  --wide                 end with the full 13-column table (default: a compact table that fits 120 columns)
  --help                 this text

Every number has a range (an error names it, e.g. --time 0..3600000 ms); flags the run
would ignore (Lambda flags without --placements lambda, --rounds with --time 0, ...) are refused.`;

/** Bench's own flags (the Lambda ones come from LAMBDA_FLAGS). */
const BENCH_FLAGS = {
  workloads: { type: 'string' }, targets: { type: 'string' }, sizes: { type: 'string' }, placements: { type: 'string' },
  time: { type: 'string' }, warmup: { type: 'string' }, rounds: { type: 'string' },
  'cold-samples': { type: 'string' }, 'cold-sizes': { type: 'string' }, engines: { type: 'string' },
  'cold-calls': { type: 'string' }, 'cold-timeout': { type: 'string' }, 'cold-call-budget': { type: 'string' },
  seed: { type: 'string' }, out: { type: 'string' }, quick: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean' },
  resume: { type: 'string' },
  forks: { type: 'string' }, 'max-forks': { type: 'string' }, 'resolve-budget': { type: 'string' },
  'skip-controls': { type: 'boolean' }, 'self-check': { type: 'boolean' },
  wide: { type: 'boolean' },
} as const;

/**
 * Ranges of the numeric flags. Upper bounds stop a typo from starting a run
 * that never ends; each says why it is where it is.
 */
export const BOUNDS = {
  time: { min: 0, max: 3_600_000, unit: 'ms', why: 'at most an hour per task' },
  warmup: { min: 0, max: 600_000, unit: 'ms', why: 'at most 10 minutes per task' },
  rounds: { min: 1, max: 1000, why: 'each round reshuffles the order; more only splits --time finer' },
  forks: { min: 1, max: 100, why: 'each is a fresh process measuring every target of a group' },
  'max-forks': { min: 1, max: 100, why: 'each is a fresh process measuring every target of a group' },
  'resolve-budget': { min: 0, max: 3600, unit: 's', why: 'at most an hour of extra processes' },
  'cold-samples': { min: 0, max: 10_000, why: 'each is a fresh process of up to --cold-timeout' },
  'cold-calls': { min: 0, max: 100_000, why: 'a warm-up curve, not a warm measurement' },
  'cold-call-budget': { min: 0, max: 60_000, unit: 'ms', why: 'a process\'s calls after the first' },
  'cold-timeout': { min: 100, max: 600_000, unit: 'ms', why: 'at most 10 minutes per sample' },
  seed: { min: 0, max: 4_294_967_295, why: 'a 32-bit unsigned seed; larger ones would repeat smaller ones' },
} as const satisfies Record<string, Bounds>;

/** Flags that only the local placement reads. */
const LOCAL_FLAGS = ['sizes', 'time', 'warmup', 'rounds', 'forks', 'max-forks', 'resolve-budget', 'skip-controls', 'self-check', 'cold-samples', 'cold-sizes', 'engines', 'cold-calls', 'cold-call-budget', 'cold-timeout'] as const;
/** Flags that only warm (in-process) measurement reads, and only cold measurement. */
const WARM_ONLY = ['warmup', 'rounds', 'forks', 'max-forks', 'resolve-budget', 'skip-controls'] as const;
const COLD_ONLY = ['cold-sizes', 'engines', 'cold-calls', 'cold-call-budget', 'cold-timeout'] as const;

/** Parses argv (without node and script). */
export function parseCommand(argv: readonly string[], known: Known, runId: string): Command {
  const { values: v, given } = parseFlags(argv, { ...BENCH_FLAGS, ...LAMBDA_FLAGS });
  if (v.help) return { kind: 'help' };
  if (v.list) return { kind: 'list' };
  if (v.resume !== undefined) {
    // A resumed run must measure what the run started measuring: its recorded options, nothing else.
    const other = given.find((name) => name !== 'resume');
    if (other !== undefined) throw new UsageError(`--resume continues a run with the options it recorded; drop --${other}`);
    if (v.resume.trim() === '') throw new UsageError('--resume needs the run directory');
    return { kind: 'resume', dir: v.resume };
  }
  const quick = v.quick === true;
  const int = (name: keyof typeof BOUNDS): number | undefined => boundedInteger(v[name], name, BOUNDS[name]);
  const placements = knownList(v.placements, PLACEMENTS, 'placements') ?? ['local'];
  const selfCheck = v['self-check'] === true;
  if (selfCheck) {
    const other = given.find((name) => !['self-check', 'seed', 'out', 'quick', 'forks', 'max-forks', 'resolve-budget', 'time', 'warmup', 'rounds'].includes(name));
    if (other !== undefined) throw new UsageError(`--self-check measures only the calibration controls; drop --${other}`);
  }
  const forks = int('forks') ?? (quick ? 3 : 5);
  const maxForks = int('max-forks') ?? Math.max(forks, quick ? 5 : 10);
  if (maxForks < forks) throw new UsageError(`--max-forks ${maxForks} is below --forks ${forks}: the ceiling cannot be under the minimum`);
  const options: BenchOptions = {
    workloads: selfCheck ? [] : (knownList(v.workloads, known.workloads, 'workloads') ?? [...known.workloads]),
    targets: knownList(v.targets, known.targets, 'targets') ?? [...known.defaultTargets],
    sizes: knownList<SizeName>(v.sizes, SIZE_NAMES, 'sizes') ?? (quick ? ['small'] : [...SIZE_NAMES]),
    sizesExplicit: v.sizes !== undefined,
    placements,
    timeMs: int('time') ?? (quick ? 60 : 150),
    warmupMs: int('warmup') ?? (quick ? 20 : 50),
    rounds: int('rounds') ?? (quick ? 2 : 3),
    forks,
    maxForks,
    resolveBudgetMs: (int('resolve-budget') ?? (quick ? 20 : 90)) * 1000,
    controls: v['skip-controls'] !== true,
    seed: int('seed') ?? 1,
    coldSamples: selfCheck ? 0 : (int('cold-samples') ?? (quick ? 10 : 30)),
    coldSizes: knownList<SizeName>(v['cold-sizes'], SIZE_NAMES, 'cold-sizes') ?? ['small'],
    engines: v.engines === 'all' ? ENGINE_CONFIGS.map((e) => e.name) : (knownList(v.engines, ENGINE_CONFIGS.map((e) => e.name), 'engines') ?? ['default']),
    coldCalls: int('cold-calls') ?? 100,
    coldTimeoutMs: int('cold-timeout') ?? 30_000,
    coldCallBudgetMs: int('cold-call-budget') ?? (quick ? 250 : 1000),
    quick,
    wide: v.wide === true,
    outDir: v.out ?? join(RESULTS_DIR, 'runs', runId),
    lambda: lambdaFlags(v, quick),
  };
  checkApplies(options, given);
  return { kind: 'run', options };
}

/**
 * Refuses flags the run would silently ignore, and runs that measure nothing.
 * Refused rather than warned: a run takes minutes, a warning scrolls away
 * under its progress lines, and run.json would record a config that did not
 * do what was typed.
 */
function checkApplies(options: BenchOptions, given: readonly string[]): void {
  const local = options.placements.includes('local');
  const lambda = options.placements.includes('lambda');
  const lambdaFlag = given.find((name) => name in LAMBDA_FLAGS);
  if (!lambda && lambdaFlag !== undefined) throw new UsageError(`--${lambdaFlag} applies only to the Lambda placement: add --placements lambda (or local,lambda), or drop --${lambdaFlag}`);
  const localFlag = given.find((name) => (LOCAL_FLAGS as readonly string[]).includes(name));
  if (!local && localFlag !== undefined) throw new UsageError(`--${localFlag} applies only to the local placement: add local to --placements, or drop --${localFlag} (Lambda's own flags are --lambda-*)`);
  if (!local) return;
  if (options.timeMs === 0 && given.includes('self-check')) throw new UsageError('--self-check measures warm: --time 0 leaves nothing to measure');
  if (options.timeMs === 0 && options.coldSamples === 0) {
    throw new UsageError(`nothing to measure locally: --time 0 skips warm and --cold-samples 0 skips cold${lambda ? '; use --placements lambda alone' : ''}`);
  }
  const warmFlag = given.find((name) => (WARM_ONLY as readonly string[]).includes(name));
  if (options.timeMs === 0 && warmFlag !== undefined) throw new UsageError(`--${warmFlag} does not apply: --time 0 skips warm measurement`);
  const coldFlag = given.find((name) => (COLD_ONLY as readonly string[]).includes(name));
  if (options.coldSamples === 0 && coldFlag !== undefined) throw new UsageError(`--${coldFlag} does not apply: --cold-samples 0 skips cold measurement`);
}

/** The Lambda flags (shared with npm run deploy), with Lambda's mistakes reported as usage errors. */
function lambdaFlags(values: Readonly<Record<string, string | boolean | undefined>>, quick: boolean): LambdaOptions {
  // LambdaOptionError is a UsageError: the same one line and exit 2.
  return lambdaOptionsFrom(values, quick);
}
