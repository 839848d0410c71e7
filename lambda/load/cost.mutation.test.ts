/**
 * Pins the load step's bill where the committed table hides mistakes
 * (issue 16, mutation testing): its 1 ms billing granularity and the 1024
 * MB of the main test make `ceil(ms / g) * g` and `/ 1024` look right
 * however they are written; a free step has no cold share; the log
 * overhead per event comes from the table when it has one.
 */
import { describe, expect, it } from 'vitest';
import { PRICING, pricesFor, type PriceChoice, type PricingTable } from '../cost/cost.js';
import { ingestedBytes, loadCostPerMillion } from './cost.js';

const choice = pricesFor('us-east-1');

describe('loadCostPerMillion', () => {
  it('rounds the billed time up to the table\'s granularity and scales by the memory in GB', () => {
    const coarse: PricingTable = { ...PRICING, billingGranularityMs: 100 };
    // 10 events billing 1,050 ms in all at 512 MB: 1,100 ms -> 1.1 s x 0.5 GB = 0.55 GB-s.
    const cost = loadCostPerMillion({ invocations: 10, billedMs: 1050, initMs: 0, logBytes: 0 }, 512, 'arm64', 'sync', choice, coarse);
    expect(cost?.computeUsd).toBeCloseTo(0.55 * choice.prices.gbSecondUsd.arm64 * 1e5, 9);
  });

  it('gives a step that cost nothing no cold share', () => {
    const free: PriceChoice = { ...choice, prices: { requestUsdPerMillion: 0, gbSecondUsd: { x86_64: 0, arm64: 0 }, eventBridgeUsdPerMillion: 0, logsIngestUsdPerGb: 0 } };
    const cost = loadCostPerMillion({ invocations: 5, billedMs: 500, initMs: 100, logBytes: 100 }, 128, 'x86_64', 'sync', free);
    expect(cost?.totalUsd).toBe(0);
    expect(cost?.coldShare).toBe(0);
  });
});

describe('ingestedBytes', () => {
  it('takes the per-event overhead from the table, 26 bytes when it has none', () => {
    const loadPrices = { what: 'w', source: 's', takenOn: 't', takenHow: 'h', logEventOverheadBytes: 30 };
    expect(ingestedBytes(1000, 4, { ...PRICING, loadPrices })).toBe(1000 + 4 * 30);
    const { loadPrices: _dropped, ...withoutLoadPrices } = PRICING;
    expect(ingestedBytes(1000, 4, withoutLoadPrices)).toBe(1000 + 4 * 26);
  });
});
