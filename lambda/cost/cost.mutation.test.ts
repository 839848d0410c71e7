/**
 * Pins cost.ts to hand-computed figures on a made-up pricing table whose
 * numbers make every term visible (issue 16, mutation testing): region
 * choice, billing granularity rounding, the error paths and the run note.
 */
import { describe, expect, it } from 'vitest';
import { ARCHES, costPerMillionUsd, PRICING, pricesFor, pricingNote, type PricingTable } from './cost.js';

const TABLE: PricingTable = {
  ...PRICING,
  source: 'https://example.test/prices',
  takenOn: '2030-01-02',
  initBilledSince: '2029-12-31',
  billingGranularityMs: 100,
  freeTier: { ...PRICING.freeTier, includedInCosts: false },
  regions: {
    'eu-west-1': { requestUsdPerMillion: 0.5, gbSecondUsd: { x86_64: 0.00002, arm64: 0.00001 } },
    'ap-south-1': { requestUsdPerMillion: 0.25, gbSecondUsd: { x86_64: 0.00004, arm64: 0.00003 } },
  },
  defaultRegion: 'eu-west-1',
};

describe('cost.ts figures', () => {
  it('lists both architectures, x86_64 first', () => {
    expect(ARCHES).toEqual(['x86_64', 'arm64']);
  });

  it('uses a listed region exactly, and the default region (not exact) for an unknown or absent one', () => {
    expect(pricesFor('ap-south-1', TABLE)).toEqual({ region: 'ap-south-1', prices: TABLE.regions['ap-south-1'], exact: true });
    expect(pricesFor('xx-nowhere-9', TABLE)).toEqual({ region: 'eu-west-1', prices: TABLE.regions['eu-west-1'], exact: false });
    expect(pricesFor(undefined, TABLE)).toEqual({ region: 'eu-west-1', prices: TABLE.regions['eu-west-1'], exact: false });
  });

  it('refuses a table that lacks its default region, naming it', () => {
    const broken: PricingTable = { ...TABLE, defaultRegion: 'mars-1' };
    expect(() => pricesFor(undefined, broken)).toThrow('pricing table has no prices for its default region mars-1');
    // A listed region still works without the default.
    expect(pricesFor('ap-south-1', broken).exact).toBe(true);
  });

  it('rounds billed time up to the granularity before pricing', () => {
    const choice = pricesFor('ap-south-1', TABLE);
    // 101 ms billed in 100 ms steps is 200 ms: 0.2 s x 2 GB x $0.00004 x 1e6 + $0.25 = $16.25 per million.
    expect(costPerMillionUsd(101, 2048, 'x86_64', choice, TABLE)).toBeCloseTo(16.25, 9);
    // Exactly on a step stays there: 0.3 s x 0.5 GB x $0.00003 x 1e6 + $0.25 = $4.75.
    expect(costPerMillionUsd(300, 512, 'arm64', choice, TABLE)).toBeCloseTo(4.75, 9);
    // Zero billed time costs the request fee only.
    expect(costPerMillionUsd(0, 128, 'arm64', choice, TABLE)).toBe(0.25);
  });

  it('prices a REPORT Billed Duration at 1 ms granularity with the committed table', () => {
    const p = PRICING.regions[PRICING.defaultRegion]!;
    const expected = p.requestUsdPerMillion + 0.123 * (1769 / 1024) * p.gbSecondUsd.arm64 * 1e6;
    expect(costPerMillionUsd(123, 1769, 'arm64')).toBeCloseTo(expected, 9);
  });

  it('refuses negative or NaN billed time and non-positive memory with a one-line message', () => {
    expect(() => costPerMillionUsd(-1, 128, 'x86_64')).toThrow('cannot price billedMs=-1 memoryMB=128');
    expect(() => costPerMillionUsd(Number.NaN, 128, 'x86_64')).toThrow('cannot price billedMs=NaN memoryMB=128');
    expect(() => costPerMillionUsd(10, 0, 'x86_64')).toThrow('cannot price billedMs=10 memoryMB=0');
  });

  it('describes the prices, source, free tier and INIT billing, and says when a stand-in region is used', () => {
    const exact = pricingNote(pricesFor('ap-south-1', TABLE), TABLE);
    expect(exact).toBe(
      'costs: ap-south-1 on-demand list prices (requests $0.25/M, GB-s x86_64 $0.00004, arm64 $0.00003), ' +
        'taken 2030-01-02 from https://example.test/prices; free tier excluded; volume tiers not applied; ' +
        'INIT billed on cold starts (since 2029-12-31)',
    );
    const standIn = pricingNote(pricesFor('xx-nowhere-9', TABLE), { ...TABLE, freeTier: { ...TABLE.freeTier, includedInCosts: true } });
    expect(standIn).toContain('; free tier included;');
    expect(standIn.endsWith('; the table has no prices for the measured region, eu-west-1 prices stand in')).toBe(true);
  });
});
