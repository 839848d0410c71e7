/**
 * The Runtime API of one execution environment, on its own loopback port
 * (`AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>`): a port rather than a path
 * prefix because aws-lambda-ric splits that variable into host and port and
 * builds its own paths.
 *
 * Routes (2018-06-01): `GET /runtime/invocation/next` (long poll),
 * `POST /runtime/invocation/{id}/response`, `POST /runtime/invocation/{id}/error`,
 * `POST /runtime/init/error`. This module only speaks HTTP; the environment
 * decides what each call means.
 */

import { randomFillSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeClientName } from './types.js';

/** What the environment does with each Runtime API call. */
export interface RuntimeApiHandler {
  /** The runtime asks for the next event; answer now or keep `res` until one arrives. */
  next(res: ServerResponse, userAgent: string | undefined): void;
  /** The runtime posts a result. `reply` must be called exactly once. */
  response(requestId: string, body: Buffer, reply: Reply): void;
  /** The runtime posts an invocation error. */
  error(requestId: string, body: Buffer, errorType: string | undefined, reply: Reply): void;
  /** The runtime posts an initialisation error. */
  initError(body: Buffer, errorType: string | undefined, reply: Reply): void;
}

/** Answers a POST of the runtime. */
export type Reply = (status: number, body: Record<string, string>) => void;

/** An event handed to the runtime in the `/next` response. */
export interface RuntimeEvent {
  readonly requestId: string;
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext: string | undefined;
  readonly payload: Buffer;
}

/** A listening Runtime API. */
export interface RuntimeApi {
  /** `127.0.0.1:<port>`, the value of AWS_LAMBDA_RUNTIME_API. */
  readonly address: string;
  close(): void;
}

const PREFIX = '/2018-06-01/runtime/';
/** Largest body the runtime may post (a 6 MB response plus headroom); larger is cut off and refused. */
const MAX_POST_BYTES = 8 * 1024 * 1024;

/** Starts a Runtime API on a free loopback port. */
export async function startRuntimeApi(handler: RuntimeApiHandler): Promise<RuntimeApi> {
  const server: Server = createServer((req, res) => route(handler, req, res));
  // The runtime holds one keep-alive connection for its whole life; never time it out.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close() {
      server.close();
      server.closeAllConnections();
    },
  };
}

/** Writes an event as the `/next` response, with the headers Lambda sends. */
export function sendEvent(res: ServerResponse, event: RuntimeEvent): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': event.payload.length,
    'Lambda-Runtime-Aws-Request-Id': event.requestId,
    'Lambda-Runtime-Deadline-Ms': event.deadlineMs,
    'Lambda-Runtime-Invoked-Function-Arn': event.invokedFunctionArn,
    'Lambda-Runtime-Trace-Id': event.traceId,
  };
  if (event.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = event.clientContext;
  res.writeHead(200, headers);
  res.end(event.payload);
}

function route(handler: RuntimeApiHandler, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(PREFIX)) return answer(res, 404, { errorMessage: 'Not found', errorType: 'NotFound' });
  const rest = path.slice(PREFIX.length);
  if (req.method === 'GET' && rest === 'invocation/next') {
    handler.next(res, req.headers['user-agent']);
    return;
  }
  if (req.method !== 'POST') return answer(res, 405, { errorMessage: 'Method not allowed', errorType: 'MethodNotAllowed' });
  const errorType = header(req, 'lambda-runtime-function-error-type');
  readBody(req, (body, truncated) => {
    const reply: Reply = (status, doc) => answer(res, status, doc);
    if (truncated) return reply(413, { errorMessage: 'Payload too large', errorType: 'RequestEntityTooLarge' });
    if (rest === 'init/error') return handler.initError(body, errorType, reply);
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (!match) return reply(404, { errorMessage: 'Not found', errorType: 'NotFound' });
    const requestId = decodeURIComponent(match[1] as string);
    if (match[2] === 'response') handler.response(requestId, body, reply);
    else handler.error(requestId, body, errorType, reply);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage, done: (body: Buffer, truncated: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_POST_BYTES) truncated = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks), truncated));
  req.on('error', () => done(Buffer.alloc(0), true));
}

function answer(res: ServerResponse, status: number, doc: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(doc);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Which client polled `/next`: aws-lambda-ric's native client sends `AWS_Lambda_Cpp/<version>`. */
export function clientFromUserAgent(userAgent: string | undefined): RuntimeClientName | undefined {
  if (userAgent?.startsWith('AWS_Lambda_Cpp/')) return 'aws-lambda-ric';
  if (userAgent?.startsWith('wasm-lambda-bench-fallback-ric/')) return 'fallback';
  return undefined;
}

/** The `errorType` of an error document the runtime posted, if it has one. */
export function errorTypeOf(body: Buffer): string {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    return typeof doc.errorType === 'string' ? doc.errorType : 'Unhandled';
  } catch {
    return 'Unhandled';
  }
}

/** An X-Ray trace header value (not sampled: there is no X-Ray here). */
export function traceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epoch}-${randomHex(12)};Parent=${randomHex(8)};Sampled=0`;
}

/**
 * Random bytes as hex, cut from a pool filled 4 KB at a time. Each trace id
 * is on the path of an invocation, and one randomBytes call there cost
 * ~20 µs in profiles on the project machine (the getrandom syscall); the pool
 * pays that once per ~200 invocations, as Node's own randomUUID does.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.toString('hex', poolOffset - bytes, poolOffset);
}
