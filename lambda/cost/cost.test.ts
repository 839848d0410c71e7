import { describe, expect, it } from 'vitest';
import { costPerMillionUsd, pricesFor, pricingNote, PRICING } from './cost.js';
import { pickPowerTuning, type TuningCandidate } from './power-tuning.js';

describe('costPerMillionUsd', () => {
  const usEast = pricesFor('us-east-1');

  it('matches hand-computed list prices', () => {
    // 0.2 + 0.002 s × 0.125 GB × 0.0000166667 $/GB-s × 1e6 = 0.2 + 0.004166675
    expect(costPerMillionUsd(2, 128, 'x86_64', usEast)).toBeCloseTo(0.204166675, 12);
    // 0.2 + 0.141 s × (1769/1024) GB × 0.0000133334 × 1e6 = 0.2 + 0.141 × 1.7275390625 × 13.3334
    expect(costPerMillionUsd(141, 1769, 'arm64', usEast)).toBeCloseTo(0.2 + 3.2477896763671874, 12);
    // 0.2 + 0.1 s × 2.9375 GB × 16.6667 = 0.2 + 4.895843125
    expect(costPerMillionUsd(100, 3008, 'x86_64', usEast)).toBeCloseTo(5.095843125, 12);
  });

  it('is the request fee alone at zero billed time, and arm64 is cheaper than x86_64 for the same time', () => {
    expect(costPerMillionUsd(0, 128, 'x86_64', usEast)).toBe(0.2);
    expect(costPerMillionUsd(50, 512, 'arm64', usEast)).toBeLessThan(costPerMillionUsd(50, 512, 'x86_64', usEast));
  });

  it('rejects impossible inputs instead of pricing them', () => {
    expect(() => costPerMillionUsd(Number.NaN, 128, 'x86_64', usEast)).toThrow(RangeError);
    expect(() => costPerMillionUsd(1, 0, 'x86_64', usEast)).toThrow(RangeError);
  });
});

describe('pricing table', () => {
  it('is data with its source and date, excludes the free tier, and falls back to the default region visibly', () => {
    expect(PRICING.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICING.source).toContain('aws.amazon.com/lambda/pricing');
    expect(PRICING.freeTier.includedInCosts).toBe(false);
    const other = pricesFor('eu-central-1');
    expect(other.exact).toBe(false);
    expect(other.region).toBe(PRICING.defaultRegion);
    expect(pricingNote(other)).toContain('stand in');
    expect(pricingNote(pricesFor('us-east-1'))).toContain('free tier excluded');
  });
});

describe('pickPowerTuning', () => {
  const c = (memoryMB: number, durationMs: number): TuningCandidate => ({
    memoryMB,
    arch: 'x86_64',
    durationMs,
    costPerMillionUsd: costPerMillionUsd(Math.ceil(durationMs), memoryMB, 'x86_64', pricesFor('us-east-1')),
  });

  it('names the cheapest, the fastest and the balanced configuration', () => {
    // CPU-bound work: 10× the memory is ~10× faster until 1769 MB (one vCPU), then flat.
    const candidates = [c(128, 400), c(512, 100), c(1769, 29), c(3008, 28)];
    const picks = pickPowerTuning(candidates);
    // Costs: 128 → 0.2+0.4×0.125×16.6667=1.0333; 512 → 0.2+0.1×0.5×16.6667=1.0333; 1769 → 0.2+0.029×1.7275×16.6667=1.035; 3008 → 0.2+0.028×2.9375×16.6667=1.571
    expect(picks?.cheapest.memoryMB).toBe(128); // tie with 512 at 1.0333: the smaller memory wins
    expect(picks?.fastest.memoryMB).toBe(3008);
    // balanced: 0.5·cost/1.571 + 0.5·duration/400 → 128: 0.829, 512: 0.454, 1769: 0.365, 3008: 0.535
    expect(picks?.balanced.memoryMB).toBe(1769);
  });

  it('returns undefined without candidates', () => {
    expect(pickPowerTuning([])).toBeUndefined();
  });
});
