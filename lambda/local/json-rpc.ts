/**
 * The AWS JSON 1.1 protocol that CloudWatch Logs (`Logs_20140328.<Operation>`)
 * and EventBridge (`AWSEvents.<Operation>`) speak: `POST /` with the operation
 * in `X-Amz-Target` and a JSON body, answered with a JSON body, errors as
 * `{"__type": "<Code>", "message": "..."}` with status 400 (what the SDK's
 * JSON-RPC deserialiser reads first). The local Lambda serves both on its own
 * port, so one endpoint serves all three SDK clients.
 */

import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** A JSON-protocol service error. */
export class JsonRpcError extends Error {
  /**
   * @param type the error code, e.g. `ResourceNotFoundException`
   * @param message worded as the service words it
   * @param status HTTP status (AWS's JSON services answer client errors with 400)
   */
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** One operation: the request document in, the response document out. */
export type JsonOperation = (input: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** A service: its target prefix and operations. */
export interface JsonService {
  /** `Logs_20140328` or `AWSEvents`. */
  readonly prefix: string;
  readonly operations: Readonly<Record<string, JsonOperation>>;
}

/** Which service and operation an `X-Amz-Target` names, if any of `services` serves it. */
export function resolveTarget(target: string | undefined, services: readonly JsonService[]): { service: JsonService; operation: string } | undefined {
  if (target === undefined) return undefined;
  const dot = target.lastIndexOf('.');
  if (dot < 0) return undefined;
  const service = services.find((s) => s.prefix === target.slice(0, dot));
  return service ? { service, operation: target.slice(dot + 1) } : undefined;
}

/** Runs an operation on a request body and writes its answer (or its error). */
export async function serveJson(res: ServerResponse, service: JsonService, operation: string, body: Buffer): Promise<void> {
  let status = 200;
  let document: Record<string, unknown>;
  try {
    const handler = service.operations[operation];
    if (!handler) throw new JsonRpcError('UnknownOperationException', `The local Lambda does not implement ${service.prefix}.${operation}.`);
    document = await handler(parseInput(body));
  } catch (error) {
    if (!(error instanceof JsonRpcError)) throw error;
    status = error.status;
    document = { __type: error.type, message: error.message };
  }
  const text = JSON.stringify(document);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(status === 200 ? {} : { 'x-amzn-ErrorType': document.__type as string }),
  });
  res.end(text);
}

function parseInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new JsonRpcError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonRpcError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}

/** Reads an optional string member; a wrong type is the service's validation error. */
export function str(input: Record<string, unknown>, key: string, errorType = 'InvalidParameterException'): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new JsonRpcError(errorType, `1 validation error detected: Value at '${key}' failed to satisfy constraint: Member must be a string`);
  return value;
}

/** Reads an optional integer member within bounds. */
export function int(input: Record<string, unknown>, key: string, min: number, max: number, errorType = 'InvalidParameterException'): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new JsonRpcError(errorType, `1 validation error detected: Value '${String(value)}' at '${key}' failed to satisfy constraint: Member must have value between ${min} and ${max}`);
  }
  return value;
}

/** Reads an optional list of strings. */
export function strings(input: Record<string, unknown>, key: string, errorType = 'InvalidParameterException'): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new JsonRpcError(errorType, `1 validation error detected: Value at '${key}' failed to satisfy constraint: Member must be a list of strings`);
  }
  return value as string[];
}

/** Opaque paging tokens: base64url JSON, refused when altered or another operation's. */
export function encodeToken(kind: string, position: number): string {
  return Buffer.from(JSON.stringify({ k: kind, p: position })).toString('base64url');
}

/** Reads a token made by {@link encodeToken} for `kind`. */
export function decodeToken(token: string, kind: string, errorType = 'InvalidParameterException'): number {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; p?: unknown };
    if (value.k === kind && typeof value.p === 'number' && Number.isInteger(value.p) && value.p >= 0) return value.p;
  } catch {
    // falls through to the error
  }
  throw new JsonRpcError(errorType, 'The specified nextToken is invalid.');
}
