/**
 * The 95% level of load percentiles' intervals (repeats.ts), checked by
 * seeded simulation of the failure two identical quick load runs showed:
 * a step's events share its environments, so the p50 moved by tens of
 * percent between runs while each step's exact binomial interval, which
 * treats the events as independent, was a few percent wide. Each simulated
 * repeat carries its own factor (fresh environments, the host at that time)
 * on top of every event's noise.
 *
 * Fixed seeds make every check deterministic. These tests are about
 * coverage, never about time; the exact figures are pinned in repeats.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { gaussian } from '../../harness/stats/gaussian.fixture.js';
import { createRng, type Rng } from '../../harness/stats/rng.js';
import { loadPercentiles } from './quantiles.js';
import { percentileAcross } from './repeats.js';


/** True median latency of the simulated step, ms. */
const TRUE_P50 = 4;
/** Between repeats: a factor exp(N(0, 0.15)) per repeat (the quick runs' p50s moved 10-40% between runs). */
const BETWEEN_SD = 0.15;
/** Each event's own noise, exp(N(0, 0.3)): its median is 1. */
const WITHIN_SD = 0.3;
/** Events per repeat: a 4 s step at 25/s. */
const EVENTS = 100;
const REPEATS = 3;
const EXPERIMENTS = 400;

/** One repeat's latencies: its own factor, then every event's noise. */
function repeatLatencies(rng: Rng): number[] {
  const factor = Math.exp(BETWEEN_SD * gaussian(rng));
  return Array.from({ length: EVENTS }, () => TRUE_P50 * factor * Math.exp(WITHIN_SD * gaussian(rng)));
}

const p50Of = (latencies: readonly number[]) => loadPercentiles(latencies).percentiles.find((p) => p.q === 0.5);
const contains = (ci: readonly [number | null, number | null], value: number): boolean => ci[0] !== null && ci[1] !== null && ci[0] <= value && value <= ci[1];

describe('load percentile intervals under between-repeat variation (seeded)', () => {
  it('the interval across 3 repeats covers the true p50 in 91-99.5% of 400 experiments', () => {
    const rng = createRng(1401);
    let covered = 0;
    for (let t = 0; t < EXPERIMENTS; t++) {
      const p50 = percentileAcross(Array.from({ length: REPEATS }, () => p50Of(repeatLatencies(rng))), 0.5);
      if (contains(p50.ci, TRUE_P50)) covered++;
    }
    const level = `coverage ${covered} / ${EXPERIMENTS}`;
    expect(covered / EXPERIMENTS, level).toBeGreaterThan(0.91);
    expect(covered / EXPERIMENTS, level).toBeLessThan(0.995);
  });

  it('one step\'s exact binomial interval of the same data covers it far less: below 60% (the failure the repeats fix)', () => {
    const rng = createRng(1402);
    let covered = 0;
    for (let t = 0; t < EXPERIMENTS; t++) if (contains(p50Of(repeatLatencies(rng))?.ci ?? [null, null], TRUE_P50)) covered++;
    expect(covered / EXPERIMENTS, `coverage ${covered} / ${EXPERIMENTS}`).toBeLessThan(0.6);
  });

  it('a second run\'s p50 falls inside the first run\'s interval in at least 85% of 400 pairs', () => {
    const rng = createRng(1403);
    let inside = 0;
    const run = () => percentileAcross(Array.from({ length: REPEATS }, () => p50Of(repeatLatencies(rng))), 0.5);
    for (let t = 0; t < EXPERIMENTS; t++) {
      const first = run();
      if (contains(first.ci, run().value)) inside++;
    }
    expect(inside / EXPERIMENTS, `inside ${inside} / ${EXPERIMENTS}`).toBeGreaterThan(0.85); // timed-assertion-ok: a share of simulated experiments, not of time
  });
});
