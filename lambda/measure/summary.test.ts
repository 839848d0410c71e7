/**
 * Per-row cost pinned to the cent-fraction from REPORT lines: the row is
 * priced on the median Billed Duration (cold: Billed Duration including
 * INIT), at the row's memory and architecture, with the request fee. Every
 * expected figure below is worked out by hand from the lines and the test's
 * own price table, so a row priced on Duration, on half of anything, on the
 * wrong memory or architecture, or without the request fee, fails.
 */
import { describe, expect, it } from 'vitest';
import { parseReportLine } from '../report-line.js';
import type { PriceChoice } from '../cost/cost.js';
import type { FunctionSamples, SampleSeries } from './sampling.js';
import { newCounters } from './invoke.js';
import { summarise, type RowContext } from './summary.js';

/** Round prices, so the expected figures can be done by hand. */
const PRICE: PriceChoice = { region: 'test-region-1', exact: true, prices: { requestUsdPerMillion: 0.2, gbSecondUsd: { x86_64: 0.00002, arm64: 0.000016 } } };

const series = (): SampleSeries => ({ clientNs: [], durationMs: [], billedMs: [], handlerNs: [], maxMemoryUsedMB: [], initMs: [], environment: [] });

/** Records REPORT lines as measureFunctions does (every figure from the parsed line). */
function fill(into: SampleSeries, lines: readonly string[]): void {
  for (const line of lines) {
    const report = parseReportLine(line);
    if (report?.durationMs === undefined || report.billedDurationMs === undefined || report.maxMemoryUsedMB === undefined) throw new Error(`not a full REPORT line: ${line}`);
    into.durationMs.push(report.durationMs);
    into.billedMs.push(report.billedDurationMs);
    into.maxMemoryUsedMB.push(report.maxMemoryUsedMB);
    into.clientNs.push(report.durationMs * 1e6 + 2e6);
    into.handlerNs.push(report.durationMs * 1e6 - 1e5);
    into.environment.push(0);
    if (report.initDurationMs !== undefined) into.initMs.push(report.initDurationMs);
  }
}

function samples(warmLines: readonly string[], coldLines: readonly string[] = []): FunctionSamples {
  const s: FunctionSamples = {
    warm: series(), cold: series(), warmDropped: 0, coldDropped: 0, counters: newCounters(), error: undefined, failure: undefined,
    missingApi: false, reports: true, unavailable: [], runtimeClients: new Set(), environments: [{ block: 0, start: 'priming' }],
  };
  fill(s.warm, warmLines);
  fill(s.cold, coldLines);
  return s;
}

const ctx = (memoryMB: number, arch: RowContext['arch']): RowContext => ({ memoryMB, arch, endpoint: 'local', runtime: 'nodejs22.x', functionName: 'f', price: PRICE });
const report = (duration: string, billed: number, memoryMB: number, extra = ''): string =>
  `REPORT RequestId: 8f507cfc-example-4697-b07a-ac58fc914c95\tDuration: ${duration} ms\tBilled Duration: ${billed} ms\tMemory Size: ${memoryMB} MB\tMax Memory Used: 56 MB\t${extra}`;

function costs(row: ReturnType<typeof summarise>): { row: number; warm: number; cold?: number; tuning?: number } {
  if (row.state !== 'completed') throw new Error(`row not completed: ${row.state}`);
  const cost = row.fields.lambda.cost;
  if (!cost) throw new Error('row without cost');
  return { row: cost.warmPerMillionUsd, warm: cost.warmPerMillionUsd, cold: cost.coldPerMillionUsd, tuning: row.tuning?.costPerMillionUsd };
}

describe('summarise: cost per row from REPORT lines', () => {
  it('prices a 1024 MB x86_64 row on its median Billed Duration (17 ms -> $0.54 per million)', () => {
    // Billed 13, 17, 25 ms: median 17 ms = 0.017 GB-s at 1 GB;
    // 0.017 × 0.00002 × 1e6 = $0.34, plus the $0.20 request fee = $0.54.
    const row = summarise(samples([report('12.34', 13, 1024), report('16.02', 17, 1024), report('24.10', 25, 1024)]), ctx(1024, 'x86_64'));
    const c = costs(row);
    expect(c.row).toBeCloseTo(0.54, 9);
    expect(c.warm).toBeCloseTo(0.54, 9);
    expect(c.tuning).toBeCloseTo(0.54, 9);
  });

  it('prices a 512 MB arm64 row at its own memory and architecture (100 ms -> $1.00 per million)', () => {
    // 0.1 s × 0.5 GB = 0.05 GB-s; × 0.000016 × 1e6 = $0.80; + $0.20 = $1.00.
    const c = costs(summarise(samples([report('98.70', 100, 512), report('99.90', 100, 512)]), ctx(512, 'arm64')));
    expect(c.row).toBeCloseTo(1.0, 9);
  });

  it('prices the forced-cold figure on Billed Duration including INIT (206 ms at 2048 MB x86_64 -> $8.44 per million)', () => {
    // 0.206 s × 2 GB = 0.412 GB-s; × 0.00002 × 1e6 = $8.24; + $0.20 = $8.44.
    // Warm: 3 ms × 2 GB = 0.006 GB-s -> $0.12 + $0.20 = $0.32.
    const row = summarise(
      samples([report('2.40', 3, 2048), report('2.45', 3, 2048)], [report('5.00', 206, 2048, 'Init Duration: 200.51 ms\t')]),
      ctx(2048, 'x86_64'),
    );
    const c = costs(row);
    expect(c.row).toBeCloseTo(0.32, 9);
    expect(c.cold).toBeCloseTo(8.44, 9);
  });

  it('takes the median of an even number of Billed Durations as the mean of the middle two (10 and 30 ms -> 20 ms)', () => {
    // 0.02 s × 1 GB × 0.00002 × 1e6 = $0.40; + $0.20 = $0.60.
    const c = costs(summarise(samples([report('9.00', 10, 1024), report('29.00', 30, 1024), report('1.00', 2, 1024), report('40.00', 41, 1024)]), ctx(1024, 'x86_64')));
    expect(c.row).toBeCloseTo(0.6, 9);
  });
});
