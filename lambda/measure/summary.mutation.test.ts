/**
 * Pins every field of a Lambda row (issue 16, mutation testing): which
 * series feeds which figure, units (ms to ns), the paired client overhead,
 * memory maximum and medians, cold-only fields, notes on dropped samples,
 * and the rows without REPORT, without warm samples, or with an error.
 * Timing stats are described with the stats module itself (tested on its
 * own); what is checked here is that each figure comes from the right series,
 * and that the warm figure is taken across the environments that served it.
 */
import { describe, expect, it } from 'vitest';
import { describeSamples } from '../../harness/stats/describe.js';
import { describeForks } from '../../harness/stats/replicated.js';
import type { PriceChoice } from '../cost/cost.js';
import { newCounters } from './invoke.js';
import type { FunctionSamples, SampleSeries } from './sampling.js';
import { summarise, type RowContext } from './summary.js';

const PRICE: PriceChoice = { region: 'test-region-1', exact: false, prices: { requestUsdPerMillion: 0.2, gbSecondUsd: { x86_64: 0.00002, arm64: 0.000016 } } };
const CTX: RowContext = { memoryMB: 1024, arch: 'x86_64', endpoint: 'local', runtime: 'nodejs22.x', functionName: 'fn-a', price: PRICE };

const series = (over: Partial<SampleSeries> = {}): SampleSeries => ({ clientNs: [], durationMs: [], billedMs: [], handlerNs: [], maxMemoryUsedMB: [], initMs: [], environment: [], ...over });

function samples(over: Partial<FunctionSamples> = {}): FunctionSamples {
  return {
    // One sample from each of three environments (blocks 0-2).
    warm: series({ clientNs: [5e6, 9e6, 6e6], durationMs: [2, 4, 3], billedMs: [2, 4, 3], handlerNs: [1e6, 3e6, 2e6], maxMemoryUsedMB: [60, 64, 62], environment: [0, 1, 2] }),
    cold: series(),
    warmDropped: 0,
    coldDropped: 0,
    counters: { ...newCounters(), retries: 2, throttles: 1 },
    error: undefined,
    failure: undefined,
    missingApi: false,
    reports: true,
    unavailable: [],
    runtimeClients: new Set(['ric-b', 'ric-a']),
    environments: [{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 2, start: 'forced' }],
    ...over,
  };
}

describe('Lambda row summary, field by field', () => {
  it('a warm-only row: REPORT Duration in ns, paired overhead, memory, cost basis, retries, no cold figures', () => {
    const row = summarise(samples(), CTX);
    if (row.state !== 'completed') throw new Error(row.state);
    // Across environments: each environment's median is one unit (geometric mean, t interval), not the pooled samples.
    const duration = { ...describeForks([[2e6], [4e6], [3e6]]), callsPerSample: 1 };
    // 3 ms median Billed Duration at 1 GB: 0.003 GB-s x $0.00002 x 1e6 + $0.2 = $0.26 per million.
    const cost = 0.26;
    expect(row.environments).toStrictEqual({ samplesNs: [[2e6], [4e6], [3e6]], blocks: [0, 1, 2] });
    expect(row.coldNs).toStrictEqual([]);
    expect((row.fields.warm as { medianNs: number }).medianNs).toBeCloseTo(Math.cbrt(2e6 * 4e6 * 3e6), 3);
    expect(row.notes).toStrictEqual([]);
    expect(row.tuning).toStrictEqual({ memoryMB: 1024, arch: 'x86_64', durationMs: expect.closeTo(Math.cbrt(2 * 4 * 3), 9), costPerMillionUsd: expect.closeTo(cost, 12) });
    expect(row.fields).toStrictEqual({
      warm: duration,
      lambda: {
        memoryMB: 1024,
        arch: 'x86_64',
        endpoint: 'local',
        runtime: 'nodejs22.x',
        functionName: 'fn-a',
        runtimeClient: 'ric-a, ric-b',
        warm: {
          samples: 3,
          dropped: 0,
          environments: { count: 3, samples: [1, 1, 1], blocks: [0, 1, 2] },
          client: describeSamples([5e6, 9e6, 6e6]),
          overhead: describeSamples([3e6, 5e6, 3e6]),
          duration,
          billed: describeSamples([2e6, 4e6, 3e6]),
          handler: describeSamples([1e6, 3e6, 2e6]),
        },
        cold: { samples: 0, dropped: 0 },
        maxMemoryUsedMB: { warmMedian: 62, max: 64 },
        cost: { warmPerMillionUsd: expect.closeTo(cost, 12), basis: 'median Billed Duration (cold: includes INIT)', pricingRegion: 'test-region-1', pricesExact: false, freeTier: 'excluded' },
        retries: { retries: 2, throttles: 1, serverErrors: 0, networkErrors: 0 },
      },
    });
  });

  it('a row with cold samples, dropped samples and a missing figure: cold fields, notes, memory over both', () => {
    const cold = series({ clientNs: [300e6], durationMs: [100], billedMs: [350], handlerNs: [90e6], maxMemoryUsedMB: [80], initMs: [250], environment: [1] });
    const unavailable = [{ figures: ['cold start'], api: 'GetFunction', httpStatus: 404, reason: 'not found' }];
    const row = summarise(samples({ cold, warmDropped: 2, coldDropped: 1, unavailable, runtimeClients: new Set() }), CTX);
    if (row.state !== 'completed') throw new Error(row.state);
    expect(row.notes).toStrictEqual([
      '1 forced cold sample(s) had no Init Duration (served warm): dropped, not averaged in',
      '2 warm sample(s) had Init Duration (new environment): dropped from the warm figures',
    ]);
    const lambda = row.fields.lambda;
    expect(row.fields.unavailable).toStrictEqual(unavailable);
    expect(row.fields.unavailable).not.toBe(unavailable);
    expect(lambda.maxMemoryUsedMB?.max).toBe(80);
    expect(lambda.runtimeClient).toBe('unknown');
    expect(lambda.cold).toStrictEqual({
      samples: 1,
      dropped: 1,
      init: describeSamples([250e6]),
      firstDuration: describeSamples([100e6]),
      firstBilled: describeSamples([350e6]),
      client: describeSamples([300e6]),
      handler: describeSamples([90e6]),
    });
    expect(lambda.maxMemoryUsedMB).toStrictEqual({ warmMedian: 62, coldMedian: 80, max: 80 });
    // Cold: 350 ms billed at 1 GB: 0.35 x $0.00002 x 1e6 + $0.2 = $7.2 per million.
    expect((lambda.cost as { coldPerMillionUsd: number }).coldPerMillionUsd).toBeCloseTo(7.2, 9);
    expect((lambda.warm as { dropped: number }).dropped).toBe(2);
    // The cold figure compared with node: Init Duration + Duration of the forced start.
    expect(row.coldNs).toStrictEqual([350e6]);
  });

  it('a row whose warm samples all came from one environment: pooled figures, the count recorded, and a note that no verdict can follow', () => {
    const warm = series({ clientNs: [5e6, 9e6, 6e6, 7e6], durationMs: [2, 4, 3, 5], billedMs: [2, 4, 3, 5], handlerNs: [1e6, 3e6, 2e6, 4e6], maxMemoryUsedMB: [60, 64, 62, 61], environment: [0, 0, 0, 0] });
    const row = summarise(samples({ warm, environments: [{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }] }), CTX);
    if (row.state !== 'completed') throw new Error(row.state);
    expect(row.environments).toStrictEqual({ samplesNs: [[2e6, 4e6, 3e6, 5e6]], blocks: [0] });
    expect(row.fields.warm).toStrictEqual({ ...describeForks([[2e6, 4e6, 3e6, 5e6]]), callsPerSample: 1 });
    expect((row.fields.lambda as { warm: { environments: unknown } }).warm.environments).toStrictEqual({ count: 1, samples: [4], blocks: [0] });
    expect(row.notes).toStrictEqual(['warm samples from 1 execution environment(s): fewer than 3, so no verdict against node']);
  });

  it('groups samples by the environment that served them, in environment order, leaving out environments without one', () => {
    const warm = series({ clientNs: [1e6, 1e6, 1e6, 1e6, 1e6], durationMs: [2, 3, 8, 4, 9], billedMs: [2, 3, 8, 4, 9], handlerNs: [1, 1, 1, 1, 1], maxMemoryUsedMB: [1, 1, 1, 1, 1], environment: [0, 2, 3, 2, 3] });
    const environments = [{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 1, start: 'replaced' }, { block: 2, start: 'forced' }] as const;
    const row = summarise(samples({ warm, environments: [...environments] }), CTX);
    if (row.state !== 'completed') throw new Error(row.state);
    expect(row.environments).toStrictEqual({ samplesNs: [[2e6], [3e6, 4e6], [8e6, 9e6]], blocks: [0, 1, 2] });
    expect((row.fields.lambda as { warm: { environments: unknown } }).warm.environments).toStrictEqual({ count: 3, samples: [1, 2, 2], blocks: [0, 1, 2] });
  });

  it('a row without REPORT: client and handler figures only, and what is unavailable', () => {
    const unavailable = [{ figures: ['REPORT Duration', 'Billed Duration', 'cost'], api: 'Invoke LogType Tail', reason: 'no log tail' }];
    const row = summarise(samples({ reports: false, unavailable, warmDropped: 1 }), { ...CTX, arch: 'arm64', endpoint: 'endpoint:127.0.0.1:9001' });
    expect(row).toStrictEqual({
      state: 'completed',
      environments: { samplesNs: [], blocks: [] },
      coldNs: [],
      notes: [],
      fields: {
        unavailable,
        lambda: {
          memoryMB: 1024,
          arch: 'arm64',
          endpoint: 'endpoint:127.0.0.1:9001',
          runtime: 'nodejs22.x',
          functionName: 'fn-a',
          runtimeClient: 'ric-a, ric-b',
          warm: {
            samples: 3,
            dropped: 1,
            environments: { count: 3, samples: [1, 1, 1], blocks: [0, 1, 2] },
            client: describeSamples([5e6, 9e6, 6e6]),
            handler: describeSamples([1e6, 3e6, 2e6]),
          },
          cold: { samples: 0, dropped: 0 },
          retries: { retries: 2, throttles: 1, serverErrors: 0, networkErrors: 0 },
        },
      },
    });
    const bare = summarise(samples({ reports: false, runtimeClients: new Set(), warm: series({ clientNs: [1e6], environment: [0] }) }), CTX);
    expect(bare.state === 'completed' && (bare.fields.lambda as { runtimeClient: string; warm: unknown }).runtimeClient).toBe('unknown');
    expect(bare.state === 'completed' && (bare.fields.lambda as { warm: unknown }).warm).toStrictEqual({
      samples: 1,
      dropped: 0,
      environments: { count: 1, samples: [1], blocks: [0] },
      client: describeSamples([1e6]),
      handler: undefined,
    });
  });

  it('names the AWS region in the lambda block when the row ran in one', () => {
    const row = summarise(samples(), { ...CTX, endpoint: 'aws:eu-west-1', region: 'eu-west-1' });
    if (row.state !== 'completed') throw new Error(row.state);
    expect(row.fields.lambda).toMatchObject({ endpoint: 'aws:eu-west-1', region: 'eu-west-1', functionName: 'fn-a' });
  });

  it('errors, unsupported endpoints and rows without an accepted warm sample', () => {
    expect(summarise(samples({ error: 'digest mismatch', failure: 'wrong-output' }), CTX)).toStrictEqual({ state: 'errored', error: 'digest mismatch', failure: 'wrong-output' });
    expect(summarise(samples({ error: 'crashed' }), CTX)).toStrictEqual({ state: 'errored', error: 'crashed', failure: 'not-measured' });
    expect(summarise(samples({ error: 'no Invoke', missingApi: true }), CTX)).toStrictEqual({ state: 'unsupported', reason: 'no Invoke' });
    expect(summarise(samples({ warm: series(), warmDropped: 4 }), CTX)).toStrictEqual({
      state: 'errored',
      error: 'no warm sample accepted (4 were served by new environments and dropped)',
      failure: 'not-measured',
    });
  });
});
