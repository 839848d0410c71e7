/**
 * One event of a load step through the AWS SDK, by invocation path:
 *
 * - sync: `Invoke` (RequestResponse, LogType Tail): the answer carries the
 *   output digest (verified here), the REPORT (Duration, Billed Duration,
 *   Init Duration on a cold start) and the log tail (whose size prices log
 *   ingestion);
 * - event: `Invoke` with InvocationType Event: 202 means accepted; the
 *   handler's start is read back later from its logs (receipts.ts);
 * - eventbridge: `PutEvents` of one entry to the run's bus, whose rule
 *   targets the function; accepted when the entry got an EventId.
 *
 * A throttle (HTTP 429, TooManyRequestsException) is recorded with AWS's
 * reason and never retried: under load a retry would hide the throttle in a
 * longer latency. Nothing here throws for a failed event.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { reportFromLogResult } from '../report-line.js';
import { parseHandlerResult } from '../handlers/protocol.js';
import { outputMatches } from '../../harness/verify/check.js';
import { describeApiError } from '../measure/api-errors.js';
import type { LoadPath } from '../../harness/options/load.js';

/** What became of one event at the client. */
export interface LoadOutcome {
  /**
   * ok: answered and verified (sync); accepted: queued by Lambda or EventBridge
   * (event, eventbridge: verified later from the handler's logs); throttled:
   * 429; error: any other failure; wrong-output: answered with the wrong digest.
   */
  readonly state: 'completed' | 'accepted' | 'throttled' | 'errored' | 'wrong-output';
  readonly httpStatus?: number;
  /** AWS's throttle reason (`ReservedFunctionConcurrentInvocationLimitExceeded`, ...), or the error type when none is given. */
  readonly throttleReason?: string;
  readonly error?: string;
  readonly requestId?: string;
  /** REPORT figures (sync only). */
  readonly durationMs?: number;
  readonly billedMs?: number;
  readonly initMs?: number;
  readonly maxMemoryMB?: number;
  /** Bytes of the invocation's log lines as the tail returned them (sync): what CloudWatch Logs ingests. */
  readonly logBytes?: number;
}

/** What every event of one function carries. */
export interface EventTemplate {
  /** The benchmark event as JSON text (encodeEvent), without the load id. */
  readonly json: string;
  /** The expected output's SHA-256 (hex) and size. */
  readonly sha256: string;
  readonly bytes: number;
}

/** Where a function's events go: its name, and for EventBridge the bus and the detail-type its rule matches. */
export interface EventTarget {
  readonly functionName: string;
  readonly busName?: string;
}

/** The `source` of every PutEvents entry; rules match it with the function's name as detail-type. */
export const EVENT_SOURCE = 'wasm-lambda-bench.load';

/** The event with its load id: the handler logs a receipt line for events that carry one. */
export function eventWithId(template: EventTemplate, loadId: string): string {
  return `${template.json.slice(0, -1)},"loadId":${JSON.stringify(loadId)}}`;
}

/** A 429 or a TooManyRequestsException, with its reason. */
function throttleOf(error: unknown): { reason: string; status: number } | undefined {
  const e = error as { name?: unknown; Reason?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  if (status !== 429 && e.name !== 'TooManyRequestsException' && e.name !== 'ThrottlingException') return undefined;
  return { reason: typeof e.Reason === 'string' ? e.Reason : String(e.name ?? 'HTTP 429'), status: status ?? 429 };
}

function failedOutcome(api: string, error: unknown): LoadOutcome {
  const throttle = throttleOf(error);
  if (throttle) return { state: 'throttled', httpStatus: throttle.status, throttleReason: throttle.reason };
  const failure = describeApiError(api, error);
  return { state: 'errored', error: failure.message, ...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}) };
}

/** Decoded size of a LogResult (base64 of the invocation's last 4 KB of log). */
function logBytesOf(logResult: string | undefined): number | undefined {
  return typeof logResult === 'string' && logResult !== '' ? Buffer.from(logResult, 'base64').length : undefined;
}

/**
 * Synchronous Invoke, verified. The event carries its load id as on the other
 * paths: the handler then does the same work everywhere (receipt and result
 * lines), and the step's logs show which environment ran it and when.
 */
export async function invokeSync(client: LambdaClient, target: EventTarget, template: EventTemplate, loadId: string): Promise<LoadOutcome> {
  let out;
  try {
    out = await client.send(new InvokeCommand({ FunctionName: target.functionName, Payload: Buffer.from(eventWithId(template, loadId)), LogType: 'Tail' }));
  } catch (error) {
    return failedOutcome('Invoke', error);
  }
  const report = reportFromLogResult(out.LogResult);
  const logBytes = logBytesOf(out.LogResult);
  const figures = {
    httpStatus: out.$metadata.httpStatusCode,
    ...(out.$metadata.requestId !== undefined ? { requestId: out.$metadata.requestId } : {}),
    ...(report?.durationMs !== undefined ? { durationMs: report.durationMs } : {}),
    ...(report?.billedDurationMs !== undefined ? { billedMs: report.billedDurationMs } : {}),
    ...(report?.initDurationMs !== undefined ? { initMs: report.initDurationMs } : {}),
    ...(report?.maxMemoryUsedMB !== undefined ? { maxMemoryMB: report.maxMemoryUsedMB } : {}),
    ...(logBytes !== undefined ? { logBytes } : {}),
  };
  const body = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
  if (out.FunctionError) return { state: 'errored', error: `function error (${out.FunctionError}): ${body.slice(0, 200)}`, ...figures };
  try {
    const result = parseHandlerResult(body);
    const right = outputMatches({ kind: 'handler', sha256: result.outputSha256, bytes: result.outputBytes }, template);
    return right ? { state: 'completed', ...figures } : { state: 'wrong-output', error: `output ${result.outputSha256.slice(0, 12)}… (${result.outputBytes} B), expected ${template.sha256.slice(0, 12)}…`, ...figures };
  } catch (error) {
    return { state: 'errored', error: (error as Error).message, ...figures };
  }
}

/** Asynchronous Invoke: accepted on 202; the handler's receipt line carries `loadId`. */
export async function invokeEvent(client: LambdaClient, target: EventTarget, template: EventTemplate, loadId: string): Promise<LoadOutcome> {
  try {
    const out = await client.send(new InvokeCommand({ FunctionName: target.functionName, Payload: Buffer.from(eventWithId(template, loadId)), InvocationType: 'Event' }));
    const status = out.StatusCode ?? out.$metadata.httpStatusCode;
    if (status !== 202) return { state: 'errored', error: `Invoke (Event) → HTTP ${String(status)}, expected 202`, ...(status !== undefined ? { httpStatus: status } : {}) };
    return { state: 'accepted', httpStatus: 202, ...(out.$metadata.requestId !== undefined ? { requestId: out.$metadata.requestId } : {}) };
  } catch (error) {
    return failedOutcome('Invoke', error);
  }
}

/** EventBridge PutEvents of one entry; accepted when it got an EventId. */
export async function putEvent(client: EventBridgeClient, target: EventTarget, template: EventTemplate, loadId: string): Promise<LoadOutcome> {
  try {
    const out = await client.send(
      new PutEventsCommand({ Entries: [{ Source: EVENT_SOURCE, DetailType: target.functionName, Detail: eventWithId(template, loadId), EventBusName: target.busName }] }),
    );
    const entry = out.Entries?.[0];
    if ((out.FailedEntryCount ?? 0) > 0 || entry?.EventId === undefined) {
      const code = entry?.ErrorCode ?? 'no EventId';
      // PutEvents reports a throttled entry in the entry, with HTTP 200.
      if (code === 'ThrottlingException') return { state: 'throttled', httpStatus: out.$metadata.httpStatusCode ?? 200, throttleReason: code };
      return { state: 'errored', error: `PutEvents entry failed: ${code}${entry?.ErrorMessage ? `: ${entry.ErrorMessage}` : ''}` };
    }
    return { state: 'accepted', httpStatus: out.$metadata.httpStatusCode ?? 200, requestId: entry.EventId };
  } catch (error) {
    return failedOutcome('PutEvents', error);
  }
}

/** The outcome a scheduler records when an invoker rejected after all (a bug, kept visible). */
export function rejectedOutcome(error: unknown): LoadOutcome {
  return { state: 'errored', error: `load client: ${error instanceof Error ? error.message : String(error)}` };
}

/** Calls the path's API for one event. */
export type PathInvoker = (path: LoadPath, target: EventTarget, template: EventTemplate, loadId: string) => Promise<LoadOutcome>;

/** The SDK invoker for a Lambda client and, for the eventbridge path, an EventBridge client. */
export function sdkInvoker(lambda: LambdaClient, events: EventBridgeClient | undefined): PathInvoker {
  return (path, target, template, loadId) => {
    if (path === 'sync') return invokeSync(lambda, target, template, loadId);
    if (path === 'event') return invokeEvent(lambda, target, template, loadId);
    if (!events) return Promise.resolve({ state: 'errored', error: 'no EventBridge client' });
    return putEvent(events, target, template, loadId);
  };
}
