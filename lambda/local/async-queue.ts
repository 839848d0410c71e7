/**
 * Lambda's asynchronous invocation queue (InvocationType Event, and what
 * EventBridge delivers): Invoke answers 202 once the event is queued; the
 * queue then runs it on the function, as Lambda's internal pollers do:
 *
 * - a throttle (429: reserved or account concurrency exhausted) returns the
 *   event to the queue; the wait grows exponentially from 1 s to at most 5 min,
 *   for as long as the event is younger than its maximum age;
 * - a function error (the handler threw, timed out or crashed) is retried
 *   `MaximumRetryAttempts` times (default 2), one minute before the first
 *   retry and two before the second, as Lambda documents it;
 * - an event older than `MaximumEventAgeInSeconds` (default 6 h) is dropped
 *   instead of run.
 *
 * Each attempt records the event's age (Lambda's AsyncEventAge metric: from
 * queueing to the invocation), and every event's fate is kept (bounded) for
 * `GET /_local/async`: on AWS these are CloudWatch metrics, so everything
 * there is marked emulated. The clock and timers are injected: tests drive
 * the waits with a fake clock.
 */

import { LambdaApiError } from './errors.js';
import type { InvocationInput } from './environment.js';
import type { StoredFunction } from './store.js';
import type { InvocationResult, QueueDelays } from './types.js';
import type { QueueClock } from './clock.js';

/** A function's asynchronous invocation settings (PutFunctionEventInvokeConfig). */
export interface RetrySettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
}

/** Lambda's defaults: two retries, six hours. */
export const DEFAULT_RETRY_SETTINGS: RetrySettings = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

/** AWS's documented waits. */
export const AWS_DELAYS: QueueDelays = { functionErrorMs: [60_000, 120_000], throttleFirstMs: 1000, throttleMaxMs: 300_000 };

/** One attempt to run a queued event. */
export interface Attempt {
  /** Epoch ms the attempt started. */
  readonly at: number;
  /** The event's age then, ms since it was queued (AsyncEventAge). */
  readonly ageMs: number;
  readonly outcome: 'success' | 'function-error' | 'throttled' | 'failed';
  /** The 429's Reason, a function error's type, or why the attempt failed. */
  readonly detail?: string;
}

/** What became of one event (so far). */
export interface EventRecord {
  readonly requestId: string;
  readonly functionName: string;
  /** Who queued it: an Invoke call, or an EventBridge rule (its ARN). */
  readonly source: string;
  /** Epoch ms the event was queued (Invoke answered 202). */
  readonly queuedAt: number;
  readonly attempts: Attempt[];
  state: 'queued' | 'running' | 'succeeded' | 'dropped';
  /** Why it was dropped: retries exhausted, too old, the function deleted or changed, the server closed. */
  dropReason?: string;
}

/** Counters per function, named after Lambda's async metrics. */
export interface AsyncCounters {
  /** AsyncEventsReceived. */
  received: number;
  succeeded: number;
  /** Retries after a function error. */
  retried: number;
  /** Attempts that were throttled (and requeued). */
  throttled: number;
  /** AsyncEventsDropped. */
  dropped: number;
  /** Queued or running now. */
  pending: number;
}

/** What the queue needs from the server. */
export interface QueueDeps {
  readonly clock: QueueClock;
  readonly delays: QueueDelays;
  /** Runs one attempt (the pool's invoke); throws a 429 LambdaApiError when throttled. */
  readonly invoke: (fn: StoredFunction, input: InvocationInput) => Promise<InvocationResult>;
  /** Whether `fn` is still the function of its name with the same code and configuration. */
  readonly isCurrent: (fn: StoredFunction) => boolean;
  readonly settings: (fn: StoredFunction) => RetrySettings;
  /** One line for events dropped (the first per function; the rest are counted). */
  readonly notice: (message: string) => void;
  /** Records kept for `GET /_local/async` (oldest finished ones go first). Default 20 000. */
  readonly keepRecords?: number;
}

/** The queue of asynchronous invocations of every function. */
export class AsyncQueue {
  private readonly records = new Map<string, EventRecord>();
  private readonly counters = new Map<string, AsyncCounters>();
  private readonly timers = new Set<{ cancel(): void }>();
  private readonly noticed = new Set<string>();
  private closed = false;

  constructor(private readonly deps: QueueDeps) {}

  /** Queues an event and tries it at once; returns its record (Invoke answers 202 now). */
  enqueue(fn: StoredFunction, input: InvocationInput, source: string): EventRecord {
    const record: EventRecord = {
      requestId: input.requestId, functionName: fn.config.name, source, queuedAt: this.deps.clock.now(), attempts: [], state: 'queued',
    };
    this.keep(record);
    const counters = this.countersOf(fn.config.name);
    counters.received += 1;
    counters.pending += 1;
    this.attempt(fn, input, record, 0, 0);
    return record;
  }

  /** Counters per function name. */
  stats(): Record<string, AsyncCounters> {
    return Object.fromEntries([...this.counters].map(([name, c]) => [name, { ...c }]));
  }

  /** The kept records, oldest first, of one function or all. */
  events(functionName?: string): EventRecord[] {
    return [...this.records.values()].filter((r) => functionName === undefined || r.functionName === functionName);
  }

  /** Stops every wait; events still queued are dropped (and counted). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    for (const record of this.records.values()) {
      if (record.state === 'queued') this.drop(record, 'the local Lambda closed');
    }
  }

  /**
   * One attempt. `retries` counts retries after function errors so far, `throttles` the throttled
   * attempts (the backoff's exponent); both are per event.
   */
  private attempt(fn: StoredFunction, input: InvocationInput, record: EventRecord, retries: number, throttles: number): void {
    if (this.closed) return this.drop(record, 'the local Lambda closed');
    if (!this.deps.isCurrent(fn)) return this.drop(record, 'the function was deleted');
    const at = this.deps.clock.now();
    const ageMs = at - record.queuedAt;
    if (ageMs > this.deps.settings(fn).maximumEventAgeSeconds * 1000) return this.drop(record, `older than MaximumEventAgeInSeconds (${Math.round(ageMs / 1000)} s)`);
    record.state = 'running';
    this.deps.invoke(fn, input).then(
      (result) => {
        if (result.status === 'success') {
          record.attempts.push({ at, ageMs, outcome: 'success' });
          record.state = 'succeeded';
          this.settle(record, 'succeeded');
          return;
        }
        record.attempts.push({ at, ageMs, outcome: 'function-error', detail: result.errorType ?? result.status });
        const max = this.deps.settings(fn).maximumRetryAttempts;
        if (retries >= max) return this.drop(record, `function error after ${max} retries (${result.errorType ?? result.status})`);
        this.countersOf(fn.config.name).retried += 1;
        const delays = this.deps.delays.functionErrorMs;
        const wait = delays[Math.min(retries, delays.length - 1)] ?? 0;
        this.later(record, wait, () => this.attempt(fn, input, record, retries + 1, throttles));
      },
      (error: unknown) => {
        if (error instanceof LambdaApiError && error.status === 429) {
          record.attempts.push({ at, ageMs, outcome: 'throttled', detail: error.extra.Reason ?? error.type });
          this.countersOf(fn.config.name).throttled += 1;
          const { throttleFirstMs, throttleMaxMs } = this.deps.delays;
          const wait = Math.min(throttleMaxMs, throttleFirstMs * 2 ** Math.min(throttles, 30));
          this.later(record, wait, () => this.attempt(fn, input, record, retries, throttles + 1));
          return;
        }
        // Not the function's doing (the server is closing, an environment could not start): Lambda's
        // queue treats its own errors as it treats throttles, but here they do not heal, so the event ends.
        record.attempts.push({ at, ageMs, outcome: 'failed', detail: (error as Error).message });
        this.drop(record, (error as Error).message);
      },
    );
  }

  private later(record: EventRecord, ms: number, run: () => void): void {
    record.state = 'queued';
    const timer = this.deps.clock.setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private drop(record: EventRecord, reason: string): void {
    record.state = 'dropped';
    record.dropReason = reason;
    this.settle(record, 'dropped');
    if (this.closed) return;
    if (!this.noticed.has(record.functionName)) {
      this.noticed.add(record.functionName);
      this.deps.notice(
        `local Lambda: asynchronous event ${record.requestId} of ${record.functionName} dropped: ${reason} (further drops of this function are counted in /_local/async)`,
      );
    }
  }

  private settle(record: EventRecord, how: 'succeeded' | 'dropped'): void {
    const counters = this.countersOf(record.functionName);
    counters.pending -= 1;
    if (how === 'succeeded') counters.succeeded += 1;
    else counters.dropped += 1;
  }

  private countersOf(name: string): AsyncCounters {
    let counters = this.counters.get(name);
    if (!counters) {
      counters = { received: 0, succeeded: 0, retried: 0, throttled: 0, dropped: 0, pending: 0 };
      this.counters.set(name, counters);
    }
    return counters;
  }

  /** Keeps a record, forgetting the oldest finished ones past the bound (pending ones are always kept). */
  private keep(record: EventRecord): void {
    this.records.set(record.requestId, record);
    const limit = this.deps.keepRecords ?? 20_000;
    if (this.records.size <= limit) return;
    for (const [id, old] of this.records) {
      if (this.records.size <= limit) break;
      if (old.state === 'succeeded' || old.state === 'dropped') this.records.delete(id);
    }
  }
}
