/** Statistics used by every measuring mode. */
export { describeSamples, madSorted, medianCiSorted } from './describe.js';
export { medianOf, quantileSorted, sortedCopy } from './sorted.js';
export { compareMedians, type RatioOptions } from './compare.js';
export { pairedByBlock, ratioToBaseline, type BlockedUnits, type Replicates } from './vs-baseline.js';
export { verdictOf, isDecided, NOISE_THRESHOLD, MIN_PROCESSES, MIN_BOOTSTRAP_SAMPLES, type VerdictRule } from './verdict.js';
export { compareForks, describeForks, forkSpread, logMeanInterval, tQuantile975 } from './replicated.js';
export { countOutliers, countOutliersPerGroup } from './outliers.js';
export { compareUnpaired, welchLogRatio } from './unpaired.js';
export { createRng, shuffled, type Rng } from './rng.js';
