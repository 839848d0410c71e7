/**
 * Standard normal variates for the seeded coverage simulations
 * (`*.simulation.test.ts`): Box-Muller, one of the pair, from the project's
 * seeded generator, so every simulated experiment is reproducible.
 */
import type { Rng } from './rng.js';

/** A standard normal variate drawn from `rng`. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
