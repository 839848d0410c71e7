/**
 * results.csv of a Lambda run (csv-lambda.ts): a column for each figure
 * the Lambda tables show (basis, client round trip and overhead with their
 * intervals, forced cold starts with Init Duration, Max Memory Used warm and
 * cold, the all-cold cost, the picks), numbers without float noise, and no
 * such columns in a run without Lambda rows.
 */
import { describe, expect, it } from 'vitest';
import { csvHeader, renderCsv } from './csv.js';
import { LAMBDA_CSV_COLUMNS } from './csv-lambda.js';
import { completed, errored, sampleRun, vs, warm } from './fixtures.js';
import { lambdaRow } from './lambda-rows.fixture.js';

/** The CSV as objects keyed by header (no field of these runs needs quoting). */
function records(text: string): Array<Record<string, string>> {
  const [header, ...rows] = text.trimEnd().split('\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

describe('results.csv of a Lambda run', () => {
  const run = sampleRun([
    lambdaRow('node', 128, { durationNs: 2e6, costPerMillionUsd: 0.20416667500000002, picks: ['cheapest', 'balanced'] }),
    lambdaRow('wasm', 128, { durationNs: 1.6e6, costPerMillionUsd: 0.204, picks: ['cheapest', 'fastest', 'balanced'], coldVsNode: vs(1.1, 1.02, 1.2, 'slower', { unit: 'environment', count: 6 }) }),
    { workload: 'sha256', target: 'wasm', size: 'small', placement: 'lambda', lambda: { memoryMB: 1769, arch: 'x86_64' }, state: 'errored', verified: false, failure: 'wrong-output', error: 'output digest mismatch' },
  ]);
  const rows = records(renderCsv(run));
  const row = (target: string, status = 'completed'): Record<string, string> => rows.find((r) => r.target === target && r.status === status)!;

  it('writes a column per Lambda figure, after cost_per_million_usd', () => {
    const header = csvHeader(run);
    const names = LAMBDA_CSV_COLUMNS.map(([name]) => name);
    expect(header.slice(header.indexOf('cost_per_million_usd') + 1, header.indexOf('cost_per_million_usd') + 1 + names.length)).toEqual(names);
  });

  it('fills them from the lambda block, in base units, without float noise', () => {
    const wasm = row('wasm');
    expect([wasm.lambda_warm_environments, wasm.lambda_warm_invocations]).toEqual(['5', '50']);
    expect([wasm.lambda_warm_client_median_ns, wasm.lambda_warm_client_ci_lo_ns, wasm.lambda_warm_client_ci_hi_ns]).toEqual(['3600000', '3456000', '3744000']);
    expect([wasm.lambda_cold_samples, wasm.lambda_cold_dropped]).toEqual(['6', '1']);
    expect([wasm.lambda_cold_init_median_ns, wasm.lambda_cold_init_ci_lo_ns, wasm.lambda_cold_init_ci_hi_ns]).toEqual(['120000000', '115200000', '124800000']);
    expect([wasm.cold_vs_node_ratio, wasm.cold_vs_node_verdict]).toEqual(['1.1', 'slower']);
    expect([wasm.lambda_max_memory_used_warm_median_mb, wasm.lambda_max_memory_used_cold_median_mb, wasm.max_memory_used_mb]).toEqual(['58', '55', '60']);
    expect(wasm.lambda_cold_cost_per_million_usd).toBe('2.5');
    expect(wasm.lambda_power_tuning_picks).toBe('cheapest fastest balanced');
    expect(row('node').cost_per_million_usd).toBe('0.204167');
  });

  it('leaves them empty on a row that failed', () => {
    const bad = row('wasm', 'errored');
    expect(LAMBDA_CSV_COLUMNS.map(([name]) => bad[name])).toEqual(LAMBDA_CSV_COLUMNS.map(() => ''));
  });

  it('is not written for a run without Lambda rows', () => {
    const local = sampleRun([completed('sha256', 'node', 'small', { warm: warm(1e6) })]);
    expect(csvHeader(local).filter((name) => name.startsWith('lambda_'))).toEqual([]);
  });
});
