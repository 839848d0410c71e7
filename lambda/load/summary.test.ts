/**
 * A load step's per-event records: every answer's output is checked against
 * the expected digest (the shared output check, harness/verify), on the
 * synchronous path from the handler's answer and on the asynchronous paths
 * from the result line the handler logged; outcomes use the project's
 * state words.
 */
import { describe, expect, it } from 'vitest';
import { pricesFor } from '../cost/cost.js';
import type { LoadOutcome } from './invoker.js';
import type { Receipt, StepLogs } from './receipts.js';
import type { SentEvent } from './scheduler.js';
import { eventRecords, summariseStep, type StepInput } from './summary.js';

const EXPECTED = { sha256: 'ab'.repeat(32), bytes: 32 };
const MS = 1e6;

/** A step whose events were sent at 0, 10, 20… ms and answered 2 ms later. */
function step(path: StepInput['path'], outcomes: readonly LoadOutcome[], receipts: ReadonlyMap<string, Receipt> = new Map()): StepInput {
  const events: SentEvent<LoadOutcome>[] = outcomes.map((outcome, seq) => ({ seq, intendedNs: seq * 10 * MS, sentNs: seq * 10 * MS, doneNs: (seq * 10 + 2) * MS, inFlight: 1, outcome }));
  const logs: StepLogs = { receipts, reports: new Map(), initStarts: 0, bytes: 0, lines: 0, environments: 0, peakConcurrent: 0 };
  return {
    path,
    kind: 'rate',
    step: 0,
    level: 100,
    durationMs: 30,
    workload: 'sha256',
    target: 'wasm',
    functionName: 'wlb-sha256-wasm',
    memoryMB: 1769,
    arch: 'x86_64',
    run: { events, skipped: 0, peakInFlight: 1, startNs: 0, endNs: 30 * MS, stopped: false },
    loadId: (seq) => `id-${seq}`,
    epochAtStartMs: 1_000_000,
    logs,
    expected: EXPECTED,
    cpuBusy: undefined,
    price: pricesFor('us-east-1'),
  };
}

describe('eventRecords', () => {
  it('keeps the synchronous outcomes the invoker checked, with a latency for completed ones only', () => {
    const records = eventRecords(step('sync', [{ state: 'completed' }, { state: 'wrong-output', error: 'output cd… (32 B), expected ab…' }, { state: 'errored', error: 'boom' }]));
    expect(records.map((r) => r.state)).toEqual(['completed', 'wrong-output', 'errored']);
    expect(records[0]?.latencyMs).toBe(2);
    expect(records.slice(1).map((r) => r.latencyMs)).toEqual([undefined, undefined]);
  });

  it("checks an asynchronous event's logged result against the expected digest and size", () => {
    const receipts = new Map<string, Receipt>([
      ['id-0', { receivedMs: 1_000_005, sha256: EXPECTED.sha256, bytes: 32 }],
      ['id-1', { receivedMs: 1_000_015, sha256: 'cd'.repeat(32), bytes: 32 }],
      ['id-2', { receivedMs: 1_000_025, sha256: EXPECTED.sha256, bytes: 31 }],
      ['id-3', { receivedMs: 1_000_035 }],
    ]);
    const accepted: LoadOutcome = { state: 'accepted' };
    const records = eventRecords(step('event', [accepted, accepted, accepted, accepted, accepted], receipts));
    expect(records.map((r) => r.state)).toEqual(['completed', 'wrong-output', 'wrong-output', 'lost', 'lost']);
    // From the intended send (epoch 1,000,000 + 0 ms) to the handler's start.
    expect(records[0]?.latencyMs).toBe(5);
    expect(records[1]?.error).toBe(`output cdcdcdcdcdcd…, expected abababababab…`);
    expect(records[3]?.error).toBe("a receipt but no result line in the function's logs within the wait");
  });
});

describe('summariseStep: throttles at the account limit', () => {
  const throttled: LoadOutcome = { state: 'throttled', httpStatus: 429, throttleReason: 'ConcurrentInvocationLimitExceeded' };
  const reserved: LoadOutcome = { state: 'throttled', httpStatus: 429, throttleReason: 'ReservedFunctionConcurrentInvocationLimitExceeded' };

  it("makes a step INVALID when the local Lambda's account limit was the host's, and keeps it valid when it is Lambda's", () => {
    const input = step('sync', [{ state: 'completed' }, throttled, throttled]);
    const byHost = summariseStep({ ...input, hostAccountLimit: 129 }, eventRecords(input));
    expect(byHost.valid).toBe(false);
    expect(byHost.invalidReasons).toEqual([
      "host account limit: 2 event(s) throttled at the local Lambda's account concurrency of 129, which this host's memory set (AWS's default is 1000)",
    ]);
    // On AWS (or a limit the user chose) the same throttles are Lambda's behaviour, measured.
    const onAws = summariseStep(input, eventRecords(input));
    expect(onAws.valid).toBe(true);
    expect(onAws.throttled).toBe(2);
  });

  it('keeps throttles at a reserved concurrency the run set valid, even where the host set the account limit', () => {
    const input = step('sync', [{ state: 'completed' }, reserved]);
    expect(summariseStep({ ...input, hostAccountLimit: 129 }, eventRecords(input)).valid).toBe(true);
  });
});
