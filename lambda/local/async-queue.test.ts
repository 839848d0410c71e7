/**
 * The asynchronous queue on a fake clock with a fake invoker: Lambda's retry
 * schedule after function errors (1 min, then 2 min, then dropped), the
 * exponential backoff after throttles, the maximum event age, and the event
 * age recorded at every attempt. No real time passes.
 */

import { describe, expect, it } from 'vitest';
import { AsyncQueue, AWS_DELAYS, DEFAULT_RETRY_SETTINGS, type RetrySettings } from './async-queue.js';
import { tooManyRequests } from './errors.js';
import { FakeClock, settle } from './fake-clock.fixture.js';
import type { InvocationInput } from './environment.js';
import type { StoredFunction } from './store.js';
import type { InvocationResult, InvocationStatus } from './types.js';

const fn = { config: { name: 'f' } } as unknown as StoredFunction;

function input(id: string): InvocationInput {
  return { requestId: id, payload: Buffer.from('{}'), invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', clientContext: undefined };
}

function result(status: InvocationStatus): InvocationResult {
  return {
    requestId: 'r', status, payload: new Uint8Array(), functionError: status === 'success' ? undefined : 'Unhandled',
    errorType: status === 'success' ? undefined : 'TypeError', log: '', durationMs: 1, billedDurationMs: 1, initDurationMs: undefined,
    maxMemoryUsedMb: 1, runtimeClient: 'fallback', environmentId: 'e',
  };
}

/** A queue whose invoker answers from a script (one outcome per attempt) and records when it was called. */
function setup(outcomes: ('success' | 'failure' | 'throttle')[], settings: RetrySettings = DEFAULT_RETRY_SETTINGS) {
  const clock = new FakeClock();
  const calls: number[] = [];
  const notices: string[] = [];
  let current = true;
  const queue = new AsyncQueue({
    clock,
    delays: AWS_DELAYS,
    invoke: async () => {
      calls.push(clock.now());
      const next = outcomes.shift() ?? 'success';
      if (next === 'throttle') throw tooManyRequests('ReservedFunctionConcurrentInvocationLimitExceeded');
      return result(next);
    },
    isCurrent: () => current,
    settings: () => settings,
    notice: (m) => notices.push(m),
  });
  return { clock, calls, notices, queue, deleteFunction: () => { current = false; } };
}

describe('AsyncQueue', () => {
  it('runs an event at once and records its age (0 ms) on success', async () => {
    const { clock, calls, queue } = setup(['success']);
    const record = queue.enqueue(fn, input('a'), 'Invoke');
    await settle();
    expect(calls).toEqual([clock.now()]);
    expect(record.state).toBe('succeeded');
    expect(record.attempts).toEqual([{ at: clock.now(), ageMs: 0, outcome: 'success' }]);
    expect(queue.stats().f).toEqual({ received: 1, succeeded: 1, retried: 0, throttled: 0, dropped: 0, pending: 0 });
  });

  it('retries a function error twice, 1 min then 2 min later, then drops the event', async () => {
    const { clock, calls, queue, notices } = setup(['failure', 'failure', 'failure']);
    const start = clock.now();
    const record = queue.enqueue(fn, input('b'), 'Invoke');
    await clock.advance(59_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toEqual([start, start + 60_000]);
    await clock.advance(119_999);
    expect(calls).toHaveLength(2);
    await clock.advance(1);
    expect(calls).toEqual([start, start + 60_000, start + 180_000]);
    expect(record.state).toBe('dropped');
    expect(record.dropReason).toMatch(/function error after 2 retries/);
    expect(record.attempts.map((a) => [a.ageMs, a.outcome])).toEqual([[0, 'function-error'], [60_000, 'function-error'], [180_000, 'function-error']]);
    expect(queue.stats().f).toMatchObject({ received: 1, retried: 2, dropped: 1, pending: 0 });
    expect(notices).toHaveLength(1);
    await clock.advance(3_600_000);
    expect(calls).toHaveLength(3);
  });

  it('succeeds on a retry: nothing dropped, the retry counted', async () => {
    const { clock, queue } = setup(['failure', 'success']);
    const record = queue.enqueue(fn, input('c'), 'Invoke');
    await clock.advance(60_000);
    expect(record.state).toBe('succeeded');
    expect(queue.stats().f).toMatchObject({ succeeded: 1, retried: 1, dropped: 0 });
  });

  it('honours MaximumRetryAttempts 0: a function error drops the event at once', async () => {
    const { queue } = setup(['failure'], { maximumRetryAttempts: 0, maximumEventAgeSeconds: 21_600 });
    const record = queue.enqueue(fn, input('d'), 'Invoke');
    await settle();
    expect(record.state).toBe('dropped');
  });

  it('backs off throttles exponentially from 1 s (1, 2, 4, 8 s), never counting them as retries, and loses nothing', async () => {
    const { clock, calls, queue } = setup(['throttle', 'throttle', 'throttle', 'throttle', 'success']);
    const start = clock.now();
    const record = queue.enqueue(fn, input('e'), 'Invoke');
    await clock.advance(15_000);
    expect(calls.map((t) => t - start)).toEqual([0, 1000, 3000, 7000, 15_000]);
    expect(record.state).toBe('succeeded');
    expect(record.attempts.slice(0, 4).every((a) => a.outcome === 'throttled' && a.detail === 'ReservedFunctionConcurrentInvocationLimitExceeded')).toBe(true);
    expect(queue.stats().f).toMatchObject({ throttled: 4, retried: 0, succeeded: 1, dropped: 0 });
  });

  it('caps the throttle backoff at 5 minutes and drops an event older than MaximumEventAgeInSeconds', async () => {
    const { clock, calls, queue } = setup(Array(100).fill('throttle'), { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 });
    const start = clock.now();
    const record = queue.enqueue(fn, input('f'), 'Invoke');
    await clock.advance(4_000_000);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    expect(Math.max(...gaps)).toBe(300_000);
    expect(calls.every((t) => t - start <= 3_600_000)).toBe(true);
    expect(record.state).toBe('dropped');
    expect(record.dropReason).toMatch(/older than MaximumEventAgeInSeconds/);
  });

  it('drops queued events of a deleted function and, on close, the rest', async () => {
    const { clock, queue, deleteFunction } = setup(['failure', 'failure']);
    const first = queue.enqueue(fn, input('g'), 'Invoke');
    await settle();
    deleteFunction();
    await clock.advance(60_000);
    expect(first.dropReason).toBe('the function was deleted');
    const other = setup(['failure']);
    const second = other.queue.enqueue(fn, input('h'), 'Invoke');
    await settle();
    other.queue.close();
    expect(second.state).toBe('dropped');
    expect(other.clock.pending).toBe(0);
  });
});
