/**
 * Pins the per-invocation check of Lambda samples and the no-log-tail gap
 * (issue 16, mutation testing): each REPORT figure missing on its own fails
 * the sample, a wrong status is named with its error type, and an output is
 * refused on its digest or on its length alone.
 */
import { describe, expect, it } from 'vitest';
import { parseReportLine, type LambdaReport } from '../report-line.js';
import type { InvokeOutcome } from './invoke.js';
import { checkOutcome, noLogTailGap, REPORT_FIGURES } from './sampling.js';

const EXPECTED = { sha256: 'a'.repeat(64), bytes: 12 };
const FULL = 'REPORT RequestId: r\tDuration: 2.5 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB';

function ok(report: LambdaReport | undefined, result = { outputSha256: EXPECTED.sha256, outputBytes: EXPECTED.bytes, handlerNs: 1000 }, logTail = true): InvokeOutcome {
  return { state: 'completed', clientNs: 5e6, logTail, httpStatus: 200, report, result };
}
const report = (line: string): LambdaReport => {
  const r = parseReportLine(line);
  if (!r) throw new Error(`not a REPORT: ${line}`);
  return r;
};

describe('checkOutcome', () => {
  it('accepts a full REPORT with the expected output', () => {
    expect(checkOutcome(ok(report(FULL)), EXPECTED)).toBeUndefined();
  });

  it('refuses each missing figure on its own', () => {
    for (const drop of ['Duration: 2.5 ms', 'Billed Duration: 3 ms', 'Max Memory Used: 50 MB']) {
      const line = FULL.split('\t').filter((part) => part !== drop).join('\t');
      expect(checkOutcome(ok(report(line)), EXPECTED), drop).toBe('REPORT lacks Duration, Billed Duration or Max Memory Used');
    }
  });

  it('names a failed status with and without its error type, and a missing REPORT', () => {
    expect(checkOutcome(ok(report(`${FULL}\tStatus: timeout`)), EXPECTED)).toBe('REPORT Status: timeout');
    expect(checkOutcome(ok(report(`${FULL}\tStatus: error\tError Type: Runtime.ExitError`)), EXPECTED)).toBe('REPORT Status: error (Runtime.ExitError)');
    expect(checkOutcome(ok(undefined), EXPECTED)).toBe('no REPORT line in the log tail (the endpoint returned no X-Amz-Log-Result, or the tail was cut)');
  });

  it('refuses a wrong digest of the right length and a right digest of the wrong length, before looking at REPORT', () => {
    const wrongDigest = { outputSha256: 'b'.repeat(64), outputBytes: 12, handlerNs: 1 };
    expect(checkOutcome(ok(undefined, wrongDigest), EXPECTED)).toBe(`output mismatch: handler returned sha256 ${'b'.repeat(64)} (12 B), expected ${'a'.repeat(64)} (12 B)`);
    const wrongLength = { outputSha256: EXPECTED.sha256, outputBytes: 13, handlerNs: 1 };
    expect(checkOutcome(ok(report(FULL), wrongLength), EXPECTED)).toMatch(/^output mismatch: .* \(13 B\), expected .* \(12 B\)$/);
  });

  it('without log tails checks the output only, and refuses an endpoint that sends a tail on some calls only', () => {
    expect(checkOutcome(ok(undefined, undefined, false), EXPECTED, false)).toBeUndefined();
    expect(checkOutcome(ok(report(FULL), undefined, true), EXPECTED, false)).toBe('the endpoint sent X-Amz-Log-Result on some invocations only');
    expect(checkOutcome({ state: 'errored', error: 'Unhandled: boom', report: undefined }, EXPECTED)).toBe('Unhandled: boom');
  });
});

describe('noLogTailGap', () => {
  it('lists every REPORT figure, with the HTTP status when there was one', () => {
    expect(REPORT_FIGURES).toStrictEqual(['REPORT Duration', 'Billed Duration', 'Max Memory Used', 'cost', 'vs node', 'cold start (Init Duration)']);
    expect(noLogTailGap(200)).toStrictEqual({ figures: REPORT_FIGURES, api: 'Invoke LogType Tail', httpStatus: 200, reason: 'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result' });
    expect(noLogTailGap(undefined)).toStrictEqual({ figures: REPORT_FIGURES, api: 'Invoke LogType Tail', reason: 'not available from this endpoint: Invoke LogType Tail without X-Amz-Log-Result' });
  });
});
