/**
 * Test fixture: a Lambda-API endpoint that implements only part of the API,
 * as emulators other than ours do (serverless-offline serves Invoke and
 * little else). It forwards `POST /2015-03-31/functions/{name}/invocations`
 * to a real Lambda endpoint (the local Lambda started by the test) and answers
 * every other route, the local Lambda's `/_local/status` included, with the
 * 404 page of a web framework (no Lambda error type).
 *
 * `logTail: false` also drops `X-Amz-Log-Result` from Invoke answers (no
 * REPORT); `logTail: true` keeps it, so only the control plane is missing
 * (GetFunction, UpdateFunctionConfiguration: no deploy, no forced cold start).
 *
 * Run by hand for an end-to-end bench against it:
 *   npx tsx lambda/measure/invoke-only.fixture.ts <lambda endpoint URL> [port] [--log-tail]
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

/** A running fixture endpoint. */
export interface InvokeOnlyEndpoint {
  readonly url: string;
  /** Requests it answered, as "METHOD /path → status", in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const INVOKE_ROUTE = /^\/2015-03-31\/functions\/[^/]+\/invocations$/;
/** The answer of a web framework to a route it does not have (hapi's, as serverless-offline sends it). */
const NOT_FOUND = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Not Found' });

function forward(target: URL, req: IncomingMessage, res: ServerResponse, logTail: boolean, done: (status: number) => void): void {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
  // An endpoint without log tails ignores the request for one.
  if (!logTail) delete headers['x-amz-log-type'];
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
    const out = { ...answer.headers };
    if (!logTail) delete out['x-amz-log-result'];
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
    done(answer.statusCode ?? 502);
  });
  upstream.on('error', () => {
    res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'upstream failed' }));
    done(502);
  });
  req.pipe(upstream);
}

/** Starts the fixture on 127.0.0.1 in front of `target` (a Lambda API URL). */
export async function startInvokeOnly(
  target: string,
  options: { readonly logTail: boolean; readonly port?: number; /** false: not even Invoke (every route 404). */ readonly invoke?: boolean },
): Promise<InvokeOnlyEndpoint> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const line = `${req.method} ${path}`;
    if (options.invoke !== false && req.method === 'POST' && INVOKE_ROUTE.test(path)) {
      forward(upstream, req, res, options.logTail, (status) => requests.push(`${line} → ${status}`));
      return;
    }
    req.resume();
    res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end(NOT_FOUND);
    requests.push(`${line} → 404`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fixture has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [target, port] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (target === undefined) {
    process.stderr.write('usage: npx tsx lambda/measure/invoke-only.fixture.ts <lambda endpoint URL> [port] [--log-tail]\n');
    process.exit(2);
  }
  const endpoint = await startInvokeOnly(target, { logTail: process.argv.includes('--log-tail'), ...(port ? { port: Number(port) } : {}) });
  process.stdout.write(`invoke-only endpoint ${endpoint.url} → ${target}\n`);
  const stop = (): void => void endpoint.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
