/**
 * The Invoke operation: `POST /2015-03-31/functions/{name}/invocations`.
 * RequestResponse answers 200 with the function's payload; Event answers 202
 * once the event is in the asynchronous queue (async-queue.ts: retries and
 * event age as Lambda's); DryRun answers 204 after the checks.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { InvocationInput } from './environment.js';
import type { AsyncQueue } from './async-queue.js';
import { conflict, invalidParameter, invalidRequestContent, requestTooLarge, validation } from './errors.js';
import { logTail } from './logs.js';
import type { EnvironmentPool } from './pool.js';
import type { FunctionStore, StoredFunction } from './store.js';

/** Synchronous invocation payload limit: 6 MB. */
export const MAX_SYNC_PAYLOAD = 6_291_456;
/** Asynchronous (Event) invocation payload limit: 1 MB since 2025 (was 256 KB). */
export const MAX_ASYNC_PAYLOAD = 1_048_576;
/** Largest base64 client context Lambda accepts. */
const MAX_CLIENT_CONTEXT = 3583;

/** What Invoke needs from the server. */
export interface InvokeContext {
  readonly store: FunctionStore;
  readonly pool: EnvironmentPool;
  /** Where Event invocations go. */
  readonly queue: AsyncQueue;
}

/** Handles Invoke; the body has been read (and cut off at `truncated`). */
export async function handleInvoke(
  ctx: InvokeContext,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  qualifier: string | undefined,
  body: Buffer,
  truncated: boolean,
): Promise<void> {
  const type = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw validation('invocationType', type, 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
  }
  const logType = header(req, 'x-amz-log-type') ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') throw validation('logType', logType, 'Member must satisfy enum value set: [None, Tail]');
  const fn = await ctx.store.find(name, qualifier);
  if (fn.state !== 'Active') {
    throw conflict(`The operation cannot be performed at this time. The function is currently in the following state: ${fn.state}`);
  }
  const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (truncated || body.length > limit) throw requestTooLarge(limit, type === 'Event' ? 'InvokeAsync' : 'InvokeFunction');
  const payload = body.length === 0 ? Buffer.from('{}') : body;
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw invalidRequestContent((error as Error).message);
  }
  const input: InvocationInput = {
    requestId: randomUUID(),
    payload,
    invokedFunctionArn: invokedArn(fn, name, qualifier),
    clientContext: clientContext(header(req, 'x-amz-client-context')),
  };
  if (type === 'DryRun') {
    res.writeHead(204, { 'x-amzn-RequestId': input.requestId });
    res.end();
    return;
  }
  if (type === 'Event') {
    ctx.queue.enqueue(fn, input, 'Invoke');
    res.writeHead(202, { 'x-amzn-RequestId': input.requestId, 'Content-Length': 0 });
    res.end();
    return;
  }
  const result = await ctx.pool.invoke(fn, input);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': result.payload.length,
    'x-amzn-RequestId': result.requestId,
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': 0,
    // Not an AWS header: lets a harness record which runtime client served the call.
    'x-local-lambda-runtime-client': result.runtimeClient ?? 'unknown',
  };
  if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
  if (logType === 'Tail') headers['X-Amz-Log-Result'] = logTail(result.log);
  res.writeHead(200, headers);
  res.end(result.payload);
  result.acknowledge?.();
}

/** The ARN the function was invoked by, as the runtime sees it in Lambda-Runtime-Invoked-Function-Arn. */
function invokedArn(fn: StoredFunction, rawName: string, qualifierParam: string | undefined): string {
  const qualifier = qualifierParam ?? /:(\$LATEST)$/.exec(rawName)?.[1];
  return qualifier === undefined ? fn.config.arn : `${fn.config.arn}:${qualifier}`;
}

/** Decodes X-Amz-Client-Context (base64 JSON) for Lambda-Runtime-Client-Context. */
function clientContext(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_CLIENT_CONTEXT) throw invalidParameter('Client context must be 3583 bytes or less (base64-encoded).');
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  try {
    JSON.parse(decoded);
  } catch {
    throw invalidParameter('Client context must be a valid Base64-encoded JSON object.');
  }
  return decoded;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
