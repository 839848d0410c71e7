/**
 * A candidate's ratio to the baseline (node, or a control's base entry), in
 * one place for every placement: warm forks, cold processes, Lambda
 * environments and forced cold starts all come here, and only the design of
 * the measurement chooses the interval:
 *
 * - `paired-units`: unit i of both sides shared its time (one process ran
 *   both, or both ran interleaved in one sampling block): the ratio is
 *   formed inside each unit, the t interval taken over units (replicated.ts);
 * - `units-by-block`: units that began in sampling blocks (Lambda
 *   environments): paired when both sides had exactly one unit in each of
 *   the same blocks, otherwise a Welch interval on the two sets of unit
 *   medians (unpaired.ts);
 * - `independent-units`: both sides measured in processes of their own (the
 *   native reference's driver against Node forks): a Welch interval on the
 *   two sets of unit medians (unpaired.ts);
 * - `independent-samples`: every sample is its own unit (a fresh process, a
 *   forced cold start): the percentile bootstrap of the ratio of medians
 *   (compare.ts), no verdict below `minSamples` of them.
 *
 * The result always records its basis: the unit and how many of them.
 */
import type { ReplicationBasis, VsBaseline } from '../contract/index.js';
import { compareMedians } from './compare.js';
import { medianOf } from './sorted.js';
import { compareForks } from './replicated.js';
import { compareUnpaired } from './unpaired.js';

/** Samples of one side grouped by unit (one array per process or environment), with the block each unit began in. */
export interface BlockedUnits {
  /** Samples of each unit (ns), in the order the units served; none is empty. */
  readonly samplesNs: ReadonlyArray<readonly number[]>;
  /** The sampling block each unit began in, index-aligned with `samplesNs`. */
  readonly blocks: readonly number[];
}

/** How both sides were measured, with their samples. */
export type Replicates =
  | {
      readonly design: 'paired-units';
      readonly unit: ReplicationBasis['unit'];
      /** `candidate[i]` and `baseline[i]` come from the same unit. */
      readonly candidate: ReadonlyArray<ArrayLike<number>>;
      readonly baseline: ReadonlyArray<ArrayLike<number>>;
    }
  | { readonly design: 'units-by-block'; readonly unit: ReplicationBasis['unit']; readonly candidate: BlockedUnits; readonly baseline: BlockedUnits }
  | {
      readonly design: 'independent-units';
      readonly unit: ReplicationBasis['unit'];
      /** One median per unit of each side; no unit of one side shared its time with one of the other. */
      readonly candidateMedians: readonly number[];
      readonly baselineMedians: readonly number[];
    }
  | {
      readonly design: 'independent-samples';
      readonly unit: ReplicationBasis['unit'];
      readonly candidate: ArrayLike<number>;
      readonly baseline: ArrayLike<number>;
      /** Seed of the bootstrap, so a rerun on the same data gives the same interval. */
      readonly seed: number;
      readonly resamples?: number;
      /** Fewest samples per side that allow a verdict (default MIN_BOOTSTRAP_SAMPLES). */
      readonly minSamples?: number;
    };

/**
 * True when two sides can be compared block by block: each had exactly one
 * unit in each block, and the blocks are the same.
 */
export function pairedByBlock(a: BlockedUnits, b: BlockedUnits): boolean {
  const distinct = (blocks: readonly number[]): boolean => new Set(blocks).size === blocks.length;
  return a.blocks.length === b.blocks.length && distinct(a.blocks) && a.blocks.every((block, i) => block === b.blocks[i]);
}

/** The candidate's ratio to the baseline with its 95% interval, verdict and basis. */
export function ratioToBaseline(replicates: Replicates): VsBaseline {
  switch (replicates.design) {
    case 'paired-units': {
      const paired = compareForks(replicates.candidate, replicates.baseline);
      return { ...paired, basis: { unit: replicates.unit, count: replicates.candidate.length } };
    }
    case 'units-by-block': {
      const { candidate, baseline, unit } = replicates;
      if (pairedByBlock(candidate, baseline)) return ratioToBaseline({ design: 'paired-units', unit, candidate: candidate.samplesNs, baseline: baseline.samplesNs });
      return compareUnpaired(candidate.samplesNs.map(medianOf), baseline.samplesNs.map(medianOf), { unit });
    }
    case 'independent-units':
      return compareUnpaired(replicates.candidateMedians, replicates.baselineMedians, { unit: replicates.unit });
    case 'independent-samples':
      return compareMedians(replicates.candidate, replicates.baseline, {
        seed: replicates.seed,
        unit: replicates.unit,
        ...(replicates.minSamples === undefined ? {} : { minSamples: replicates.minSamples }),
        ...(replicates.resamples === undefined ? {} : { resamples: replicates.resamples }),
      });
  }
}
