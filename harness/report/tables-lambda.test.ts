/**
 * The AWS Lambda tables of report.md / report.html (tables-lambda.ts).
 * Complete rows show warm Duration and client round trip with their
 * intervals and basis, the ratio to node, Max Memory Used, $/1M per memory ×
 * architecture, the Power Tuning picks, and the forced cold starts with Init
 * Duration and the cold ratio to node. Rows from an endpoint that lacks APIs
 * show "n/a" for what it cannot give (not the "—" of a figure nobody
 * measured, nor INVALID), the verified client round trip, and a status that
 * names each missing API and its HTTP status. The ADR draft says why it
 * cannot decide.
 */
import { describe, expect, it } from 'vitest';
import { lambdaColdTable, lambdaWarmTable } from './tables-lambda.js';
import { workloadTables } from './tables.js';
import type { Table } from './table-model.js';
import { lambdaRow } from './lambda-rows.fixture.js';
import { renderMarkdown } from './markdown.js';
import { decideWorkload } from './adr-decide.js';
import { lambdaCompleted, sampleRun, vs, warm } from './fixtures.js';
import type { ResultRecord } from '../contract/index.js';

const endpoint = 'endpoint:127.0.0.1:9';
const rows: ResultRecord[] = [
  lambdaCompleted('noop', 'node', 'small', 128, 'x86_64', {
    unavailable: [{ figures: ['REPORT Duration'], api: 'Invoke LogType Tail', httpStatus: 200, reason: 'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result' }],
    lambda: { endpoint, warm: { samples: 5, dropped: 0, client: warm(2_500_000) } },
  }),
  lambdaCompleted('noop', 'wasm', 'small', 128, 'x86_64', { warm: warm(400_000), costPerMillionUsd: 0.21, lambda: { endpoint, warm: { samples: 5, dropped: 0, client: warm(1_400_000) } } }),
];

/** A cell of a table by row index and column header. */
function cellOf(table: Table | undefined, row: number, header: string): string | undefined {
  const column = table?.columns.findIndex((c) => c.header === header) ?? -1;
  return column === -1 ? undefined : table?.rows[row]?.[column]?.text;
}

describe('the Lambda warm table with capability gaps', () => {
  const table = lambdaWarmTable(rows);
  const cell = (row: number, header: string): string | undefined => cellOf(table, row, header);

  it('shows the client round trip, n/a for what the endpoint does not give, and which API answered what', () => {
    expect(cell(0, 'Client round trip [95% CI]')).toBe('2.50 ms [2.45–2.55 ms]');
    expect(cell(0, 'Duration [95% CI]')).toBe('n/a');
    expect(cell(0, '$ per 1M invocations')).toBe('n/a');
    expect(cell(0, 'Status')).toBe('verified; n/a from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result');
  });

  it('leaves rows without gaps as they were: a figure not measured is a dash, the status just verified', () => {
    expect(cell(1, 'Client round trip [95% CI]')).toBe('1.40 ms [1.37–1.43 ms]');
    expect(cell(1, 'vs node [95% CI]')).toBe('—');
    expect(cell(1, 'Status')).toBe('verified');
  });
});

describe('the Lambda tables of a complete run', () => {
  const ratio = vs(0.8, 0.75, 0.85, 'faster', { unit: 'environment', count: 5 });
  const coldRatio = vs(1.1, 1.02, 1.2, 'slower', { unit: 'environment', count: 6 });
  const complete: ResultRecord[] = [
    lambdaRow('node', 128, { durationNs: 2e6, costPerMillionUsd: 0.204, picks: ['cheapest', 'balanced'] }),
    lambdaRow('wasm', 128, { durationNs: 1.6e6, costPerMillionUsd: 0.204, picks: ['cheapest', 'fastest', 'balanced'], vsNode: ratio, coldVsNode: coldRatio, initNs: 130e6 }),
    lambdaRow('node', 1769, { durationNs: 1.9e6, costPerMillionUsd: 0.258, picks: ['fastest'] }),
    lambdaRow('wasm', 1769, { durationNs: 1.7e6, costPerMillionUsd: 0.258, picks: [] }),
  ];
  const warmTable = lambdaWarmTable(complete);
  const coldTable = lambdaColdTable(complete);

  it('shows warm Duration and client round trip with their intervals, the basis, memory, cost per configuration and the picks', () => {
    expect([cellOf(warmTable, 1, 'Memory'), cellOf(warmTable, 1, 'Arch')]).toEqual(['128 MB', 'x86_64']);
    expect(cellOf(warmTable, 1, 'Duration [95% CI]')).toBe('1.60 ms [1.54–1.66 ms]');
    expect(cellOf(warmTable, 1, 'Client round trip [95% CI]')).toBe('3.60 ms [3.46–3.74 ms]');
    expect(cellOf(warmTable, 1, 'Basis')).toBe('5 environments, 50 invocations');
    expect(cellOf(warmTable, 1, 'vs node [95% CI]')).toBe('1.25× faster [1.18–1.33] (5 environments)');
    expect(cellOf(warmTable, 1, 'Max memory used')).toBe('60 MB');
    expect(complete.map((_, i) => cellOf(warmTable, i, '$ per 1M invocations'))).toEqual(['$0.204', '$0.204', '$0.258', '$0.258']);
    expect(complete.map((_, i) => cellOf(warmTable, i, 'Power Tuning pick'))).toEqual(['cheapest, balanced', 'cheapest, fastest, balanced', 'fastest', 'none']);
    // One endpoint: named in the caption, no column for it.
    expect(warmTable?.columns.map((c) => c.header)).not.toContain('Endpoint');
    expect(warmTable?.caption).toContain('Endpoint: local.');
  });

  it('shows forced cold starts: Init Duration with its interval, how many, the cold ratio to node and the all-cold cost', () => {
    expect(coldTable?.title).toBe('AWS Lambda: forced cold starts');
    expect(cellOf(coldTable, 1, 'Init Duration [95% CI]')).toBe('130 ms [125–135 ms]');
    expect(cellOf(coldTable, 1, 'Cold invoke round trip [95% CI]')).toBe('170 ms [163–177 ms]');
    expect(cellOf(coldTable, 1, 'Forced cold starts')).toBe('6 (+1 served warm, dropped)');
    expect(cellOf(coldTable, 1, 'vs node, Init + Duration [95% CI]')).toBe('1.10× slower [1.02–1.20] (6 environments)');
    expect(cellOf(coldTable, 0, 'vs node, Init + Duration [95% CI]')).toBe('baseline');
    expect(cellOf(coldTable, 1, '$ per 1M, every invocation cold')).toBe('$2.50');
  });

  it('says a cold ratio was not recorded, rather than showing a bare dash, for a run from before cold ratios', () => {
    const older = complete.map((r) => ({ ...r, coldVsNode: undefined }));
    expect(cellOf(lambdaColdTable(older), 1, 'vs node, Init + Duration [95% CI]')).toBe('not recorded in this run');
    expect(cellOf(lambdaColdTable(older), 0, 'vs node, Init + Duration [95% CI]')).toBe('baseline');
  });

  it('puts nothing "n/a" that the run measured', () => {
    const cells = [warmTable, coldTable].flatMap((t) => t?.rows.flat() ?? []);
    expect(cells.filter((c) => c.text.includes('n/a'))).toEqual([]);
  });

  it('leaves the cold table out when no row has a forced cold start, and keeps both in the workload tables otherwise', () => {
    const warmOnly = complete.map((r) => (r.placement === 'lambda' && r.state === 'completed' ? { ...r, lambda: { ...r.lambda, cold: { samples: 0, dropped: 0 } } } : r));
    expect(lambdaColdTable(warmOnly)).toBeUndefined();
    expect(workloadTables(complete).map((t) => t.title)).toEqual(['AWS Lambda: warm invocations', 'AWS Lambda: forced cold starts']);
  });

  it('puts both tables and the cost-against-duration chart into report.md', () => {
    const md = renderMarkdown(sampleRun(complete));
    expect(md).toContain('### AWS Lambda: warm invocations');
    expect(md).toContain('### AWS Lambda: forced cold starts');
    expect(md).toContain('![Cost per 1M invocations against warm Duration, per memory × architecture](charts/lambda-power.svg)');
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
