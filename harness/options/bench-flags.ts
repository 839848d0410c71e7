/**
 * The flags of `npm run bench`, declared once: the parser (bench.ts) and the
 * help text are made from them, and their defaults and quick values are in
 * profiles.ts. The Lambda flags (lambda-flags.ts) join them between the
 * Cold and General sections.
 */
import type { FlagSet } from './declare.js';
import { LAMBDA_FLAGS } from './lambda-flags.js';
import { LOAD_FLAGS } from './load-flags.js';
import { ENGINE_CONFIGS } from '../cold/engines.js';
import { SIZE_NAMES, type PlacementName } from '../contract/index.js';

/** The placements a run can measure. */
export const PLACEMENTS: readonly PlacementName[] = ['local', 'lambda'];

const SELECTION = 'Selection';
const WARM = 'Warm (steady state, in fresh processes: the process is the unit of replication)';
const COLD = 'Cold (fresh processes)';
const GENERAL = 'General';

/** Bench's flags that select and measure locally; `workloads` and `targets` take the names known at run time. */
const LOCAL_FLAGS = {
  workloads: { kind: 'list', value: 'a,b', section: SELECTION, help: 'workloads to run (default: all; see --list)' },
  targets: { kind: 'list', value: 'a,b', section: SELECTION, help: 'targets (default: all but those --list marks opt-in, which --targets must name)' },
  sizes: { kind: 'list', value: 'a,b', section: SELECTION, choices: SIZE_NAMES, help: '{choices} (default: all three; quick {quick})' },
  placements: { kind: 'list', value: 'a,b', section: SELECTION, choices: PLACEMENTS, help: '{choices} (default: {default})' },
  node: {
    kind: 'integer-list', value: '20,22,24', section: SELECTION,
    help: "Node majors to run on, warm, cold and Lambda (default: 22,24 where installed, else the host's; README: Node versions)",
    bounds: { min: 1, max: 999, why: 'a Node.js major version' },
  },
  forks: {
    kind: 'integer', value: '<n>', section: WARM, help: 'processes per workload x size, each measuring every target (default {default}; quick {quick})',
    bounds: { min: 1, max: 100, why: 'each is a fresh process measuring every target of a group' },
  },
  'max-forks': {
    kind: 'integer', value: '<n>', section: WARM, help: 'more processes for a group whose verdict is unresolved, up to n (default {default}; quick {quick})',
    bounds: { min: 1, max: 100, why: 'each is a fresh process measuring every target of a group' },
  },
  'resolve-budget': {
    kind: 'integer', value: '<s>', section: WARM, help: 'time the extra processes may take in all (default {default}; quick {quick})',
    bounds: { min: 0, max: 3600, unit: 's', why: 'at most an hour of extra processes' },
  },
  time: {
    kind: 'integer', value: '<ms>', section: WARM, help: 'measured time per task in each process, split over rounds (default {default}; quick {quick}; 0 skips warm)',
    bounds: { min: 0, max: 3_600_000, unit: 'ms', why: 'at most an hour per task' },
  },
  warmup: {
    kind: 'integer', value: '<ms>', section: WARM, help: 'warm-up per task in each process (default {default}; quick {quick})',
    bounds: { min: 0, max: 600_000, unit: 'ms', why: 'at most 10 minutes per task' },
  },
  rounds: {
    kind: 'integer', value: '<n>', section: WARM, help: 'interleaving rounds per process, each in a new shuffled order (default {default}; quick {quick})',
    bounds: { min: 1, max: 1000, why: 'each round reshuffles the order; more only splits --time finer' },
  },
  'skip-controls': { kind: 'boolean', section: WARM, help: 'do not measure the calibration controls (A/A and planted 5% difference)' },
  'self-check': { kind: 'boolean', section: WARM, help: 'measure only the calibration controls and say whether the intervals hold' },
  'cold-samples': {
    kind: 'integer', value: '<n>', section: COLD, help: 'fresh-process samples per workload x target (default {default}; quick {quick}; 0 skips cold)',
    bounds: { min: 0, max: 10_000, why: 'each is a fresh process of up to --cold-timeout' },
  },
  'cold-sizes': { kind: 'list', value: 'a,b', section: COLD, choices: SIZE_NAMES, help: 'sizes measured cold (default: {default})' },
  engines: {
    kind: 'list', value: 'a,b', section: COLD, choices: ENGINE_CONFIGS.map((engine) => engine.name), all: 'all',
    help: 'V8 configurations: {choices}, or all (default: {default})',
  },
  'cold-calls': {
    kind: 'integer', value: '<n>', section: COLD, help: 'calls recorded one by one after the first (default {default})',
    bounds: { min: 0, max: 100_000, why: 'a warm-up curve, not a warm measurement' },
  },
  'cold-call-budget': {
    kind: 'integer', value: '<ms>', section: COLD, help: 'cap on one process\'s call time after the first call (default {default}; quick {quick})',
    bounds: { min: 0, max: 60_000, unit: 'ms', why: 'a process\'s calls after the first' },
  },
  'cold-timeout': {
    kind: 'integer', value: '<ms>', section: COLD, help: 'per-sample timeout (default {default})',
    bounds: { min: 100, max: 600_000, unit: 'ms', why: 'at most 10 minutes per sample' },
  },
} as const satisfies FlagSet;

const GENERAL_FLAGS = {
  seed: {
    kind: 'integer', value: '<n>', section: GENERAL, help: 'seed for inputs, orders and bootstrap (default {default} = the committed vectors)',
    bounds: { min: 0, max: 4_294_967_295, why: 'a 32-bit unsigned seed; larger ones would repeat smaller ones' },
  },
  out: { kind: 'string', value: '<dir>', section: GENERAL, help: 'run directory (default results/runs/<run-id>; refused if it holds a run)' },
  resume: { kind: 'string', value: '<dir>', section: GENERAL, help: 'continue an interrupted run in <dir> with its recorded options' },
  quick: {
    kind: 'boolean', section: GENERAL,
    help: 'smoke run: {quick:sizes} size, short times, {quick:cold-samples} cold samples (about 2 min on 2 cores)',
  },
  list: { kind: 'boolean', section: GENERAL, help: 'list workloads (each size: payload bytes, what it means) and targets' },
  wide: { kind: 'boolean', section: GENERAL, help: 'end with the full 13-column table (default: a compact table that fits 120 columns)' },
  help: { kind: 'boolean', section: GENERAL, help: 'this text' },
} as const satisfies FlagSet;

/** Every flag of `npm run bench`, in the order --help lists them. */
export const BENCH_FLAGS = { ...LOCAL_FLAGS, ...LAMBDA_FLAGS, ...LOAD_FLAGS, ...GENERAL_FLAGS } as const satisfies FlagSet;

/** Bench's declarations. */
export type BenchFlags = typeof BENCH_FLAGS;

/** Flags that only the local placement reads (every local flag but the selection of workloads, targets and placements). */
export const LOCAL_ONLY = (Object.keys(LOCAL_FLAGS) as (keyof typeof LOCAL_FLAGS)[]).filter((name) => LOCAL_FLAGS[name].section !== SELECTION || name === 'sizes');
/** Flags that only warm (in-process) measurement reads. `time` itself is how warm is switched off. */
export const WARM_ONLY = (Object.keys(LOCAL_FLAGS) as (keyof typeof LOCAL_FLAGS)[]).filter((name) => LOCAL_FLAGS[name].section === WARM && name !== 'time' && name !== 'self-check');
/** Flags that only cold measurement reads. `cold-samples` itself is how cold is switched off. */
export const COLD_ONLY = (Object.keys(LOCAL_FLAGS) as (keyof typeof LOCAL_FLAGS)[]).filter((name) => LOCAL_FLAGS[name].section === COLD && name !== 'cold-samples');
/** What `--self-check` takes besides itself: the warm knobs, the seed, the output directory and --quick. */
export const SELF_CHECK_TAKES: readonly string[] = ['self-check', 'seed', 'out', 'quick', 'forks', 'max-forks', 'resolve-budget', 'time', 'warmup', 'rounds'];
