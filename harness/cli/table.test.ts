import { describe, expect, it } from 'vitest';
import { calibrationBannerLine, calibrationLines, closingLine, renderBaselines, renderInvokeOverhead, renderTable } from './table.js';
import { replicatedRun, sampleRun } from '../report/fixtures.js';
import type { ResultRecord } from '../contract/index.js';
import { bareLambdaBlock } from '../report/lambda-rows.fixture.js';

const stats = (medianNs: number) => ({ medianNs, p75Ns: medianNs, p99Ns: medianNs * 2, madNs: 1, meanNs: medianNs, minNs: medianNs, maxNs: medianNs, samples: 10, ci95Ns: [medianNs, medianNs] as const });
const artifactBytes = { raw: 1, gzip: 1, brotli: 1 };

const rows: ResultRecord[] = [
  { workload: 'sha256', target: 'node', placement: 'local', size: 'small', state: 'completed', verified: true, warm: { ...stats(20_000), callsPerSample: 1 }, resources: { peakRssBytes: 40 * 1024 * 1024, artifactBytes } },
  {
    workload: 'sha256', target: 'wasm', placement: 'local', size: 'small', state: 'completed', verified: true,
    warm: { ...stats(10_000), callsPerSample: 1 }, vsNode: { ratio: 0.5, ci95: [0.45, 0.55], verdict: 'faster' },
    resources: { peakRssBytes: 44 * 1024 * 1024, artifactBytes },
  },
  { workload: 'graph', target: 'wasm', placement: 'local', size: 'small', state: 'errored', verified: false, failure: 'wrong-output', error: 'output mismatch: sha256 abc' },
];

describe('renderTable', () => {
  const text = renderTable(rows);
  const line = (...words: string[]) => text.split('\n').find((l) => words.every((w) => l.split(/\s+/).includes(w))) ?? '';

  it('prints the warm median, the verdict with its CI, and peak RSS next to node\'s (a ratio without a CI is never printed)', () => {
    expect(line('sha256', 'wasm')).toMatch(/10\.0 µs/);
    expect(line('sha256', 'wasm')).toMatch(/2\.00× faster \[1\.82–2\.22\]/);
    expect(line('sha256', 'wasm')).toMatch(/44\.0 MiB \(node 40\.0 MiB\)/);
    expect(line('sha256', 'wasm')).not.toMatch(/× node/);
  });

  it('prints INVALID and no timing for an errored row', () => {
    expect(line('graph')).toMatch(/INVALID: output mismatch/);
    expect(line('graph')).not.toMatch(/µs|ms/);
  });
});

describe('wrong outputs and failures to measure', () => {
  const failures: ResultRecord[] = [
    { workload: 'graph', target: 'wasm', placement: 'local', size: 'small', state: 'errored', verified: false, failure: 'wrong-output', error: 'output mismatch: sha256 abc' },
    {
      workload: 'noop', target: 'node', placement: 'lambda', size: 'small', lambda: { memoryMB: 128, arch: 'x86_64' }, state: 'errored', verified: false, failure: 'unreachable',
      error: 'could not open the Lambda endpoint (endpoint:127.0.0.1:9): ListFunctions → connection refused (connect ECONNREFUSED 127.0.0.1:9)',
    },
    { workload: 'noop', target: 'wasm', placement: 'local', size: 'small', state: 'errored', verified: false, failure: 'crashed', error: 'cold: crash: exit code 134' },
    { workload: 'noop', target: 'component', placement: 'local', size: 'small', state: 'errored', verified: false, failure: 'crashed', error: 'load or first call failed: no module' },
  ];
  const text = renderTable(failures);
  const line = (workload: string, target: string) => text.split('\n').find((l) => l.split(/\s+/)[0] === workload && l.split(/\s+/)[2] === target) ?? '';

  it('keeps INVALID for a wrong output', () => {
    expect(line('graph', 'wasm')).toMatch(/INVALID: output mismatch: sha256 abc$/);
  });

  it('prints an unreachable endpoint as FAILED with its kind and the call named, never INVALID', () => {
    expect(line('noop', 'node')).toMatch(/FAILED \(unreachable\): could not open the Lambda endpoint \(endpoint:127\.0\.0\.1:9\): ListFunctions → connection refused/);
    expect(line('noop', 'node')).not.toMatch(/INVALID/);
    expect(line('noop', 'wasm')).toMatch(/FAILED \(crashed\): cold: crash: exit code 134$/);
  });

  it('closes with how many were wrong outputs and how many failed to measure, by kind', () => {
    expect(closingLine(failures)).toBe('4 result(s) not published as timings: 1 INVALID (wrong output), 3 FAILED to measure (2 crashed, 1 unreachable)');
    expect(closingLine(failures.slice(1, 2))).toBe('1 result(s) not published as timings: 0 INVALID (wrong output), 1 FAILED to measure (1 unreachable)');
    // A row of a run written before failures had kinds was reported INVALID, and still is.
    expect(closingLine(rows)).toBe('1 result(s) not published as timings: 1 INVALID (wrong output), 0 FAILED to measure');
    expect(closingLine(rows.slice(0, 2))).toBeUndefined();
  });
});

describe('renderTable, Lambda rows from an endpoint that lacks APIs', () => {
  const gapRows: ResultRecord[] = [
    {
      workload: 'noop', target: 'node', placement: 'lambda', size: 'small', state: 'completed', verified: true,
      unavailable: [
        { figures: ['deploy (code of this build)'], api: 'GetFunction', httpStatus: 404, reason: 'not available from this endpoint: GetFunction → HTTP 404' },
        { figures: ['REPORT Duration', 'cost'], api: 'Invoke LogType Tail', httpStatus: 200, reason: 'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result' },
      ],
      lambda: bareLambdaBlock(128, 'x86_64', { endpoint: 'endpoint:127.0.0.1:9', warm: { samples: 5, dropped: 0, client: stats(2_100_000), handler: stats(10_000) } }),
    },
    {
      workload: 'noop', target: 'wasm', placement: 'lambda', size: 'small', state: 'completed', verified: true,
      warm: { ...stats(300_000), callsPerSample: 1 },
      lambda: bareLambdaBlock(128, 'x86_64', {
        maxMemoryUsedMB: { warmMedian: 70, max: 70 },
        cost: { warmPerMillionUsd: 0.21, basis: 'median Billed Duration (cold: includes INIT)', pricingRegion: 'us-east-1', pricesExact: true, freeTier: 'excluded' },
      }),
      unavailable: [{ figures: ['cold start (Init Duration)'], api: 'UpdateFunctionConfiguration', httpStatus: 404, reason: 'not available from this endpoint: UpdateFunctionConfiguration → HTTP 404' }],
    },
  ];
  const text = renderTable(gapRows);
  const line = (target: string) => text.split('\n').find((l) => l.startsWith('noop') && l.split(/\s+/)[2] === target) ?? '';

  it('shows the verified client round trip where REPORT Duration is missing, n/a for the rest, and which API answered what', () => {
    expect(line('node')).toMatch(/n\/a \(client 2\.10 ms\)/);
    expect(line('node')).toMatch(/verified; n\/a from this endpoint: GetFunction → HTTP 404, Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result$/);
    expect(line('node')).not.toMatch(/INVALID/);
  });

  it('keeps the warm figures of a row whose cold starts could not be forced', () => {
    expect(line('wasm')).toMatch(/300 µs/);
    expect(line('wasm')).toMatch(/verified; n\/a from this endpoint: UpdateFunctionConfiguration → HTTP 404$/);
  });
});

describe('renderBaselines', () => {
  it('describes the empty process', () => {
    const timeToFirstResult = { medianNs: 60e6, p99Ns: 70e6, ci95Ns: [59e6, 62e6] as const, samples: 30 };
    const cold = { samples: 30, failedSamples: 0, phases: {}, timeToFirstResult, warmupCurveNs: [] };
    const [text] = renderBaselines({ emptyProcess: [{ engine: 'default', state: 'completed', cold, resources: { peakRssBytes: 40 * 1024 * 1024 } }] });
    expect(text).toMatch(/^emptyProcess\/default: /);
    expect(text).toMatch(/empty node process, spawn to result 60\.0 ms \[59\.0 ms–62\.0 ms\] \(median of 30\)/);
  });
});

describe('renderInvokeOverhead', () => {
  const lambdaRow = (workload: string, target: 'node' | 'wasm', overheadMs: number | undefined): ResultRecord => ({
    workload, target, placement: 'lambda', size: 'small', state: 'completed', verified: true,
    warm: { ...stats(400_000), callsPerSample: 1 },
    lambda: bareLambdaBlock(1769, 'x86_64', overheadMs === undefined ? {} : { warm: { samples: 5, dropped: 0, overhead: { ...stats(overheadMs * 1e6), ci95Ns: [overheadMs * 0.9e6, overheadMs * 1.1e6] } } }),
  });

  it('gives the range over Lambda rows and names noop\'s figure with its CI', () => {
    const [text, more] = renderInvokeOverhead([...rows, lambdaRow('noop', 'node', 1.5), lambdaRow('noop', 'wasm', 1.7), lambdaRow('sha256', 'wasm', 2.5)]);
    expect(more).toBeUndefined();
    expect(text).toMatch(/adds 1\.50 ms–2\.50 ms to REPORT Duration \(warm medians over 3 row\(s\)/);
    expect(text).toMatch(/noop: node\/1769MB-x86_64 1\.50 ms \[1\.35 ms–1\.65 ms\], wasm\/1769MB-x86_64 1\.70 ms/);
  });

  it('fills the cold column of a Lambda row with its forced-cold invoke and Init Duration', () => {
    const row: ResultRecord = { ...lambdaRow('sha256', 'wasm', 2), lambda: bareLambdaBlock(1769, 'x86_64', { cold: { samples: 6, dropped: 0, client: stats(150e6), init: stats(140e6) } }) } as ResultRecord;
    expect(renderTable([row])).toMatch(/150 ms \(init 140 ms\)/);
  });

  it('prints nothing without Lambda rows that carry the figure', () => {
    expect(renderInvokeOverhead(rows)).toEqual([]);
    expect(renderInvokeOverhead([lambdaRow('noop', 'node', undefined)])).toEqual([]);
  });
});

describe('renderTable with process-level intervals', () => {
  const run = replicatedRun();
  const text = renderTable(run.results);
  const lines = text.split('\n');
  const line = (workload: string, target: string) => lines.find((l) => l.split(/\s+/)[0] === workload && l.split(/\s+/)[2] === target && l.includes('local')) ?? '';

  it('adds exactly one compact column for the fork spread', () => {
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['workload', 'size', 'target', 'where', 'warm median', 'p99', 'MAD', 'forks', 'vs node (warm)', 'cold TTFR', 'vs node (cold)', 'peak RSS', 'status']);
    expect(line('sha256', 'wasm')).toMatch(/ 5p ±3\.6% /);
    expect(renderTable(sampleRun().results).split('\n')[0]).not.toMatch(/forks/);
  });

  it('names what each CI rests on and never prints an undecided row as faster or slower', () => {
    expect(line('sha256', 'wasm')).toContain('2.00× faster [1.89–2.13] (5 processes)');
    expect(line('sha256', 'wasm')).toContain('1.20× slower [1.10–1.30] (30 processes)');
    expect(line('noop', 'wasm')).toContain('unresolved: 0.97× [0.91–1.12] after 10 processes');
    expect(line('noop', 'component')).toContain('no verdict: 2 processes (1.10× [0.80–1.50])');
    for (const target of ['wasm', 'component']) expect(line('noop', target)).not.toMatch(/faster|slower/);
  });

  it('prints the calibration banner only when a control failed, and the controls after the table', () => {
    expect(calibrationBannerLine(run)).toBeUndefined();
    expect(calibrationBannerLine(replicatedRun('failed'))).toBe(
      'CALIBRATION FAILED: the A/A control found a difference where there is none (1.070× [1.020–1.120]); treat every verdict below as suspect.',
    );
    expect(calibrationLines(replicatedRun('failed'))).toEqual([
      'calibration: FAILED A/A: slower, 1.070x [1.020-1.120] (sha256 node vs the same, measured as a second entry)',
      'calibration: PASSED planted 1.05x: slower, 1.049x [1.030-1.068] (sha256 node vs a variant doing 5% more work)',
    ]);
    expect(calibrationLines(sampleRun())).toEqual([]);
  });

  it('prints an inconclusive banner, not a failure, for a run too short to tell, and labels that control', () => {
    expect(calibrationBannerLine(replicatedRun('inconclusive'))).toMatch(/^CALIBRATION INCONCLUSIVE: this run cannot resolve a 5% difference \(planted 1\.05× measured 1\.030× \[0\.990–1\.070\]\); /);
    expect(calibrationLines(replicatedRun('inconclusive'))).toEqual([
      'calibration: PASSED A/A: no significant difference, 1.004x [0.991-1.017] (sha256 node vs the same, measured as a second entry)',
      'calibration: INCONCLUSIVE planted 1.05x: unresolved, 1.030x [0.990-1.070] (sha256 node vs a variant doing 5% more work)',
    ]);
  });
});

describe('readingOrder', () => {
  it('puts a gap recorded before its group was measured back under node, in size and target order', async () => {
    const { readingOrder } = await import('./table.js');
    const row = (workload: string, target: string, size: string): ResultRecord =>
      ({ workload, target, size, placement: 'local', state: 'completed', verified: true }) as unknown as ResultRecord;
    const gap = { ...row('graph', 'node-idiomatic', 'small'), state: 'unsupported', error: 'no variant' } as unknown as ResultRecord;
    const ordered = readingOrder([gap, row('sha256', 'node', 'small'), row('graph', 'wasm', 'large'), row('graph', 'wasm', 'small'), row('graph', 'node', 'small')]);
    expect(ordered.map((r) => `${r.workload}/${r.size}/${r.target}`)).toEqual(['graph/small/node', 'graph/small/node-idiomatic', 'graph/small/wasm', 'graph/large/wasm', 'sha256/small/node']);
  });
});
