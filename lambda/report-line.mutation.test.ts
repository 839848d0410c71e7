/**
 * Pins the REPORT parser field by field with whole-object equality (issue 16,
 * mutation testing): every key, unit, status, tracing part and the rules for
 * what is not a REPORT. A wrong Billed Duration here is a wrong dollar figure.
 */
import { describe, expect, it } from 'vitest';
import { findReport, parseReportLine, parseReportRecord, reportFromLogResult } from './report-line.js';

const TEXT =
  'REPORT RequestId: 0f1e2d3c-aaaa-bbbb-cccc-000000000001\tDuration: 128.83 ms\tBilled Duration: 329 ms\tMemory Size: 512 MB\t' +
  'Max Memory Used: 74 MB\tInit Duration: 200.05 ms\tRestore Duration: 12.5 ms\tBilled Restore Duration: 13 ms\t' +
  'Status: error\tError Type: Runtime.ExitError\tXRAY TraceId: 1-abc-def\tSegmentId: 0123abcd\tSampled: true\t';

describe('parseReportLine, every field', () => {
  it('reads each known key into its figure and keeps every raw field', () => {
    expect(parseReportLine(TEXT)).toStrictEqual({
      format: 'text',
      requestId: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
      durationMs: 128.83,
      billedDurationMs: 329,
      memorySizeMB: 512,
      maxMemoryUsedMB: 74,
      initDurationMs: 200.05,
      restoreDurationMs: 12.5,
      billedRestoreDurationMs: 13,
      status: 'error',
      errorType: 'Runtime.ExitError',
      tracing: { traceId: '1-abc-def', segmentId: '0123abcd', sampled: true },
      fields: {
        RequestId: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
        Duration: '128.83 ms',
        'Billed Duration': '329 ms',
        'Memory Size': '512 MB',
        'Max Memory Used': '74 MB',
        'Init Duration': '200.05 ms',
        'Restore Duration': '12.5 ms',
        'Billed Restore Duration': '13 ms',
        Status: 'error',
        'Error Type': 'Runtime.ExitError',
        'XRAY TraceId': '1-abc-def',
        SegmentId: '0123abcd',
        Sampled: 'true',
      },
    });
  });

  it('defaults to success, leaves tracing out when absent, and reads Sampled: false', () => {
    const r = parseReportLine('REPORT RequestId: r1\tDuration: 5 ms\tBilled Duration: 5 ms\tSampled: false');
    expect(r).toStrictEqual({ format: 'text', requestId: 'r1', durationMs: 5, billedDurationMs: 5, status: 'success', tracing: { sampled: false }, fields: { RequestId: 'r1', Duration: '5 ms', 'Billed Duration': '5 ms', Sampled: 'false' } });
    const plain = parseReportLine('REPORT RequestId: r2\tDuration: 1 ms');
    expect(plain).toStrictEqual({ format: 'text', requestId: 'r2', durationMs: 1, status: 'success', fields: { RequestId: 'r2', Duration: '1 ms' } });
    expect(plain && 'tracing' in plain).toBe(false);
  });

  it('accepts a BOM, leading blanks, raw CloudWatch spacing, negative and integer numbers', () => {
    const r = parseReportLine('\uFEFF  REPORT RequestId: r3 \tDuration: 27 ms \tBilled Duration:  -3 ms\t');
    expect(r).toMatchObject({ requestId: 'r3', durationMs: 27, billedDurationMs: -3 });
  });

  it('skips parts without a key or a value, and numbers that do not lead', () => {
    const r = parseReportLine('REPORT RequestId: r4\t: orphan\tnocolon\tEmpty: \tDuration: about 3 ms\tMemory Size: 128MB');
    expect(r).toStrictEqual({ format: 'text', requestId: 'r4', memorySizeMB: 128, status: 'success', fields: { RequestId: 'r4', Duration: 'about 3 ms', 'Memory Size': '128MB' } });
  });

  it('is a REPORT with only a Duration, but not with neither RequestId nor Duration, nor without the REPORT word', () => {
    expect(parseReportLine('REPORT Duration: 2.5 ms')).toStrictEqual({ format: 'text', durationMs: 2.5, status: 'success', fields: { Duration: '2.5 ms' } });
    expect(parseReportLine('REPORT Memory Size: 128 MB')).toBeUndefined();
    expect(parseReportLine('START RequestId: r5 Version: $LATEST')).toBeUndefined();
    expect(parseReportLine('REPORTRequestId: r5')).toBeUndefined();
    expect(parseReportLine('x REPORT RequestId: r5')).toBeUndefined();
  });
});

describe('parseReportRecord, every field', () => {
  const record = {
    time: '2026-01-01T00:00:00.000Z',
    type: 'platform.report',
    record: {
      requestId: 'j1',
      status: 'timeout',
      errorType: 'Sandbox.Timedout',
      metrics: { durationMs: 3000.5, billedDurationMs: 3001, memorySizeMB: 128, maxMemoryUsedMB: 60, initDurationMs: 150.25, restoreDurationMs: 9, billedRestoreDurationMs: 10, extraMetric: 7, bad: 'x', inf: null },
      tracing: { type: 'X-Amzn-Trace-Id', value: 'Root=1-65-abc;Parent=53995c3f42cd8ad8;Sampled=1' },
    },
  };

  it('reads metrics, status, error type and the trace header', () => {
    expect(parseReportRecord(`  ${JSON.stringify(record)}  `)).toStrictEqual({
      format: 'json',
      requestId: 'j1',
      status: 'timeout',
      errorType: 'Sandbox.Timedout',
      durationMs: 3000.5,
      billedDurationMs: 3001,
      memorySizeMB: 128,
      maxMemoryUsedMB: 60,
      initDurationMs: 150.25,
      restoreDurationMs: 9,
      billedRestoreDurationMs: 10,
      tracing: { traceId: '1-65-abc', segmentId: '53995c3f42cd8ad8', sampled: true },
      fields: { durationMs: 3000.5, billedDurationMs: 3001, memorySizeMB: 128, maxMemoryUsedMB: 60, initDurationMs: 150.25, restoreDurationMs: 9, billedRestoreDurationMs: 10, extraMetric: 7 },
    });
  });

  it('defaults status to success, takes the span id without a Parent, reads Sampled=0, and tolerates missing metrics', () => {
    const doc = { type: 'platform.report', record: { status: 3, requestId: 9, errorType: false, tracing: { value: 'Root=1-x;Sampled=0', spanId: 'span-7' } } };
    expect(parseReportRecord(JSON.stringify(doc))).toStrictEqual({ format: 'json', status: 'success', tracing: { traceId: '1-x', segmentId: 'span-7', sampled: false }, fields: {} });
    const bare = { type: 'platform.report', record: { metrics: null, tracing: { value: 'Other=1' } } };
    expect(parseReportRecord(JSON.stringify(bare))).toStrictEqual({ format: 'json', status: 'success', tracing: {}, fields: {} });
    const noTrace = { type: 'platform.report', record: { metrics: { durationMs: Number.MAX_VALUE }, tracing: { value: 5 } } };
    expect(parseReportRecord(JSON.stringify(noTrace))).toStrictEqual({ format: 'json', status: 'success', durationMs: Number.MAX_VALUE, fields: { durationMs: Number.MAX_VALUE } });
  });

  it('refuses other records, broken JSON and non-objects', () => {
    expect(parseReportRecord('{"type":"platform.start","record":{"requestId":"platform.report"}}')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.report","record":null}')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.report","record":"x"}')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.report", broken')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.start"}')).toBeUndefined();
    expect(parseReportRecord('x {"type":"platform.report","record":{}}')).toBeUndefined();
  });
});

describe('findReport and reportFromLogResult', () => {
  it('takes the last REPORT of a log, text or JSON, across CRLF line ends', () => {
    const log = ['START RequestId: a', 'REPORT RequestId: a\tDuration: 1 ms', 'REPORT RequestId: b\tDuration: 2 ms', 'END RequestId: c'].join('\r\n');
    expect(findReport(log)?.requestId).toBe('b');
    const json = `REPORT RequestId: a\tDuration: 1 ms\n${JSON.stringify({ type: 'platform.report', record: { requestId: 'j' } })}\n`;
    expect(findReport(json)).toMatchObject({ format: 'json', requestId: 'j' });
    expect(findReport('START\nEND')).toBeUndefined();
  });

  it('decodes base64 log tails and gives nothing for an absent or empty one', () => {
    const tail = Buffer.from('noise\nREPORT RequestId: z\tBilled Duration: 17 ms\tDuration: 16.2 ms\n').toString('base64');
    expect(reportFromLogResult(tail)).toMatchObject({ requestId: 'z', billedDurationMs: 17, durationMs: 16.2 });
    expect(reportFromLogResult(undefined)).toBeUndefined();
    expect(reportFromLogResult('')).toBeUndefined();
  });
});

describe('parseReportLine, edges', () => {
  it('is not a REPORT when the only Duration has no number, and keys are trimmed but never empty', () => {
    expect(parseReportLine('REPORT Duration: n/a')).toBeUndefined();
    expect(parseReportLine('REPORT :x\tRequestId: r6')).toStrictEqual({ format: 'text', requestId: 'r6', status: 'success', fields: { RequestId: 'r6' } });
    expect(parseReportLine('REPORT  RequestId : r7 ')).toStrictEqual({ format: 'text', requestId: 'r7', status: 'success', fields: { RequestId: 'r7' } });
  });
});

describe('what is not a REPORT, or not a figure', () => {
  it('keeps a BOM that is not at the start of the line', () => {
    expect(parseReportLine('REPORT RequestId: r\uFEFF8\tDuration: 1 ms')).toStrictEqual({
      format: 'text', requestId: 'r\uFEFF8', durationMs: 1, status: 'success', fields: { RequestId: 'r\uFEFF8', Duration: '1 ms' },
    });
  });

  it('does not read a function log line with tab-separated fields as a REPORT', () => {
    // What console.log writes in the Lambda Node runtime: timestamp, request id, level, message.
    expect(parseReportLine('2026-11-29T08:00:00.000Z\tabc-1\tINFO\tDuration: 5 ms')).toBeUndefined();
    expect(findReport('REPORT RequestId: a\tDuration: 1 ms\n2026-11-29T08:00:00.000Z\tabc-1\tINFO\tDuration: 5 ms')?.durationMs).toBe(1);
  });

  it('skips a part whose key is blank before its colon', () => {
    expect(parseReportLine('REPORT RequestId: r9\t  : 7 ms\tDuration: 1 ms')).toStrictEqual({
      format: 'text', requestId: 'r9', durationMs: 1, status: 'success', fields: { RequestId: 'r9', Duration: '1 ms' },
    });
  });

  it('keeps an unknown field among the raw fields without reading it as tracing', () => {
    expect(parseReportLine('REPORT RequestId: r10\tDuration: 1 ms\tExtra: 5')).toStrictEqual({
      format: 'text', requestId: 'r10', durationMs: 1, status: 'success', fields: { RequestId: 'r10', Duration: '1 ms', Extra: '5' },
    });
  });

  it('reads a JSON record only when it names platform.report literally (the check before parsing)', () => {
    // The same record with the type spelled through a JSON escape: the cheap text check skips it unparsed.
    expect(parseReportRecord('{"type":"platform\\u002ereport","record":{"requestId":"e1"}}')).toBeUndefined();
    expect(parseReportRecord('{"type":"platform.report","record":{"requestId":"e1"}}')).toStrictEqual({ format: 'json', requestId: 'e1', status: 'success', fields: {} });
  });

  it('drops a JSON metric that overflows to Infinity', () => {
    // 1e999 is valid JSON and parses to Infinity: no figure, and not among the fields.
    expect(parseReportRecord('{"type":"platform.report","record":{"metrics":{"durationMs":1e999,"billedDurationMs":12}}}')).toStrictEqual({
      format: 'json', status: 'success', billedDurationMs: 12, fields: { billedDurationMs: 12 },
    });
  });
});
