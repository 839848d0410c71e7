import { describe, expect, it } from 'vitest';
import { pricesFor } from '../cost/cost.js';
import { ingestedBytes, loadCostPerMillion } from './cost.js';

const choice = pricesFor('us-east-1');

describe('loadCostPerMillion', () => {
  it('adds requests, GB-s with INIT, EventBridge and log ingestion per million events', () => {
    // 1000 events at 1024 MB x86_64: 10 ms billed each, one cold start billing 200 ms more; 500 B of log each.
    const cost = loadCostPerMillion({ invocations: 1000, billedMs: 1000 * 10 + 200, initMs: 200, logBytes: 500_000 }, 1024, 'x86_64', 'eventbridge', choice);
    const gbs = choice.prices.gbSecondUsd.x86_64;
    expect(cost?.requestsUsd).toBe(0.2);
    expect(cost?.computeUsd).toBeCloseTo(10.2 * gbs * 1e6 / 1000, 9);
    expect(cost?.eventBridgeUsd).toBe(1);
    expect(cost?.logsUsd).toBeCloseTo(500 / 1e9 * 0.5 * 1e6, 12);
    expect(cost?.totalUsd).toBeCloseTo(0.2 + 10.2 * gbs * 1e3 + 1 + 0.25, 9);
    expect(cost?.coldShare).toBeCloseTo((0.2 * gbs * 1e3) / (cost?.totalUsd as number), 9);
    expect(cost?.unpriced).toEqual([]);
  });

  it('charges no EventBridge fee off that path, and names prices the table lacks', () => {
    expect(loadCostPerMillion({ invocations: 1, billedMs: 1, initMs: 0, logBytes: 0 }, 128, 'arm64', 'sync', choice)?.eventBridgeUsd).toBe(0);
    const bare = { region: 'x', exact: false, prices: { requestUsdPerMillion: 0.2, gbSecondUsd: { x86_64: 1e-5, arm64: 1e-5 } } };
    const cost = loadCostPerMillion({ invocations: 1, billedMs: 1, initMs: 0, logBytes: 100 }, 128, 'arm64', 'eventbridge', bare);
    expect(cost?.unpriced).toEqual(['EventBridge events', 'log ingestion']);
    expect(loadCostPerMillion({ invocations: 0, billedMs: 0, initMs: 0, logBytes: 0 }, 128, 'arm64', 'sync', choice)).toBeUndefined();
  });

  it('counts CloudWatch Logs per-event overhead', () => {
    expect(ingestedBytes(1000, 4)).toBe(1000 + 4 * 26);
  });
});
