/**
 * Command-line parsing for `npm run bench`. Every mistake is a UsageError:
 * one line on stderr and exit code 2.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ENGINE_CONFIGS } from '../cold/engines.js';
import type { BenchOptions } from '../run/options.js';
import { RESULTS_DIR } from '../paths.js';
import { LAMBDA_FLAGS, LAMBDA_HELP, LambdaOptionError, lambdaOptionsFrom, type LambdaOptions } from '../../lambda/runner/options.js';
import { SIZE_NAMES, type PlacementName, type SizeName, type TargetName } from '../types.js';

/** A mistake on the command line. */
export class UsageError extends Error {}

/** What the CLI was asked to do. */
export type Command = { readonly kind: 'help' } | { readonly kind: 'list' } | { readonly kind: 'run'; readonly options: BenchOptions };

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
  --targets a,b          targets (default: node,wasm and the component targets)
  --sizes a,b            small,medium,large (default: all three)
  --placements a,b       local,lambda (default: local)
Warm (in-process)
  --time <ms>            measured time per task, split over rounds (default 400; 0 skips warm)
  --warmup <ms>          warm-up per task (default 100)
  --rounds <n>           interleaving rounds, each in a new shuffled order (default 3)
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
  --out <dir>            run directory (default results/runs/<run-id>)
  --quick                smoke run: small size, short times, 10 cold samples (about 2 min on 2 cores)
  --list                 list workloads and targets
  --help                 this text`;

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${what} needs at least one value`);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new UsageError(`unknown ${what.replace(/s$/, '')} "${item}" (known: ${allowed.join(', ')})`);
  }
  return [...new Set(items)] as T[];
}

function integer(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${name} must be at least ${min}, got ${n}`);
  return n;
}

/** Parses argv (without node and script). */
export function parseCommand(argv: readonly string[], known: Known, runId: string): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        workloads: { type: 'string' }, targets: { type: 'string' }, sizes: { type: 'string' }, placements: { type: 'string' },
        time: { type: 'string' }, warmup: { type: 'string' }, rounds: { type: 'string' },
        'cold-samples': { type: 'string' }, 'cold-sizes': { type: 'string' }, engines: { type: 'string' },
        'cold-calls': { type: 'string' }, 'cold-timeout': { type: 'string' }, 'cold-call-budget': { type: 'string' },
        seed: { type: 'string' }, out: { type: 'string' }, quick: { type: 'boolean' }, list: { type: 'boolean' }, help: { type: 'boolean' },
        ...LAMBDA_FLAGS,
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'bad arguments' : String(error));
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.list) return { kind: 'list' };
  const quick = v.quick === true;
  const engineNames = v.engines === 'all' ? ENGINE_CONFIGS.map((e) => e.name) : list(v.engines, ENGINE_CONFIGS.map((e) => e.name), 'engines');
  const options: BenchOptions = {
    workloads: list(v.workloads, known.workloads, 'workloads') ?? [...known.workloads],
    targets: list(v.targets, known.targets, 'targets') ?? [...known.defaultTargets],
    sizes: list<SizeName>(v.sizes, SIZE_NAMES, 'sizes') ?? (quick ? ['small'] : [...SIZE_NAMES]),
    sizesExplicit: v.sizes !== undefined,
    placements: list(v.placements, PLACEMENTS, 'placements') ?? ['local'],
    timeMs: integer(v.time, 'time', 0) ?? (quick ? 60 : 400),
    warmupMs: integer(v.warmup, 'warmup', 0) ?? (quick ? 20 : 100),
    rounds: integer(v.rounds, 'rounds', 1) ?? (quick ? 2 : 3),
    seed: integer(v.seed, 'seed', 0) ?? 1,
    coldSamples: integer(v['cold-samples'], 'cold-samples', 0) ?? (quick ? 10 : 30),
    coldSizes: list<SizeName>(v['cold-sizes'], SIZE_NAMES, 'cold-sizes') ?? ['small'],
    engines: engineNames ?? ['default'],
    coldCalls: integer(v['cold-calls'], 'cold-calls', 0) ?? 100,
    coldTimeoutMs: integer(v['cold-timeout'], 'cold-timeout', 100) ?? 30_000,
    coldCallBudgetMs: integer(v['cold-call-budget'], 'cold-call-budget', 0) ?? (quick ? 250 : 1000),
    quick,
    outDir: v.out ?? join(RESULTS_DIR, 'runs', runId),
    lambda: lambdaFlags(v, quick),
  };
  return { kind: 'run', options };
}

/** The Lambda flags (shared with npm run deploy), with Lambda's mistakes reported as usage errors. */
function lambdaFlags(values: Readonly<Record<string, string | boolean | undefined>>, quick: boolean): LambdaOptions {
  try {
    return lambdaOptionsFrom(values, quick);
  } catch (error) {
    if (error instanceof LambdaOptionError) throw new UsageError(error.message);
    throw error;
  }
}
