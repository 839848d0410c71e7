/**
 * Lambda ratios to node with the execution environment as the unit.
 *
 * Warm invocations of one environment share its process: its JIT decisions,
 * code layout, heap and the host it landed on. Samples from one environment
 * therefore describe that environment only, the way one process's samples
 * describe one process (harness/stats/replicated.ts). The Lambda mode spreads a
 * function's warm samples over several environments, forced fresh between
 * sampling blocks (sampling.ts), and the comparison (harness/stats/vs-baseline.ts,
 * where every placement's ratio to node is computed) takes each environment's
 * median as one observation:
 *
 * - paired, when both functions had exactly one environment in each of the
 *   same blocks: their invocations were interleaved in that block, so they
 *   share its time on the host; the ratio is formed per block and the t
 *   interval taken over blocks (`paired-units`);
 * - unpaired otherwise (a function could not be forced, an environment was
 *   replaced mid-block): a Welch t interval on the two sets of environment
 *   medians (`units-by-block` chooses).
 *
 * Either way fewer than MIN_PROCESSES environments give `too-few-samples`.
 * Forced cold starts are fresh environments by construction: their ratio is
 * the bootstrap of `independent-samples` with `unit: 'environment'`, which refuses a
 * verdict below MIN_BOOTSTRAP_SAMPLES cold starts.
 */
import { pairedByBlock, ratioToBaseline, type BlockedUnits } from '../../harness/stats/vs-baseline.js';
import type { VsBaseline } from '../../harness/contract/index.js';

/** One function's warm samples grouped by the environment that served them (`blocks`: the block each began in). */
export type EnvironmentSeries = BlockedUnits;

/** Re-exported: whether two functions' environments pair block by block is the ratio's business (harness/stats/vs-baseline.ts). */
export { pairedByBlock };

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
 * Warm ratio of a candidate to node, each environment one unit: paired per
 * block when the blocks match, Welch on the environment medians otherwise.
 * `basis` is `{ unit: 'environment', count }`.
 */
export function warmVsNode(candidate: EnvironmentSeries, baseline: EnvironmentSeries): VsBaseline {
  return ratioToBaseline({ design: 'units-by-block', unit: 'environment', candidate, baseline });
}

/**
 * Cold-start ratio of a candidate to node: one forced cold start per sample,
 * each a new environment, so the samples are independent units; no verdict
 * below MIN_BOOTSTRAP_SAMPLES of them.
 */
export function coldVsNode(candidateNs: readonly number[], baselineNs: readonly number[], seed: number): VsBaseline {
  return ratioToBaseline({ design: 'independent-samples', unit: 'environment', candidate: candidateNs, baseline: baselineNs, seed });
}
