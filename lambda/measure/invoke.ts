/**
 * One timed invocation: `Invoke` with `LogType: 'Tail'` through a client
 * that makes a single attempt, timed from the caller's side, with the REPORT
 * read from the log tail and the handler's JSON answer parsed. Throttles
 * (429), server errors (5xx) and dropped connections are retried here with
 * exponential backoff and counted; only the successful attempt is timed.
 * Every failure names the call and its HTTP status or network cause.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { reportFromLogResult, type LambdaReport } from '../report-line.js';
import { parseHandlerResult, type HandlerResult } from '../handlers/protocol.js';
import { describeApiError, type ApiFailure, type TimeoutContext } from './api-errors.js';

/** Retries, by cause, over a function's samples. */
export interface RetryCounters {
  /** Attempts repeated, for any cause. */
  retries: number;
  /** 429 TooManyRequestsException answers (including a last one that was not retried). */
  throttles: number;
  /** 5xx answers. */
  serverErrors: number;
  /** Attempts that got no HTTP answer (connection reset, timeout). */
  networkErrors: number;
}

/** Fresh counters. */
export function newCounters(): RetryCounters {
  return { retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 };
}

/** What one invocation returned. */
export type InvokeOutcome =
  | {
      readonly state: 'completed';
      /** Client round trip of the successful attempt (SDK serialise + sign + HTTP + parse). */
      readonly clientNs: number;
      /** Whether the answer carried X-Amz-Log-Result at all (endpoints that only run handlers send none). */
      readonly logTail: boolean;
      /** HTTP status of the answer. */
      readonly httpStatus: number | undefined;
      readonly report: LambdaReport | undefined;
      readonly result: HandlerResult;
    }
  | {
      readonly state: 'errored';
      readonly error: string;
      readonly report: LambdaReport | undefined;
      /** The API-level failure, when Invoke itself failed (not the function). */
      readonly failure?: ApiFailure;
    };

/** Backoff policy. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * No retry starts after this long (ms since the first attempt): with the
   * client's per-attempt request timeout, one invocation's step deadline is
   * this plus one attempt, however many retries it took.
   */
  readonly retryBudgetMs?: number;
}

/** Retries start no later than this after the first attempt, unless a policy says otherwise. */
export const RETRY_BUDGET_MS = 20_000;

/** Six attempts, 100 ms doubling to at most 5 s, with full jitter, none started after 20 s. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5000, retryBudgetMs: RETRY_BUDGET_MS };

type RetryCause = 'throttle' | 'server' | 'network' | undefined;

/** Which failures are worth another attempt: throttles, 5xx, dropped connections. Not a timeout: it already waited a whole attempt. */
function classify(failure: ApiFailure): RetryCause {
  if (failure.httpStatus === 429 || failure.errorType === 'TooManyRequestsException') return 'throttle';
  if (failure.httpStatus !== undefined && failure.httpStatus >= 500) return 'server';
  if (failure.cause === 'reset' || failure.cause === 'refused' || failure.cause === 'connect-timeout') return 'network';
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Invokes a function once with `payload`, retrying throttles, 5xx and
 * dropped connections within the policy; never throws for a failed
 * invocation. `timeouts` only words the errors (the client enforces them).
 * `clockNs` times the round trip (tests inject one so that which function
 * is quicker does not depend on the machine's load).
 */
export async function invokeTimed(
  client: LambdaClient,
  functionName: string,
  payload: Uint8Array,
  counters: RetryCounters,
  policy: RetryPolicy = DEFAULT_RETRY,
  timeouts: TimeoutContext = {},
  clockNs: () => bigint = process.hrtime.bigint,
): Promise<InvokeOutcome> {
  const first = performance.now();
  for (let attempt = 1; ; attempt++) {
    const command = new InvokeCommand({ FunctionName: functionName, Payload: payload, LogType: 'Tail' });
    let out;
    const start = clockNs();
    try {
      out = await client.send(command);
    } catch (error) {
      const failure = describeApiError('Invoke', error, timeouts);
      const cause = classify(failure);
      if (cause === 'throttle') counters.throttles += 1;
      else if (cause === 'server') counters.serverErrors += 1;
      else if (failure.httpStatus === undefined) counters.networkErrors += 1;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.random() * ceiling;
      const elapsed = performance.now() - first;
      if (cause === undefined || attempt >= policy.maxAttempts || elapsed + delay > (policy.retryBudgetMs ?? RETRY_BUDGET_MS)) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts over ${(elapsed / 1000).toFixed(1)} s)` : '';
        return { state: 'errored', error: `${failure.message}${tries}`, report: undefined, failure };
      }
      counters.retries += 1;
      await sleep(delay);
      continue;
    }
    const clientNs = Number(clockNs() - start);
    const logTail = typeof out.LogResult === 'string' && out.LogResult !== '';
    const report = reportFromLogResult(out.LogResult);
    const body = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
    if (out.FunctionError) {
      return { state: 'errored', error: `function error (${out.FunctionError}): ${body.slice(0, 300)}${report?.errorType ? ` [${report.errorType}]` : ''}`, report };
    }
    try {
      return { state: 'completed', clientNs, logTail, httpStatus: out.$metadata.httpStatusCode, report, result: parseHandlerResult(body) };
    } catch (error) {
      return { state: 'errored', error: (error as Error).message, report };
    }
  }
}
