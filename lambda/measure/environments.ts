/**
 * Lambda ratios to node with the execution environment as the unit.
 *
 * Warm invocations of one environment share its process: its JIT decisions,
 * code layout, heap and the host it landed on. Samples from one environment
 * therefore describe that environment only, the way one process's samples
 * describe one process (harness/stats/replicated.ts). The runner spreads a
 * function's warm samples over several environments, forced fresh between
 * sampling blocks (measure.ts), and the comparison takes each environment's
 * median as one observation:
 *
 * - paired, when both functions had exactly one environment in each of the
 *   same blocks: their invocations were interleaved in that block, so they
 *   share its time on the host; the ratio is formed per block and the t
 *   interval taken over blocks (compareForks);
 * - unpaired otherwise (a function could not be forced, an environment was
 *   replaced mid-block): a Welch t interval on the two sets of environment
 *   medians (harness/stats/unpaired.ts).
 *
 * Either way fewer than MIN_PROCESSES environments give `too-few-samples`.
 * Forced cold starts are fresh environments by construction: their ratio is
 * the bootstrap of compareMedians with `unit: 'environment'`, which refuses a
 * verdict below MIN_BOOTSTRAP_SAMPLES cold starts.
 */
import { compareMedians } from '../../harness/stats/compare.js';
import { compareForks } from '../../harness/stats/replicated.js';
import { quantileSorted, sortedCopy } from '../../harness/stats/describe.js';
import type { VsBaseline } from '../../harness/types.js';
import { compareUnpaired } from '../../harness/stats/unpaired.js';

/** One function's warm samples grouped by the environment that served them. */
export interface EnvironmentSeries {
  /** Samples of each environment (ns), in the order the environments served; none is empty. */
  readonly samplesNs: ReadonlyArray<readonly number[]>;
  /** The sampling block each environment began in, index-aligned with `samplesNs`. */
  readonly blocks: readonly number[];
}

/**
 * Groups index-aligned values by environment id (`environmentOf[i]` served
 * `values[i]`); `blockOf[id]` is the block environment `id` began in.
 * Environments without a value are left out.
 */
export function groupByEnvironment(values: readonly number[], environmentOf: readonly number[], blockOf: readonly number[]): EnvironmentSeries {
  if (values.length !== environmentOf.length) throw new Error(`groupByEnvironment: ${values.length} values, ${environmentOf.length} environment ids`);
  const byId = new Map<number, number[]>();
  values.forEach((value, i) => {
    const id = environmentOf[i] as number;
    const list = byId.get(id);
    if (list) list.push(value);
    else byId.set(id, [value]);
  });
  const ids = [...byId.keys()].sort((a, b) => a - b);
  return {
    samplesNs: ids.map((id) => byId.get(id) as number[]),
    blocks: ids.map((id) => {
      const block = blockOf[id];
      if (block === undefined) throw new Error(`groupByEnvironment: environment ${id} has no block`);
      return block;
    }),
  };
}

/**
 * True when two functions can be compared block by block: each had exactly
 * one environment in each block, and the blocks are the same.
 */
export function pairedByBlock(a: EnvironmentSeries, b: EnvironmentSeries): boolean {
  const distinct = (blocks: readonly number[]): boolean => new Set(blocks).size === blocks.length;
  return a.blocks.length === b.blocks.length && distinct(a.blocks) && a.blocks.every((block, i) => block === b.blocks[i]);
}

const medianOf = (values: readonly number[]): number => quantileSorted(sortedCopy(values), 0.5);

/**
 * Warm ratio of a candidate to node, each environment one unit: paired per
 * block when the blocks match, Welch on the environment medians otherwise.
 * `basis` is `{ unit: 'environment', count }`.
 */
export function warmVsNode(candidate: EnvironmentSeries, baseline: EnvironmentSeries): VsBaseline {
  if (pairedByBlock(candidate, baseline)) {
    const paired = compareForks(candidate.samplesNs, baseline.samplesNs);
    return { ...paired, basis: { unit: 'environment', count: candidate.samplesNs.length } };
  }
  return compareUnpaired(candidate.samplesNs.map(medianOf), baseline.samplesNs.map(medianOf), { unit: 'environment' });
}

/**
 * Cold-start ratio of a candidate to node: one forced cold start per sample,
 * each a new environment, so the samples are independent units; no verdict
 * below MIN_BOOTSTRAP_SAMPLES of them.
 */
export function coldVsNode(candidateNs: readonly number[], baselineNs: readonly number[], seed: number): VsBaseline {
  return compareMedians(candidateNs, baselineNs, { seed, unit: 'environment' });
}
