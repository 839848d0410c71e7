/**
 * The AWS Lambda table of report.md / report.html for rows from an endpoint
 * that lacks APIs: missing figures are "n/a" (not the "—" of a figure nobody
 * measured, nor INVALID), the verified client round trip is shown, and the
 * status names each missing API and its HTTP status. The ADR draft says
 * why it cannot decide.
 */
import { describe, expect, it } from 'vitest';
import { lambdaTable } from './tables.js';
import { decideWorkload } from './adr-decide.js';
import { warm } from './fixtures.js';
import type { ResultRecord } from '../types.js';

const base = { workload: 'noop', size: 'small', placement: 'lambda', engine: '128MB-x86_64', status: 'completed', verified: true, memoryMB: 128, arch: 'x86_64', endpoint: 'endpoint:127.0.0.1:9' } as const;
const rows: ResultRecord[] = [
  {
    ...base, target: 'node',
    unavailable: [{ figures: ['REPORT Duration'], api: 'Invoke LogType Tail', httpStatus: 200, reason: 'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result' }],
    lambda: { warm: { samples: 5, client: warm(2_500_000) } },
  },
  { ...base, target: 'wasm', warm: warm(400_000), costPerMillionUsd: 0.21, lambda: { warm: { client: warm(1_400_000) } } },
];

describe('lambdaTable with capability gaps', () => {
  const table = lambdaTable(rows);
  const column = (header: string): number => table?.columns.findIndex((c) => c.header === header) ?? -1;
  const cell = (row: number, header: string): string | undefined => table?.rows[row]?.[column(header)]?.text;

  it('shows the client round trip, n/a for what the endpoint does not give, and which API answered what', () => {
    expect(cell(0, 'Client round trip (median)')).toBe('2.50 ms');
    expect(cell(0, 'Warm median [95% CI]')).toBe('n/a');
    expect(cell(0, '$ per 1M invocations')).toBe('n/a');
    expect(cell(0, 'Status')).toBe('verified; n/a from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result');
  });

  it('leaves rows without gaps as they were: a figure not measured is a dash, the status just verified', () => {
    expect(cell(1, 'Client round trip (median)')).toBe('1.40 ms');
    expect(cell(1, 'vs node [95% CI]')).toBe('—');
    expect(cell(1, 'Status')).toBe('verified');
  });
});

describe('the ADR draft with capability gaps', () => {
  it('makes no recommendation without REPORT Duration, and says which API was missing', () => {
    const decision = decideWorkload('noop', rows);
    expect(decision.recommendation).toEqual({
      kind: 'no-recommendation',
      reason: 'node, the baseline, has no valid warm measurement (no warm figures: n/a from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result)',
    });
  });
});
