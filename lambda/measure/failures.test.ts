import { describe, expect, it } from 'vitest';
import { describeApiError, LambdaApiCallError } from './api-errors.js';
import { apiFailureKind, errorFailureKind, outcomeFailureKind } from './failures.js';
import { checkOutcome } from './sampling.js';
import { UsageError } from '../../harness/options/errors.js';
import type { InvokeOutcome } from './invoke.js';
import type { LambdaReport } from '../report-line.js';

const EXPECTED = { sha256: 'ab'.repeat(32), bytes: 3 };
const report = (extra: Partial<LambdaReport> = {}): LambdaReport => ({ format: 'text', durationMs: 1, billedDurationMs: 1, maxMemoryUsedMB: 60, status: 'success', fields: {}, ...extra });
const ok = (result: Partial<{ outputSha256: string; outputBytes: number }>, r: LambdaReport | undefined = report()): InvokeOutcome => ({
  state: 'completed', clientNs: 1000, logTail: true, httpStatus: 200, report: r, result: { outputSha256: EXPECTED.sha256, outputBytes: EXPECTED.bytes, handlerNs: 10, ...result },
});
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

describe('failure kinds of Lambda rows', () => {
  it('calls only a digest that differs a wrong output', () => {
    const wrong = ok({ outputBytes: 4 });
    expect(checkOutcome(wrong, EXPECTED)).toMatch(/^output mismatch/);
    expect(outcomeFailureKind(wrong, EXPECTED)).toBe('wrong-output');
    // A wrong digest is wrong whatever REPORT says besides.
    expect(outcomeFailureKind(ok({ outputSha256: 'cd'.repeat(32) }, report({ status: 'timeout' })), EXPECTED)).toBe('wrong-output');
  });

  it('tells a function error, a function timeout and a missing REPORT apart', () => {
    const threw: InvokeOutcome = { state: 'errored', error: 'function error (Unhandled): boom', report: report({ status: 'error', errorType: 'Runtime.ExitError' }) };
    const timedOut: InvokeOutcome = { state: 'errored', error: 'function error (Unhandled): Task timed out', report: report({ status: 'timeout' }) };
    expect(outcomeFailureKind(threw, EXPECTED)).toBe('crashed');
    expect(outcomeFailureKind(timedOut, EXPECTED)).toBe('timeout');
    const noReport: InvokeOutcome = { ...ok({}), report: undefined } as InvokeOutcome;
    expect(checkOutcome(noReport, EXPECTED)).toMatch(/^no REPORT line/);
    expect(outcomeFailureKind(noReport, EXPECTED)).toBe('not-measured');
  });

  it('calls an API call without an answer unreachable, and one answered with an error not measured', () => {
    const noAnswer = describeApiError('ListFunctions', refused);
    expect(apiFailureKind(noAnswer)).toBe('unreachable');
    expect(apiFailureKind(describeApiError('GetFunction', { name: 'AbortError', message: 'deadline' }, { deadlineMs: 10_000 }))).toBe('unreachable');
    expect(apiFailureKind(describeApiError('CreateFunction', { name: 'AccessDeniedException', message: 'denied', $metadata: { httpStatusCode: 403 } }))).toBe('not-measured');
    // An Invoke whose request timed out: the function ran past the client's limit.
    expect(apiFailureKind(describeApiError('Invoke', { name: 'TimeoutError', message: 'socket timed out' }, { requestTimeoutMs: 900_000 }))).toBe('timeout');
    const failed: InvokeOutcome = { state: 'errored', error: noAnswer.message, report: undefined, failure: noAnswer };
    expect(outcomeFailureKind(failed, EXPECTED)).toBe('unreachable');
  });

  it('reads thrown errors: an API call error by its failure, anything else not measured', () => {
    expect(errorFailureKind(new LambdaApiCallError(describeApiError('ListFunctions', refused)))).toBe('unreachable');
    expect(errorFailureKind(new UsageError('no AWS region: pass --region'))).toBe('not-measured');
    expect(errorFailureKind(undefined)).toBe('not-measured');
  });
});
