import { describe, expect, it } from 'vitest';
import { receiptLine, resultLine } from '../handlers/protocol.js';
import { parseLogLines, peakOverlap, type LogLine } from './receipts.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const SHA = 'cd'.repeat(32);

/** The lines one invocation leaves in its environment's stream: receipt and result (Node console format), then REPORT. */
function invocation(stream: string, requestId: string, loadId: string, startMs: number, durationMs: number): LogLine[] {
  const console = (text: string): LogLine => ({ logStreamName: stream, message: `2026-11-29T08:00:00.000Z\t${requestId}\tINFO\t${text}\n` });
  return [
    console(receiptLine(loadId, startMs)),
    console(resultLine(loadId, SHA, 32)),
    { logStreamName: stream, message: `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: 1769 MB\tMax Memory Used: 80 MB\t\n` },
  ];
}

describe('parseLogLines: the function side of a step', () => {
  it('counts the environments that handled the step and the most events handled at once', () => {
    // Two environments: A and B overlap in env-1 and env-2 (10..30 and 20..25), C starts after both ended.
    const lines = [
      ...invocation('env-1', A, 'run-s0-1', 10, 20),
      ...invocation('env-2', B, 'run-s0-2', 20, 5),
      ...invocation('env-1', C, 'run-s0-3', 40, 5),
      // Another step's event in a third stream: not this step's environment.
      ...invocation('env-3', '44444444-4444-4444-8444-444444444444', 'other-1', 22, 50),
    ];
    const logs = parseLogLines(lines, 'run-s0-');
    expect(logs.receipts.size).toBe(3);
    expect(logs.environments).toBe(2);
    expect(logs.peakConcurrent).toBe(2);
  });

  it('counts an INIT_START as the step\'s cold start only when its environment\'s first event is the step\'s', () => {
    const init = (stream: string): LogLine => ({ logStreamName: stream, message: 'INIT_START Runtime Version: nodejs:22.local\tRuntime Version ARN: x\n' });
    const lines = [
      // An earlier repeat's environment started inside the window's early second: its first event was not this step's.
      init('env-0'),
      ...invocation('env-0', C, 'run-r0s0-1', 0, 1),
      init('env-1'),
      ...invocation('env-1', A, 'run-r1s0-1', 10, 20),
      ...invocation('env-1', B, 'run-r1s0-2', 40, 5),
      // Started but its first event has not been logged yet: not (yet) counted.
      init('env-2'),
    ];
    expect(parseLogLines(lines, 'run-r1s0-').initStarts).toBe(1);
    expect(parseLogLines(lines, 'run-r0s0-').initStarts).toBe(1);
    expect(parseLogLines(lines, 'run-r2s0-').initStarts).toBe(0);
  });

  it('reads no environment from lines without a stream name', () => {
    const lines = invocation('x', A, 'run-1', 0, 1).map(({ message }) => ({ message }));
    expect(parseLogLines(lines, 'run-').environments).toBe(0);
  });
});

describe('peakOverlap', () => {
  const reports = new Map([
    [A, { requestId: A, durationMs: 10 }],
    [B, { requestId: B, durationMs: 10 }],
    [C, { requestId: C, durationMs: 1 }],
  ]);

  it('does not count a run that ended the millisecond the next began as overlapping', () => {
    expect(peakOverlap([{ receivedMs: 0, requestId: A }, { receivedMs: 10, requestId: B }], reports)).toBe(1);
  });

  it('counts runs open at the same instant', () => {
    expect(peakOverlap([{ receivedMs: 0, requestId: A }, { receivedMs: 9.5, requestId: B }, { receivedMs: 9, requestId: C }], reports)).toBe(3);
  });

  it('leaves out receipts without a request id or a REPORT, and is 0 without any', () => {
    expect(peakOverlap([{ receivedMs: 0 }, { receivedMs: 1, requestId: 'unknown' }], reports)).toBe(0);
    expect(peakOverlap([], reports)).toBe(0);
  });
});
