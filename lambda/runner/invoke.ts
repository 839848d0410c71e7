/**
 * One timed invocation: `Invoke` with `LogType: 'Tail'` through a client
 * that makes a single attempt, timed from the caller's side, with the REPORT
 * read from the log tail and the handler's JSON answer parsed. Throttles
 * (429) and server errors (5xx, dropped connections) are retried here with
 * exponential backoff and counted; only the successful attempt is timed.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { reportFromLogResult, type LambdaReport } from '../report.js';
import { parseHandlerResult, type HandlerResult } from '../handlers/protocol.js';

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
      readonly state: 'ok';
      /** Client round trip of the successful attempt (SDK serialise + sign + HTTP + parse). */
      readonly clientNs: number;
      readonly report: LambdaReport | undefined;
      readonly result: HandlerResult;
    }
  | { readonly state: 'failed'; readonly error: string; readonly report: LambdaReport | undefined };

/** Backoff policy. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Six attempts, 100 ms doubling to at most 5 s, with full jitter. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5000 };

function classify(error: unknown): 'throttle' | 'server' | 'network' | undefined {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || e.name === 'TooManyRequestsException') return 'throttle';
  if (status !== undefined && status >= 500) return 'server';
  if (status === undefined && (e.code !== undefined || e.name === 'TimeoutError' || /socket|ECONN|EPIPE/i.test(String((error as Error).message)))) {
    return 'network';
  }
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Invokes a function once with `payload`, retrying throttles and 5xx; never throws for a failed invocation. */
export async function invokeTimed(
  client: LambdaClient,
  functionName: string,
  payload: Uint8Array,
  counters: RetryCounters,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<InvokeOutcome> {
  for (let attempt = 1; ; attempt++) {
    const command = new InvokeCommand({ FunctionName: functionName, Payload: payload, LogType: 'Tail' });
    let out;
    const start = process.hrtime.bigint();
    try {
      out = await client.send(command);
    } catch (error) {
      const cause = classify(error);
      if (cause === 'throttle') counters.throttles += 1;
      else if (cause === 'server') counters.serverErrors += 1;
      else if (cause === 'network') counters.networkErrors += 1;
      if (cause === undefined || attempt >= policy.maxAttempts) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        return { state: 'failed', error: `Invoke failed${status ? ` (HTTP ${status})` : ''} after ${attempt} attempt(s): ${(error as Error).name}: ${(error as Error).message}`, report: undefined };
      }
      counters.retries += 1;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
      continue;
    }
    const clientNs = Number(process.hrtime.bigint() - start);
    const report = reportFromLogResult(out.LogResult);
    const body = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
    if (out.FunctionError) {
      return { state: 'failed', error: `function error (${out.FunctionError}): ${body.slice(0, 300)}${report?.errorType ? ` [${report.errorType}]` : ''}`, report };
    }
    try {
      return { state: 'ok', clientNs, report, result: parseHandlerResult(body) };
    } catch (error) {
      return { state: 'failed', error: (error as Error).message, report };
    }
  }
}
