/**
 * Runs cold samples: prepares each item's job and input file once, then
 * takes `samples` rounds of seeded-shuffled fresh processes, one at a time
 * (the machine has two cores; concurrent children would contend), and hands
 * every raw sample to `onSample` as it arrives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR } from '../paths.js';
import { findTarget } from '../targets/index.js';
import { ENGINE_CONFIGS } from './engines.js';
import { nodeSpawner, takeColdSample, type Clock, type Spawner } from './sample.js';
import { itemKey, scheduleColdSamples } from './schedule.js';
import type { Payload, TargetWorkload } from '../contract/index.js';
import type { ColdItem, ColdJob, ColdSample, ColdTargetItem, EngineConfig } from './types.js';

/** The bundled child script (built by `npm run build`, HARNESS_ENTRIES). */
export const COLD_CHILD_SCRIPT = join(BUILD_DIR, 'harness', 'cold-child.mjs');

/**
 * Environment variables removed from every child by default. Both change
 * what a bare `node` start costs and belong to no target: NODE_OPTIONS could
 * inject a loader (tsx) into measured processes, and NODE_EXTRA_CA_CERTS
 * makes Node 20 parse a CA bundle at startup (about 250 ms on this machine).
 */
export const DEFAULT_REMOVED_ENV: readonly string[] = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'];

/** Size of the file the baseline child reads (so its harness overhead matches a target child's). */
const BASELINE_INPUT_BYTES = 64;

/** What the cold rounds need for one target item: the workload, its input, and the output digest to expect. */
export interface ColdInput {
  readonly workload: TargetWorkload;
  readonly input: Payload;
  /** sha256 (hex) of the correct output for `input` (committed vector, or node's output). */
  readonly expectedOutputSha256: string;
}

/** Options of a cold run. */
export interface ColdRunOptions {
  /** What to measure; include a baseline item to measure the empty process. */
  readonly items: readonly ColdItem[];
  /** Samples (fresh processes) per item: the number of shuffled rounds. */
  readonly samples: number;
  /** Seed of the shuffled order. */
  readonly seed: number;
  /** Resolves a target item's workload, input and expected digest (called once per item). */
  prepare(item: ColdTargetItem): ColdInput | Promise<ColdInput>;
  /** Calls per process, first included (default 100: the warm-up curve). */
  readonly calls?: number;
  /** Per-process cap on accumulated call time, ms; the first call always runs (default: none). */
  readonly callBudgetMs?: number;
  /** Kill a child after this long, ms (default 30,000). */
  readonly timeoutMs?: number;
  /** Engine configurations by name (default ENGINE_CONFIGS). */
  readonly engines?: readonly EngineConfig[];
  /** The node binary (default process.execPath). */
  readonly nodePath?: string;
  /** The child script (default COLD_CHILD_SCRIPT). */
  readonly childScript?: string;
  /** Base environment of children (default process.env), minus `removeEnv`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Variables to remove from the children's environment (default DEFAULT_REMOVED_ENV). */
  readonly removeEnv?: readonly string[];
  /** Injected for tests (default: real processes, process.hrtime.bigint). */
  readonly spawner?: Spawner;
  readonly clock?: Clock;
  /** Receives each raw sample as soon as it is taken (append it to samples.jsonl here). */
  onSample?(sample: ColdSample, done: number, total: number): void;
  /** Stops before the next sample when aborted. */
  readonly signal?: AbortSignal;
  /** Sequence numbers already taken (a resumed run): skipped, and counted as done in `onSample`'s progress. */
  readonly skip?: ReadonlySet<number>;
}

/** Per-item preparation, done once before any process starts. */
interface Prepared {
  readonly argv: readonly string[];
  readonly expectedOutputSha256: string | undefined;
}

/**
 * Takes every scheduled cold sample, sequentially, and returns them all
 * (also streamed through `onSample`). A failed sample never stops the run; an
 * item whose output mismatches, or that cannot be prepared, gets no more
 * samples (its result is errored anyway).
 */
export async function runColdSamples(options: ColdRunOptions): Promise<ColdSample[]> {
  const spawner = options.spawner ?? nodeSpawner;
  const clock = options.clock ?? (() => process.hrtime.bigint());
  const engines = options.engines ?? ENGINE_CONFIGS;
  const removeEnv = options.removeEnv ?? DEFAULT_REMOVED_ENV;
  const baseEnv = options.env ?? process.env;
  const envRemoved = removeEnv.filter((name) => baseEnv[name] !== undefined);
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  for (const name of removeEnv) delete env[name];
  const timeoutMs = options.timeoutMs ?? 30_000;

  const schedule = scheduleColdSamples(options.items, options.samples, options.seed);
  const dir = mkdtempSync(join(tmpdir(), 'cold-'));
  const samples: ColdSample[] = [];
  const record = (sample: ColdSample): void => {
    samples.push(sample);
    options.onSample?.(sample, samples.length + (options.skip?.size ?? 0), schedule.length);
  };
  try {
    const prepared = new Map<string, Prepared | { readonly error: string }>();
    for (const [index, item] of options.items.entries()) {
      const key = itemKey(item);
      try {
        prepared.set(key, await prepareItem(item, index, dir, options, engines));
      } catch (error) {
        prepared.set(key, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    const stopped = new Set<string>();
    for (const scheduled of schedule) {
      if (options.signal?.aborted) break;
      if (options.skip?.has(scheduled.sequence)) continue;
      const key = itemKey(scheduled.item);
      if (stopped.has(key)) continue;
      const ready = prepared.get(key);
      if (!ready || 'error' in ready) {
        // Recorded once, as data: the item is errored and no process is started for it.
        stopped.add(key);
        record({
          type: 'cold', item: scheduled.item, key, round: scheduled.round, sequence: scheduled.sequence, argv: [], envRemoved, wallNs: 0,
          state: 'errored', failure: 'prepare', error: ready && 'error' in ready ? ready.error : 'not prepared', stderrTail: '', exitCode: null, signal: null,
        });
        continue;
      }
      const sample = await takeColdSample(
        { item: scheduled.item, key, round: scheduled.round, sequence: scheduled.sequence, argv: ready.argv, env, envRemoved, expectedOutputSha256: ready.expectedOutputSha256, timeoutMs },
        spawner,
        clock,
      );
      if (sample.state === 'errored' && sample.failure === 'mismatch') stopped.add(key);
      record(sample);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

/** Writes an item's job (and input) file and builds its exact command line. */
async function prepareItem(item: ColdItem, index: number, dir: string, options: ColdRunOptions, engines: readonly EngineConfig[]): Promise<Prepared> {
  const engine = engines.find((candidate) => candidate.name === item.engine);
  if (!engine) throw new Error(`unknown engine configuration "${item.engine}"`);
  const jobPath = join(dir, `job-${index}.json`);
  const argv = [engine.nodePath ?? options.nodePath ?? process.execPath, ...engine.nodeFlags, options.childScript ?? COLD_CHILD_SCRIPT, jobPath];
  if (item.kind === 'baseline') {
    const inputPath = join(dir, `input-${index}.bin`);
    writeFileSync(inputPath, new Uint8Array(BASELINE_INPUT_BYTES));
    writeJob(jobPath, { kind: 'baseline', inputPath });
    return { argv, expectedOutputSha256: undefined };
  }
  const adapter = findTarget(item.target);
  if (!adapter) throw new Error(`unknown target "${item.target}"`);
  const { workload, input, expectedOutputSha256 } = await options.prepare(item);
  const unsupported = adapter.unsupportedReason(workload);
  if (unsupported) throw new Error(`${item.target} cannot run ${item.workload}: ${unsupported}`);
  const inputPath = join(dir, `input-${index}.bin`);
  writeFileSync(inputPath, typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  const { generateInput: _generate, ...manifest } = workload.definition;
  writeJob(jobPath, {
    kind: 'target',
    target: item.target,
    manifest,
    artifacts: workload.artifacts,
    inputPath,
    inputKind: typeof input === 'string' ? 'text' : 'bytes',
    calls: options.calls ?? 100,
    ...(options.callBudgetMs === undefined ? {} : { callBudgetMs: options.callBudgetMs }),
  });
  return { argv, expectedOutputSha256 };
}

function writeJob(path: string, job: ColdJob): void {
  writeFileSync(path, JSON.stringify(job));
}
