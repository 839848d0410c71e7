/**
 * Every way a Lambda API call fails, against real loopback servers started
 * here: one that accepts and never answers, one that resets the connection,
 * a closed port, one answering 404 to every path; plus a missing AWS profile
 * (config files only, no network). Each becomes one line naming the call
 * and the cause, and the hanging one ends at its deadline instead of never.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeApiError, unavailableReason, withDeadline, type ApiFailure } from './api-errors.js';
import { invokeTimed, newCounters } from './invoke.js';
import { probeEndpoint } from './session.js';
import { awsEndpoint, checkAwsProfile, lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { getFunction } from '../deploy/deploy.js';
import { teardown } from '../deploy/teardown.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const QUICK_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

/** A client with short timeouts, so the tests wait half a second, not the real limits. */
function shortClient(url: string): LambdaClient {
  return new LambdaClient({
    region: 'us-east-1', endpoint: url, credentials: CREDENTIALS, maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 500, throwOnRequestTimeout: true },
  });
}

async function listen(server: Server | HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function failureOf(api: string, run: () => Promise<unknown>): Promise<ApiFailure> {
  try {
    await run();
  } catch (error) {
    return describeApiError(api, error, { requestTimeoutMs: 500, connectTimeoutMs: 500 });
  }
  throw new Error(`${api} did not fail`);
}

describe('Lambda API failures, named', () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  const resetting = createServer((socket) => socket.once('data', () => socket.destroy()));
  const notFound = createHttpServer((req, res) => {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"Not Found"}');
  });
  const textNotFound = createHttpServer((req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found'));
  const typedNotFound = createHttpServer((req, res) => {
    res.writeHead(404, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ResourceNotFoundException' });
    res.end('{"Type":"User","Message":"Function not found: x"}');
  });
  const urls: Record<string, string> = {};
  const clients: LambdaClient[] = [];
  const client = (url: string): LambdaClient => {
    const c = shortClient(url);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    urls.silent = await listen(silent);
    urls.resetting = await listen(resetting);
    urls.notFound = await listen(notFound);
    urls.textNotFound = await listen(textNotFound);
    urls.typedNotFound = await listen(typedNotFound);
    // A port that was free a moment ago and is closed now: connections are refused.
    const closed = createServer();
    urls.refused = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of sockets) s.destroy();
    await Promise.all([silent, resetting, notFound, textNotFound, typedNotFound].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('an endpoint that accepts and never answers: a request timeout, not retried', async () => {
    const counters = newCounters();
    const outcome = await invokeTimed(client(urls.silent as string), 'f', Buffer.from('{}'), counters, QUICK_RETRY, { requestTimeoutMs: 500 });
    expect(outcome.state).toBe('errored');
    if (outcome.state === 'errored') {
      expect(outcome.error).toBe('Invoke → no answer within 0.5 s (request timeout)');
      expect(outcome.failure?.cause).toBe('timeout');
    }
    // It already waited a whole attempt: no retry multiplies that.
    expect(counters).toEqual({ retries: 0, throttles: 0, serverErrors: 0, networkErrors: 1 });
  });

  it('the same endpoint at session open: the probe ends at its deadline, SDK retries included', async () => {
    const control = lambdaClient(urlEndpoint('endpoint', urls.silent as string), { timed: false });
    clients.push(control);
    const failure = await failureOf('ListFunctions', () => probeEndpoint(control, 1_000));
    expect(failure.message).toBe('ListFunctions → no answer within 1 s (step deadline, retries included)');
    expect(failure.cause).toBe('deadline');
  });

  it('a step deadline ends a step that ignores its abort signal', async () => {
    const failure = await failureOf('waitUntilFunctionUpdatedV2', () => withDeadline('waitUntilFunctionUpdatedV2', 200, () => new Promise(() => undefined)));
    expect(failure.message).toBe('waitUntilFunctionUpdatedV2 → no answer within 0.2 s (step deadline, retries included)');
  });

  it('a reset connection is a reset (the SDK calls it TimeoutError), retried and counted', async () => {
    const counters = newCounters();
    const outcome = await invokeTimed(client(urls.resetting as string), 'f', Buffer.from('{}'), counters, QUICK_RETRY);
    expect(outcome.state).toBe('errored');
    if (outcome.state === 'errored') {
      expect(outcome.error).toMatch(/^Invoke → connection reset by the endpoint \(ECONNRESET: socket hang up\) \(after 3 attempts over [\d.]+ s\)$/);
      expect(outcome.error).not.toMatch(/TimeoutError/);
    }
    expect(counters).toEqual({ retries: 2, throttles: 0, serverErrors: 0, networkErrors: 3 });
  });

  it('a closed port is a refused connection', async () => {
    const failure = await failureOf('GetFunction', () => client(urls.refused as string).send(new GetFunctionCommand({ FunctionName: 'f' })));
    expect(failure.cause).toBe('refused');
    expect(failure.message).toMatch(/^GetFunction → connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
  });

  it('404 to a route the endpoint lacks is a missing API; ResourceNotFoundException is not', async () => {
    const missing = await failureOf('GetFunction', () => client(urls.notFound as string).send(new GetFunctionCommand({ FunctionName: 'f' })));
    expect(missing).toMatchObject({ httpStatus: 404, missingApi: true, message: 'GetFunction → HTTP 404: Not Found' });
    expect(unavailableReason(missing)).toBe('not available from this endpoint: GetFunction → HTTP 404');
    const text = await failureOf('GetFunction', () => client(urls.textNotFound as string).send(new GetFunctionCommand({ FunctionName: 'f' })));
    expect(text).toMatchObject({ httpStatus: 404, missingApi: true, message: 'GetFunction → HTTP 404: the answer is not Lambda API JSON' });
    const typed = await failureOf('GetFunction', () => client(urls.typedNotFound as string).send(new GetFunctionCommand({ FunctionName: 'f' })));
    expect(typed).toMatchObject({ httpStatus: 404, missingApi: false, errorType: 'ResourceNotFoundException' });
    expect(typed.message).toBe('GetFunction → HTTP 404 ResourceNotFoundException: Function not found: x');
  });

  it('deploy and teardown name their calls: GetFunction 404 is a missing API, ListFunctions on a closed port is refused', async () => {
    const notFoundControl = lambdaClient(urlEndpoint('endpoint', urls.notFound as string), { timed: false });
    const refusedControl = lambdaClient(urlEndpoint('endpoint', urls.refused as string), { timed: false });
    clients.push(notFoundControl, refusedControl);
    await expect(getFunction(notFoundControl, 'f')).rejects.toMatchObject({ message: 'GetFunction → HTTP 404: Not Found', failure: { missingApi: true, httpStatus: 404 } });
    // A function that does not exist is not an error of the endpoint: getFunction says "absent".
    const typedControl = lambdaClient(urlEndpoint('endpoint', urls.typedNotFound as string), { timed: false });
    clients.push(typedControl);
    await expect(getFunction(typedControl, 'f')).resolves.toBeUndefined();
    await expect(teardown(refusedControl, 'wlb-')).rejects.toThrow(/^ListFunctions → connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
  });

  it('a probe that gets any HTTP answer, even 404, opens the session', async () => {
    const control = lambdaClient(urlEndpoint('endpoint', urls.notFound as string), { timed: false });
    clients.push(control);
    await expect(probeEndpoint(control, 5_000)).resolves.toBeUndefined();
  });
});

describe('AWS profile and credentials', () => {
  const saved = { ...process.env };
  let dir: string;
  afterEach(() => {
    for (const key of ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_REGION']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('AWS_PROFILE=nosuchprofile says the profile is missing, not "no AWS region"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wlb-aws-'));
    writeFileSync(join(dir, 'config'), '[default]\nregion = eu-west-1\n[profile other]\nregion = us-east-1\n');
    writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = a\naws_secret_access_key = b\n');
    Object.assign(process.env, {
      AWS_PROFILE: 'nosuchprofile', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_REGION;
    const expected = `AWS profile "nosuchprofile" (AWS_PROFILE) not found in ${join(dir, 'config')} or ${join(dir, 'credentials')}`;
    await expect(checkAwsProfile()).rejects.toThrow(expected);
    await expect(awsEndpoint(undefined)).rejects.toThrow(expected);
    await expect(awsEndpoint('us-east-1')).rejects.toThrow(expected);
    // A profile that exists passes, from either file.
    process.env.AWS_PROFILE = 'other';
    await expect(checkAwsProfile()).resolves.toBeUndefined();
    process.env.AWS_PROFILE = 'default';
    await expect(checkAwsProfile()).resolves.toBeUndefined();
    // Its region and keys resolve from the files, without any request.
    await expect(awsEndpoint(undefined)).resolves.toMatchObject({ kind: 'aws', region: 'eu-west-1', label: 'aws:eu-west-1' });
  });
});
