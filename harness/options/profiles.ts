/**
 * Every default of every command, and what `--quick` changes, in one place
 * (as tachometer keeps its defaults): the parser fills flags not given from
 * here, and --help prints these same values. To change a default, change
 * it here; nothing else repeats it.
 */
import type { Profile } from './declare.js';
import type { BenchFlags } from './bench-flags.js';
import type { LambdaFlags } from './lambda-flags.js';
import type { BAD_INPUTS_FLAGS, COMPARE_FLAGS, CONTROL_RATES_FLAGS, LOCAL_LAMBDA_FLAGS } from './tool-flags.js';
import { SIZE_NAMES } from '../contract/workload.js';
import { NOISE_THRESHOLD } from '../stats/verdict.js';

/** Defaults of the Lambda flags (bench with --placements lambda, deploy, teardown). */
export const LAMBDA_DEFAULTS = {
  memory: [128, 512, 1769, 3008],
  arch: ['x86_64'],
  prefix: 'wlb-',
  /** Node.js 20 is past its Lambda deprecation date; 22 runs the node20-targeted bundles unchanged. */
  runtime: 'nodejs22.x',
  /** Warm invocations per function and environment. */
  'lambda-samples': 10,
  /**
   * Environments per function. At least MIN_PROCESSES (3) even in --quick, or
   * no warm verdict could be given; 5 by default, where the t quantile (2.78 at
   * 4 degrees of freedom, 4.30 at 2) no longer dominates the interval.
   */
  'lambda-environments': 5,
  'lambda-warmup': 20,
  /**
   * Forced cold starts per function. 6 by default: MIN_BOOTSTRAP_SAMPLES, the
   * fewest a cold verdict rests on; --quick takes just the environments' own.
   */
  'lambda-cold-samples': 6,
  'lambda-sizes': ['small'],
  'lambda-timeout': 60,
} as const satisfies Profile<LambdaFlags>;

/** What `--quick` changes in the Lambda flags: a smaller sweep, fewer samples. */
export const LAMBDA_QUICK = {
  memory: [128, 1769],
  'lambda-samples': 5,
  'lambda-environments': 3,
  'lambda-warmup': 10,
  'lambda-cold-samples': 2,
} as const satisfies Profile<LambdaFlags>;

/** Defaults of `npm run bench` (Lambda's included). Workloads and targets default to all known at run time. */
export const BENCH_DEFAULTS = {
  sizes: SIZE_NAMES,
  placements: ['local'],
  forks: 5,
  'max-forks': 10,
  'resolve-budget': 90,
  time: 150,
  warmup: 50,
  rounds: 3,
  'cold-samples': 30,
  'cold-sizes': ['small'],
  engines: ['default'],
  'cold-calls': 100,
  'cold-call-budget': 1000,
  'cold-timeout': 30_000,
  /** Seed 1 reproduces the committed expected outputs. */
  seed: 1,
  ...LAMBDA_DEFAULTS,
} as const satisfies Profile<BenchFlags>;

/** `npm run bench -- --quick`: a smoke run (small size, short times; about 2 minutes on 2 cores). */
export const BENCH_QUICK = {
  sizes: ['small'],
  forks: 3,
  'max-forks': 5,
  'resolve-budget': 20,
  time: 60,
  warmup: 20,
  rounds: 2,
  'cold-samples': 10,
  'cold-call-budget': 250,
  ...LAMBDA_QUICK,
} as const satisfies Profile<BenchFlags>;

/** `npm run lambda:local`. */
export const LOCAL_LAMBDA_DEFAULTS = {
  port: 9777,
  region: 'us-east-1',
  'idle-ms': 300_000,
  'runtime-client': 'auto',
} as const satisfies Profile<typeof LOCAL_LAMBDA_FLAGS>;

/** `npm run compare`: the noise band is the run's own verdict band (compare's DEFAULT_NOISE), as a percentage. */
export const COMPARE_DEFAULTS = { noise: String(NOISE_THRESHOLD * 100) } as const satisfies Profile<typeof COMPARE_FLAGS>;

/** `npm run control-rates`. */
export const CONTROL_RATES_DEFAULTS = { repeats: 20 } as const satisfies Profile<typeof CONTROL_RATES_FLAGS>;

/** `harness/tools/bad-inputs.ts`: two cores are shared, more than a few cases at once only makes each slower. */
export const BAD_INPUTS_DEFAULTS = { jobs: 2 } as const satisfies Profile<typeof BAD_INPUTS_FLAGS>;

/**
 * Latency under load (`--load`): the ramp `--load default` stands for, with
 * and without --quick, the path measured unless --load-paths says otherwise,
 * and what a load run measures unless told otherwise (the default ramp
 * stays minutes, not hours).
 */
export const LOAD_PROFILE = {
  /**
   * The default ramp: 1 to 800 events/s, climbing until the host is the
   * limit (`..`). 20 s per step, so every repeat of a step from 25/s sends
   * at least the 368 events p99's upper bound needs (quantiles.ts). Worst
   * case, no step host-limited: 10 levels x 4 functions x 22 s x 3 repeats
   * = 44 min; a 2-core host stops each function at its first INVALID step,
   * well before.
   */
  spec: 'rate:1,5,10,25,50,100,200,400,600,800..@20s+2s',
  /** The --quick ramp: three steps of 2 s, three repeats; with node and wasm of two workloads it fits the 2-minute smoke run. From 5/s: every repeat's step sends the 6 events p50's bounds need. */
  quickSpec: 'rate:5,10,25..@2s+0.5s',
  /**
   * Times the ramp runs, each in fresh execution environments: the intervals
   * come from across repeats, because what one step's events share (its
   * environments' JIT and layout, the host's state at the time) moves a p50
   * by tens of percent between runs, far outside one step's binomial
   * interval. Three is the fewest a t interval rests on (MIN_PROCESSES).
   */
  repeats: 3,
  quickRepeats: 3,
  paths: ['sync'],
  workloads: ['sha256', 'json-transform'],
  targets: ['node', 'wasm'],
  memory: [1769],
} as const;
