/** Statistics used by every measuring mode. */
export { describeSamples, madSorted, medianCiSorted, quantileSorted, sortedCopy } from './describe.js';
export { compareMedians, verdictOf, type RatioOptions } from './compare.js';
export { createRng, shuffled, type Rng } from './rng.js';
