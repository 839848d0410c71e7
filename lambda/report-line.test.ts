import { describe, expect, it } from 'vitest';
import { findReport, parseReportLine, parseReportRecord, reportFromLogResult, type LambdaReport } from './report-line.js';

/**
 * A corpus of REPORT lines in the formats Lambda and its emulators print
 * (AWS documentation examples, raw CloudWatch messages, JSON log records),
 * each with the figures a correct parser must read from it.
 */
const CORPUS: ReadonlyArray<{ name: string; line: string; expect: Partial<LambdaReport> }> = [
  {
    name: 'real Lambda, cold start, X-Ray traced (AWS docs)',
    line: 'REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true',
    expect: {
      requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac', durationMs: 128.83, billedDurationMs: 200, memorySizeMB: 128, maxMemoryUsedMB: 74,
      initDurationMs: 166.62, status: 'success', tracing: { traceId: '1-5d9d007f-0a8c7fd02xmpl480aed55ef0', segmentId: '3d752xmpl1bbe37e', sampled: true },
    },
  },
  {
    name: 'warm invocation, no Init Duration',
    line: 'REPORT RequestId: 8f507cfc-example-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\t',
    expect: { requestId: '8f507cfc-example-4697-b07a-ac58fc914c95', durationMs: 15.74, billedDurationMs: 16, memorySizeMB: 128, maxMemoryUsedMB: 56, initDurationMs: undefined, status: 'success' },
  },
  {
    name: 'older raw CloudWatch message: space before the tab, trailing tab and newline',
    line: 'REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be3\tDuration: 26.28 ms\tBilled Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\t\n',
    expect: { durationMs: 26.28, billedDurationMs: 27, memorySizeMB: 128, maxMemoryUsedMB: 75, status: 'success' },
  },
  {
    name: 'older 100 ms billing granularity',
    line: 'REPORT RequestId: 5e3ffa1d-0e6f-11e8-b4a8-6b2ee6ca1d9b\tDuration: 0.46 ms\tBilled Duration: 100 ms \tMemory Size: 1536 MB\tMax Memory Used: 20 MB\t',
    expect: { durationMs: 0.46, billedDurationMs: 100, memorySizeMB: 1536, maxMemoryUsedMB: 20 },
  },
  {
    name: 'timeout during a cold start',
    line: 'REPORT RequestId: 2b3f1e7a-1d2c-4e5f-8a9b-0c1d2e3f4a5b\tDuration: 3000.00 ms\tBilled Duration: 3403 ms\tMemory Size: 128 MB\tMax Memory Used: 48 MB\tInit Duration: 402.04 ms\tStatus: timeout',
    expect: { durationMs: 3000, billedDurationMs: 3403, initDurationMs: 402.04, status: 'timeout', errorType: undefined },
  },
  {
    name: 'crash: Runtime.ExitError',
    line: 'REPORT RequestId: 6f0b6f2e-0c4a-4a43-9d0f-d2f5c3c0f1aa\tDuration: 47.91 ms\tBilled Duration: 48 ms\tMemory Size: 256 MB\tMax Memory Used: 61 MB\tStatus: error\tError Type: Runtime.ExitError',
    expect: { durationMs: 47.91, billedDurationMs: 48, memorySizeMB: 256, status: 'error', errorType: 'Runtime.ExitError' },
  },
  {
    name: 'out of memory',
    line: 'REPORT RequestId: 0e9b8c7d-6a5b-4c3d-2e1f-0a9b8c7d6e5f\tDuration: 1720.55 ms\tBilled Duration: 1721 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory',
    expect: { maxMemoryUsedMB: 128, status: 'error', errorType: 'Runtime.OutOfMemory' },
  },
  {
    name: 'SnapStart restore: Restore Duration instead of Init Duration',
    line: 'REPORT RequestId: 9a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\tDuration: 87.12 ms\tBilled Duration: 435 ms\tMemory Size: 512 MB\tMax Memory Used: 142 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 348 ms',
    expect: { durationMs: 87.12, billedDurationMs: 435, restoreDurationMs: 474.16, billedRestoreDurationMs: 348, initDurationMs: undefined },
  },
  {
    name: 'emulator field order: Init Duration first, Duration last',
    line: 'REPORT RequestId: 11111111-2222-3333-4444-555555555555\tInit Duration: 210.50 ms\tMax Memory Used: 70 MB\tMemory Size: 1769 MB\tBilled Duration: 213 ms\tDuration: 2.31 ms',
    expect: { initDurationMs: 210.5, maxMemoryUsedMB: 70, memorySizeMB: 1769, billedDurationMs: 213, durationMs: 2.31 },
  },
  {
    name: 'JSON log format, cold start',
    line: '{"time":"2024-06-21T15:44:18.542Z","type":"platform.report","record":{"requestId":"6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","metrics":{"durationMs":2.524,"billedDurationMs":128,"memorySizeMB":128,"maxMemoryUsedMB":68,"initDurationMs":125.073},"status":"success"}}',
    expect: { format: 'json', requestId: '6d68ca91-49c9-448d-89b8-7ca3e6dc66aa', durationMs: 2.524, billedDurationMs: 128, memorySizeMB: 128, maxMemoryUsedMB: 68, initDurationMs: 125.073, status: 'success' },
  },
  {
    name: 'JSON log format, warm, traced',
    line: '{"time":"2024-06-21T15:44:19.102Z","type":"platform.report","record":{"requestId":"a3b1c2d4-0000-4000-8000-000000000001","metrics":{"durationMs":1.08,"billedDurationMs":2,"memorySizeMB":1024,"maxMemoryUsedMB":71.5},"tracing":{"spanId":"54565fb41ac79632","type":"X-Amzn-Trace-Id","value":"Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;Sampled=1"},"status":"success"}}',
    expect: { format: 'json', durationMs: 1.08, billedDurationMs: 2, maxMemoryUsedMB: 71.5, initDurationMs: undefined, tracing: { traceId: '1-62e900b2-710d76f009d6e7785905449a', segmentId: '0efbd19962d95b05', sampled: true } },
  },
  {
    name: 'JSON log format, timeout',
    line: '{"time":"2024-06-21T15:45:00.000Z","type":"platform.report","record":{"requestId":"b7f0e1d2-0000-4000-8000-000000000002","metrics":{"durationMs":3000.0,"billedDurationMs":3000,"memorySizeMB":128,"maxMemoryUsedMB":52},"status":"timeout"}}',
    expect: { format: 'json', durationMs: 3000, billedDurationMs: 3000, status: 'timeout' },
  },
  {
    name: 'JSON log format, error with errorType',
    line: '{"time":"2024-06-21T15:46:00.000Z","type":"platform.report","record":{"requestId":"c0ffee00-0000-4000-8000-000000000003","metrics":{"durationMs":12.5,"billedDurationMs":13,"memorySizeMB":256,"maxMemoryUsedMB":90},"status":"error","errorType":"Runtime.ExitError"}}',
    expect: { format: 'json', status: 'error', errorType: 'Runtime.ExitError', billedDurationMs: 13 },
  },
  {
    name: 'JSON log format, SnapStart restore',
    line: '{"time":"2024-06-21T15:47:00.000Z","type":"platform.report","record":{"requestId":"d00dfeed-0000-4000-8000-000000000004","metrics":{"durationMs":40.2,"billedDurationMs":310,"memorySizeMB":512,"maxMemoryUsedMB":130,"restoreDurationMs":301.7,"billedRestoreDurationMs":270},"status":"success"}}',
    expect: { format: 'json', restoreDurationMs: 301.7, billedRestoreDurationMs: 270, initDurationMs: undefined },
  },
];

describe('REPORT parser corpus', () => {
  it('has at least 12 real-format lines', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(12);
  });
  for (const entry of CORPUS) {
    it(entry.name, () => {
      const report = findReport(entry.line);
      expect(report).toBeDefined();
      for (const [key, value] of Object.entries(entry.expect)) {
        expect(report?.[key as keyof LambdaReport], key).toEqual(value);
      }
    });
  }
});

describe('findReport', () => {
  it('finds the REPORT at the end of a cold-start log tail, ignoring handler output that mentions REPORT', () => {
    const log = [
      'INIT_START Runtime Version: nodejs:20.v48\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9',
      'START RequestId: 4d0a4c39-6c1e-4b4a-a1d2-3c2f2d2e1f00 Version: $LATEST',
      '2026-11-26T10:00:00.000Z\t4d0a4c39-6c1e-4b4a-a1d2-3c2f2d2e1f00\tINFO\tREPORT RequestId: fake\tDuration: 1 ms',
      'END RequestId: 4d0a4c39-6c1e-4b4a-a1d2-3c2f2d2e1f00',
      'REPORT RequestId: 4d0a4c39-6c1e-4b4a-a1d2-3c2f2d2e1f00\tDuration: 3.21 ms\tBilled Duration: 141 ms\tMemory Size: 128 MB\tMax Memory Used: 66 MB\tInit Duration: 137.40 ms\t',
      '',
    ].join('\n');
    const report = findReport(log);
    expect(report?.requestId).toBe('4d0a4c39-6c1e-4b4a-a1d2-3c2f2d2e1f00');
    expect(report?.initDurationMs).toBe(137.4);
    expect(report?.billedDurationMs).toBe(141);
  });

  it('decodes LogResult (base64) before parsing', () => {
    const line = 'REPORT RequestId: r1\tDuration: 0.85 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n';
    const report = reportFromLogResult(Buffer.from(line).toString('base64'));
    expect(report?.durationMs).toBe(0.85);
    expect(reportFromLogResult(undefined)).toBeUndefined();
  });

  it('returns undefined for logs without a REPORT and for other records', () => {
    expect(findReport('START RequestId: x Version: $LATEST\nEND RequestId: x\n')).toBeUndefined();
    expect(parseReportLine('REPORTER: not a report')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.start","record":{"requestId":"x"}}')).toBeUndefined();
    expect(parseReportRecord('{not json platform.report')).toBeUndefined();
  });

  it('keeps fields it does not name, by key', () => {
    const report = parseReportLine('REPORT RequestId: r2\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tFuture Field: 7 units');
    expect(report?.fields['Future Field']).toBe('7 units');
    expect(report?.fields['Billed Duration']).toBe('1 ms');
  });
});
