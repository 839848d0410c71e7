/**
 * `npm run bench`'s command line: its flags (bench-flags.ts, lambda-flags.ts)
 * read with the one parser, defaults and --quick from profiles.ts, then the
 * checks that span flags. The result is the fully specified run
 * configuration, built before anything runs. Every mistake is a UsageError:
 * one line on stderr and exit code 2.
 */
import { join } from 'node:path';
import { BENCH_FLAGS, COLD_ONLY, LOCAL_ONLY, SELF_CHECK_TAKES, WARM_ONLY } from './bench-flags.js';
import { UsageError } from './errors.js';
import { flagHelp } from './help.js';
import { lambdaOptions } from './lambda.js';
import { LAMBDA_FLAGS } from './lambda-flags.js';
import { LOAD_DEFAULTS, LOAD_FLAGS, loadOptions } from './load-flags.js';
import { tokenize, toValues } from './parse.js';
import { BENCH_DEFAULTS, BENCH_QUICK } from './profiles.js';
import type { BenchOptions } from '../run/options.js';
import { RESULTS_DIR } from '../paths.js';
import type { TargetName } from '../contract/index.js';

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

/** The help text: what the command does, every flag (from the declarations), and the rules that span flags. */
export const HELP = `npm run bench -- [options]

Measures workloads as Node.js (TypeScript) and as WebAssembly, warm in-process
and cold in fresh processes; writes results/runs/<run-id>/ (run.json, samples.jsonl, reports).

${flagHelp(BENCH_FLAGS, { defaults: BENCH_DEFAULTS, quick: BENCH_QUICK })}

Every number has a range (an error names it, e.g. --time 0..3600000 ms); flags the run
would ignore (Lambda flags without --placements lambda, --rounds with --time 0, ...) are refused.`;

/** Parses argv (without node and script). */
export function parseCommand(argv: readonly string[], known: Known, runId: string): Command {
  const tokens = tokenize(argv, BENCH_FLAGS);
  const { raw, given } = tokens;
  if (raw.help === true) return { kind: 'help' };
  if (raw.list === true) return { kind: 'list' };
  if (typeof raw.resume === 'string') {
    // A resumed run must measure what the run started measuring: its recorded options, nothing else.
    const other = given.find((name) => name !== 'resume');
    if (other !== undefined) throw new UsageError(`--resume continues a run with the options it recorded; drop --${other}`);
    if (raw.resume.trim() === '') throw new UsageError('--resume needs the run directory');
    return { kind: 'resume', dir: raw.resume };
  }
  const selfCheck = raw['self-check'] === true;
  if (selfCheck) {
    const other = given.find((name) => !SELF_CHECK_TAKES.includes(name));
    if (other !== undefined) throw new UsageError(`--self-check measures only the calibration controls; drop --${other}`);
  }
  const v = toValues(tokens, BENCH_FLAGS, {
    defaults: BENCH_DEFAULTS,
    quick: BENCH_QUICK,
    choices: { workloads: known.workloads, targets: known.targets },
  });
  // The ceiling defaults to the profile's, raised to --forks when that is above it.
  const maxForks = given.includes('max-forks') ? v['max-forks'] : Math.max(v.forks, v['max-forks']);
  if (maxForks < v.forks) throw new UsageError(`--max-forks ${maxForks} is below --forks ${v.forks}: the ceiling cannot be under the minimum`);
  // A load run measures two workloads' node and wasm at one memory size unless told otherwise.
  const load = loadOptions(v, v.quick);
  const loadWorkloads = load ? LOAD_DEFAULTS.workloads.filter((w) => known.workloads.includes(w)) : undefined;
  const loadTargets = load ? known.targets.filter((t) => (LOAD_DEFAULTS.targets as readonly string[]).includes(t)) : undefined;
  const lambda = lambdaOptions(v);
  const options: BenchOptions = {
    workloads: selfCheck ? [] : (v.workloads ?? loadWorkloads ?? [...known.workloads]),
    targets: v.targets ?? loadTargets ?? [...known.defaultTargets],
    sizes: v.sizes,
    sizesExplicit: given.includes('sizes'),
    placements: v.placements,
    timeMs: v.time,
    warmupMs: v.warmup,
    rounds: v.rounds,
    forks: v.forks,
    maxForks,
    resolveBudgetMs: v['resolve-budget'] * 1000,
    controls: !v['skip-controls'],
    seed: v.seed,
    coldSamples: selfCheck ? 0 : v['cold-samples'],
    coldSizes: v['cold-sizes'],
    engines: v.engines,
    coldCalls: v['cold-calls'],
    coldTimeoutMs: v['cold-timeout'],
    coldCallBudgetMs: v['cold-call-budget'],
    quick: v.quick,
    wide: v.wide,
    outDir: v.out ?? join(RESULTS_DIR, 'runs', runId),
    lambda: load ? { ...lambda, load, ...(given.includes('memory') ? {} : { memory: LOAD_DEFAULTS.memory }) } : lambda,
    // Majors as recorded strings, in the order given, without repeats (absent: the CLI settles the default before the run).
    ...(v.node === undefined ? {} : { node: [...new Set(v.node.map(String))] }),
    // An explicit --runtime names the Node to measure on, as --node would (both at once would disagree).
    ...(v.node === undefined && given.includes('runtime') ? { node: [v.runtime.replace(/^nodejs(\d+)\.x$/, '$1')] } : {}),
  };
  if (given.includes('node') && given.includes('runtime')) {
    throw new UsageError('--runtime and --node both choose the Lambda runtime: drop --runtime (--node 22,24 deploys nodejs22.x and nodejs24.x functions)');
  }
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
  const lambdaFlag = given.find((name) => name in LAMBDA_FLAGS || name in LOAD_FLAGS);
  if (!lambda && lambdaFlag !== undefined) throw new UsageError(`--${lambdaFlag} applies only to the Lambda placement: add --placements lambda (or local,lambda), or drop --${lambdaFlag}`);
  const localFlag = given.find((name) => (LOCAL_ONLY as readonly string[]).includes(name));
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
