/**
 * The local Lambda, driven only through @aws-sdk/client-lambda (plus, for
 * shutdown, the CLI's process and the OS): deploy from a zip, cold and warm
 * invocations, updates, every way an invocation can fail, concurrency,
 * invocation types, API errors, CPU throttling, the fallback runtime client.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand, ListTagsCommand, PutFunctionConcurrencyCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handlerZip, reportNumber } from './handlers.fixture.js';

import { startLocalLambda } from './server.js';
import { ROLE, ZIP, clientFor, deploy, invoke, rejection, releaseFile, busyEnvironments, waitFor, cpuQuotaOf, stateBecomes, diesWithin } from './local-lambda.fixture.js';
import type { LocalLambda } from './types.js';

const REQUIRE_RIC = process.env.WLB_REQUIRE_RIC === '1';

/**
 * Billed Duration is the unrounded time rounded up to 1 ms, but REPORT prints each time rounded (text to
 * 0.01 ms, JSON to 0.001 ms), so a printed 1.00 ms may have been 1.004 ms and billed as 2 ms: the bill
 * must be the ceiling of some sum within half a step per printed figure.
 */
function expectBilledFrom(billedMs: number, printed: readonly number[], halfStep: number): void {
  const sum = printed.reduce((a, b) => a + b, 0);
  const slack = halfStep * printed.length;
  expect(Number.isInteger(billedMs)).toBe(true);
  expect(billedMs).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(sum - slack)));
  expect(billedMs).toBeLessThanOrEqual(Math.max(1, Math.ceil(sum + slack))); // timed-assertion-ok: REPORT's own figures checked against each other, not a speed
}

/** The text REPORT's Billed Duration in ms, after checking it reads "<integer> ms". */
function billedOf(report: Map<string, string>): number {
  const billed = report.get('Billed Duration') ?? '';
  expect(billed).toMatch(/^\d+ ms$/);
  return Number.parseInt(billed, 10);
}

describe('local Lambda (aws-lambda-ric when installed, else the fallback client; cgroups where available)', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;

  beforeAll(async () => {
    lambda = await startLocalLambda({ notice: () => undefined });
    client = clientFor(lambda.endpoint, lambda.credentials);
  });

  it.runIf(REQUIRE_RIC)('uses aws-lambda-ric when WLB_REQUIRE_RIC=1', () => {
    expect(lambda.status().runtimeClient).toBe('aws-lambda-ric');
  });
  afterAll(async () => {
    client?.destroy();
    await lambda?.close();
  });

  it('creates a function from a zip: Pending, then Active through the V2 waiter; CodeSha256 as AWS computes it', async () => {
    const created = await client.send(new CreateFunctionCommand({
      FunctionName: 'echo', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.echo', Code: { ZipFile: ZIP },
      MemorySize: 1769, Environment: { Variables: { MARK: 'one' } }, Tags: { suite: 'local-lambda' }, Architectures: ['arm64'],
    }));
    expect(created.State).toBe('Pending');
    expect(created.CodeSha256).toBe(createHash('sha256').update(ZIP).digest('base64'));
    expect(created.CodeSize).toBe(ZIP.length);
    expect(created.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:echo');
    const waited = await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: 'echo' });
    expect(waited.state).toBe('SUCCESS');
    const got = await client.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    expect(got.Configuration?.State).toBe('Active');
    expect(got.Configuration?.LastUpdateStatus).toBe('Successful');
    expect(got.Configuration?.Architectures).toEqual(['arm64']);
    expect(got.Tags).toEqual({ suite: 'local-lambda' });
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: created.FunctionArn }));
    expect(config.Environment?.Variables).toEqual({ MARK: 'one' });
    expect(config.Timeout).toBe(3);
    const listed = await client.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('echo');
    const tags = await client.send(new ListTagsCommand({ Resource: created.FunctionArn }));
    expect(tags.Tags).toEqual({ suite: 'local-lambda' });
  });

  it('invokes cold, then warm: Init Duration only on the first REPORT, one environment reused', async () => {
    const cold = await invoke(client, 'echo', { n: 1 });
    expect(cold.raw.StatusCode).toBe(200);
    expect(cold.raw.FunctionError).toBeUndefined();
    expect(cold.raw.ExecutedVersion).toBe('$LATEST');
    const body = cold.body as Record<string, unknown>;
    expect(body.event).toEqual({ n: 1 });
    expect(body.mark).toBe('one');
    expect(body.memoryLimitInMB).toBe('1769');
    expect(body.functionName).toBe('echo');
    expect(body.handlerEnv).toBe('index.echo');
    expect(body.cwdIsTaskRoot).toBe(true);
    expect(body.remainingMs).toBeGreaterThan(0);
    const requestId = cold.raw.$metadata.requestId as string;
    expect(cold.log).toMatch(new RegExp(`^INIT_START Runtime Version: nodejs:\\d+\\.local\tRuntime Version ARN: .*local-${lambda.status().runtimeClient}-node`));
    expect(cold.log).toContain(`START RequestId: ${requestId} Version: $LATEST\n`);
    expect(cold.log).toContain(`\t${requestId}\tINFO\techo {"n":1}\n`);
    expect(cold.log).toContain(`END RequestId: ${requestId}\n`);
    expect(cold.report.get('RequestId')).toBe(requestId);
    const init = reportNumber(cold.report, 'Init Duration');
    const duration = reportNumber(cold.report, 'Duration') ?? NaN;
    expect(init).toBeGreaterThan(0);
    expectBilledFrom(billedOf(cold.report), [duration, init ?? NaN], 0.005);
    expect(cold.report.get('Memory Size')).toBe('1769 MB');
    expect(reportNumber(cold.report, 'Max Memory Used')).toBeGreaterThan(10);
    expect(cold.report.has('Status')).toBe(false);

    const warm = await invoke(client, 'echo', { n: 2 });
    expect((warm.body as Record<string, unknown>).environmentId).toBe(body.environmentId);
    expect(warm.log).not.toContain('INIT_START');
    expect(warm.report.has('Init Duration')).toBe(false);
    expectBilledFrom(billedOf(warm.report), [reportNumber(warm.report, 'Duration') ?? NaN], 0.005);
  });

  it('retires environments on UpdateFunctionConfiguration: the next invocation is cold and sees the change', async () => {
    await deploy(client, 'reconfigured', 'echo', { Environment: { Variables: { MARK: 'one' } } });
    const before = (await invoke(client, 'reconfigured')).body as Record<string, unknown>;
    const updated = await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'reconfigured', Environment: { Variables: { MARK: 'two' } } }));
    expect(updated.LastUpdateStatus).toBe('InProgress');
    const waited = await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 20 }, { FunctionName: 'reconfigured' });
    expect(waited.state).toBe('SUCCESS');
    const after = await invoke(client, 'reconfigured');
    expect(after.report.has('Init Duration')).toBe(true);
    expect((after.body as Record<string, unknown>).mark).toBe('two');
    expect((after.body as Record<string, unknown>).environmentId).not.toBe(before.environmentId);
  });

  it('serves new code after UpdateFunctionCode, from a new environment', async () => {
    await deploy(client, 'recoded', 'echo');
    const before = (await invoke(client, 'recoded')).body as Record<string, unknown>;
    const zip = handlerZip({ 'v2.mjs': 'export const handler = async () => "v2";' });
    const updated = await client.send(new UpdateFunctionCodeCommand({ FunctionName: 'recoded', ZipFile: zip }));
    expect(updated.LastUpdateStatus).toBe('InProgress');
    expect(updated.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 20 }, { FunctionName: 'recoded' });
    const sameHandler = await invoke(client, 'recoded');
    expect(sameHandler.report.has('Init Duration')).toBe(true);
    expect((sameHandler.body as Record<string, unknown>).environmentId).not.toBe(before.environmentId);
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'recoded', Handler: 'v2.handler' }));
    await waitUntilFunctionUpdatedV2({ client, maxWaitTime: 20 }, { FunctionName: 'recoded' });
    const result = await invoke(client, 'recoded');
    expect(result.body).toBe('v2');
  });

  it('returns a thrown error as Unhandled with the error document; the environment stays warm', async () => {
    await deploy(client, 'boom', 'boom');
    const first = await invoke(client, 'boom');
    expect(first.raw.StatusCode).toBe(200);
    expect(first.raw.FunctionError).toBe('Unhandled');
    expect(first.body).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(first.log).toContain('\tERROR\tInvoke Error');
    expect(first.report.has('Status')).toBe(false);
    const second = await invoke(client, 'boom');
    expect(second.raw.FunctionError).toBe('Unhandled');
    expect(second.report.has('Init Duration')).toBe(false);
  });

  it('kills a timed-out environment: Sandbox.Timedout, Status: timeout, next invocation cold', async () => {
    await deploy(client, 'slow', 'sleepy', { Timeout: 1 });
    const result = await invoke(client, 'slow', { ms: 5000 });
    expect(result.raw.FunctionError).toBe('Unhandled');
    expect(result.body).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${result.raw.$metadata.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(result.log).toContain('Task timed out after 1.00 seconds');
    expect(result.report.get('Status')).toBe('timeout');
    expect(reportNumber(result.report, 'Duration')).toBeGreaterThanOrEqual(1000);
    const next = await invoke(client, 'slow', { ms: 1 });
    expect(next.raw.FunctionError).toBeUndefined();
    expect(next.report.has('Init Duration')).toBe(true);
  });

  it('reports process.exit as Runtime.ExitError with the exit status', async () => {
    await deploy(client, 'quitter', 'exit');
    const result = await invoke(client, 'quitter', { code: 3 });
    const requestId = result.raw.$metadata.requestId as string;
    expect(result.raw.FunctionError).toBe('Unhandled');
    expect(result.body).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status 3` });
    expect(result.log).toContain(`RequestId: ${requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n`);
    expect(result.report.get('Status')).toBe('error');
    expect(result.report.get('Error Type')).toBe('Runtime.ExitError');
  });

  it('reports a missing handler module as Runtime.ImportModuleError', async () => {
    await client.send(new CreateFunctionCommand({ FunctionName: 'missing', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'nope.handler', Code: { ZipFile: ZIP }, MemorySize: 1769 }));
    await waitUntilFunctionActiveV2({ client, maxWaitTime: 20 }, { FunctionName: 'missing' });
    const result = await invoke(client, 'missing');
    expect(result.raw.FunctionError).toBe('Unhandled');
    expect(result.body).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    expect(result.log).toMatch(/INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError/);
  });

  it('ends an environment that allocates past its memory size with Runtime.OutOfMemory', async (ctx) => {
    ctx.skip(lambda.status().memoryLimit === 'none', 'no writable memory cgroup (v1 or v2): off-heap memory is bounded only by the memory cgroup');
    await deploy(client, 'hog', 'offheap', { MemorySize: 128 });
    const result = await invoke(client, 'hog');
    expect(result.raw.FunctionError).toBe('Unhandled');
    expect(result.body).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(result.report.get('Status')).toBe('error');
    expect(result.report.get('Error Type')).toBe('Runtime.OutOfMemory');
    expect(result.report.get('Max Memory Used')).toBe('128 MB');
  });

  it('gives concurrent invocations separate cold environments, then reuses them warm', async () => {
    await deploy(client, 'parallel', 'hold', { Timeout: 60 });
    const release = releaseFile('parallel');
    // Held until all three are busy at once: they overlap by construction, not because a sleep outlasted a cold start.
    const pending = [1, 2, 3].map(() => invoke(client, 'parallel', { release }));
    expect(await waitFor(() => busyEnvironments(lambda, 'parallel') === 3)).toBe(true);
    writeFileSync(release, '');
    const first = await Promise.all(pending);
    rmSync(release);
    const ids = new Set(first.map((r) => (r.body as { environmentId: string }).environmentId));
    expect(ids.size).toBe(3);
    for (const r of first) expect(r.report.has('Init Duration')).toBe(true);
    const again = await invoke(client, 'parallel', { release: '/' });
    expect(ids.has((again.body as { environmentId: string }).environmentId)).toBe(true);
    expect(again.report.has('Init Duration')).toBe(false);
  });

  it('answers Event with 202 and runs it in the background; DryRun with 204', async () => {
    await deploy(client, 'toucher', 'touch');
    const path = join(tmpdir(), `local-lambda-event-${process.pid}-${Date.now()}`);
    const event = await client.send(new InvokeCommand({ FunctionName: 'toucher', InvocationType: 'Event', Payload: JSON.stringify({ path }) }));
    expect(event.StatusCode).toBe(202);
    expect(event.Payload?.length ?? 0).toBe(0);
    const deadline = Date.now() + 15_000;
    while (!existsSync(path) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f-]{36}$/);
    rmSync(path);
    const dry = await client.send(new InvokeCommand({ FunctionName: 'toucher', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
  });

  it('throttles with 429 TooManyRequestsException when reserved concurrency is exhausted', async () => {
    await deploy(client, 'limited', 'hold', { Timeout: 60 });
    await client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 1 }));
    const release = releaseFile('limited');
    // The first invocation is held busy until the second has been refused: the overlap is certain.
    const held = invoke(client, 'limited', { release });
    expect(await waitFor(() => busyEnvironments(lambda, 'limited') === 1)).toBe(true);
    const refused = await rejection(invoke(client, 'limited', { release }));
    writeFileSync(release, '');
    const served = await held;
    rmSync(release);
    expect(served.raw.FunctionError).toBeUndefined();
    expect(refused.error).toMatchObject({ name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(refused.status).toBe(429);
  });

  it('answers unknown functions with 404, duplicates with 409, oversized payloads with 413, bad values with 400', async () => {
    await deploy(client, 'target', 'echo');
    const missingInvoke = await rejection(client.send(new InvokeCommand({ FunctionName: 'nobody' })));
    expect([missingInvoke.name, missingInvoke.status]).toEqual(['ResourceNotFoundException', 404]);
    const missingGet = await rejection(client.send(new GetFunctionCommand({ FunctionName: 'nobody' })));
    expect([missingGet.name, missingGet.status]).toEqual(['ResourceNotFoundException', 404]);
    const qualified = await rejection(client.send(new InvokeCommand({ FunctionName: 'target', Qualifier: 'v1' })));
    expect([qualified.name, qualified.status]).toEqual(['ResourceNotFoundException', 404]);
    const duplicate = await rejection(deploy(client, 'target', 'echo'));
    expect([duplicate.name, duplicate.status]).toEqual(['ResourceConflictException', 409]);
    const big = await rejection(client.send(new InvokeCommand({ FunctionName: 'target', Payload: JSON.stringify({ s: 'x'.repeat(6 * 1024 * 1024) }) })));
    expect([big.name, big.status]).toEqual(['RequestTooLargeException', 413]);
    const notJson = await rejection(client.send(new InvokeCommand({ FunctionName: 'target', Payload: new TextEncoder().encode('{not json') })));
    expect([notJson.name, notJson.status]).toEqual(['InvalidRequestContentException', 400]);
    const tiny = await rejection(deploy(client, 'tiny', 'echo', { MemorySize: 64 }));
    expect([tiny.name, tiny.status]).toEqual(['ValidationException', 400]);
    const python = await rejection(deploy(client, 'py', 'echo', { Runtime: 'python3.12' }));
    expect([python.name, python.status]).toEqual(['InvalidParameterValueException', 400]);
  });

  it('returns only the last 4 KB of the log in X-Amz-Log-Result, ending with REPORT', async () => {
    await deploy(client, 'chatty', 'chatty');
    const result = await invoke(client, 'chatty');
    expect(Buffer.byteLength(result.log)).toBeLessThanOrEqual(4096);
    expect(result.log.startsWith('INIT_START')).toBe(false);
    expect(result.log).toMatch(/\nREPORT RequestId: [^\n]+\n$/);
  });

  it('writes platform.report records when LoggingConfig.LogFormat is JSON', async () => {
    await deploy(client, 'jsonlog', 'echo', { LoggingConfig: { LogFormat: 'JSON' } });
    const result = await invoke(client, 'jsonlog', { k: 1 });
    const records = result.log.trim().split('\n').map((line) => JSON.parse(line) as { type?: string; record?: unknown; level?: string });
    const report = records.find((r) => r.type === 'platform.report')?.record as { requestId: string; metrics: Record<string, number>; status: string };
    expect(report.requestId).toBe(result.raw.$metadata.requestId);
    expect(report.status).toBe('success');
    expect(report.metrics.memorySizeMB).toBe(1769);
    expect(report.metrics.initDurationMs).toBeGreaterThan(0);
    expectBilledFrom(report.metrics.billedDurationMs ?? NaN, [report.metrics.durationMs ?? NaN, report.metrics.initDurationMs ?? NaN], 0.0005);
    expect(records.some((r) => r.level === 'INFO')).toBe(true);
  });

  it('gives an environment memorySize/1769 of a core: the CFS quota of the cgroup its runtime is in, as the kernel reads it', async (ctx) => {
    const mode = lambda.status().cpuLimit;
    if (mode === 'none') return ctx.skip('no writable cpu cgroup (v1 or v2): environments run unthrottled (cpuLimit none)');
    // What the quota does to a CPU-bound handler on real time is measured, not asserted: npx tsx lambda/local/diagnose.ts.
    for (const memoryMb of [128, 1769, 3008]) {
      await deploy(client, `quota${memoryMb}`, 'echo', { MemorySize: memoryMb });
      const { pid } = (await invoke(client, `quota${memoryMb}`)).body as { pid: number };
      // 1 vCPU per 1,769 MB (AWS), as µs of a 100 ms CFS period: 7,236 µs at 128 MB, a whole period at 1,769 MB.
      expect(cpuQuotaOf(pid, mode), `${memoryMb} MB`).toEqual({ quotaUs: Math.round((memoryMb * 100_000) / 1769), periodUs: 100_000 });
    }
  });

  it('freezes an idle environment once another one gets work, and thaws it for its next event', async () => {
    await deploy(client, 'freeze-a', 'echo');
    await deploy(client, 'freeze-b', 'echo');
    await invoke(client, 'freeze-b'); // cold start out of the way
    const { pid } = (await invoke(client, 'freeze-a')).body as { pid: number };
    await invoke(client, 'freeze-b');
    // Frozen means stopped (state T, SIGSTOP of its group). Waited for, not read once: the kernel stops
    // the process asynchronously, and on a loaded machine A may reach its /next poll only after B's
    // invocation ended, when the freeze comes after the grace (freezer.ts) instead of at once.
    expect(await stateBecomes(pid, 'T')).toBe('T');
    // A stopped runtime cannot take an event: the same process answering, warm, is the thaw. (Its state
    // now says nothing: idle again, it may already be frozen again after the grace.)
    const again = await invoke(client, 'freeze-a');
    expect((again.body as { pid: number }).pid).toBe(pid);
    expect(again.report.has('Init Duration')).toBe(false);
  });

  it('deletes a function: it is gone from Get and List and its environment is stopped', async () => {
    await deploy(client, 'doomed', 'echo');
    const { pid } = (await invoke(client, 'doomed')).body as { pid: number };
    await client.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    const gone = await rejection(client.send(new GetFunctionCommand({ FunctionName: 'doomed' })));
    expect(gone.status).toBe(404);
    const listed = await client.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).not.toContain('doomed');
    expect(await diesWithin(pid, 5000)).toBe(true);
  });
});

describe('local Lambda with the fallback runtime client, no cgroups, 1 s idle timeout', () => {
  let lambda: LocalLambda;
  let client: LambdaClient;

  beforeAll(async () => {
    lambda = await startLocalLambda({ runtimeClient: 'fallback', cgroups: 'off', idleTimeoutMs: 1000, notice: () => undefined });
    client = clientFor(lambda.endpoint, lambda.credentials);
  });
  afterAll(async () => {
    client?.destroy();
    await lambda?.close();
  });

  it('records the fallback client and cpuLimit none, and serves cold, warm and failing invocations the same way', async () => {
    expect(lambda.status()).toMatchObject({ cpuLimit: 'none', runtimeClient: 'fallback' });
    await deploy(client, 'echo', 'echo');
    const cold = await invoke(client, 'echo', { a: 1 });
    expect(cold.log).toMatch(/^INIT_START .*local-fallback/);
    expect(cold.log).toContain(`\t${cold.raw.$metadata.requestId}\tINFO\techo {"a":1}\n`);
    expect(cold.report.has('Init Duration')).toBe(true);
    const warm = await invoke(client, 'echo', { a: 2 });
    expect((warm.body as { environmentId: string }).environmentId).toBe((cold.body as { environmentId: string }).environmentId);
    expect(warm.report.has('Init Duration')).toBe(false);
    expect(lambda.status().environments[0]?.runtimeClient).toBe('fallback');
    await deploy(client, 'boom', 'boom');
    const failed = await invoke(client, 'boom');
    expect(failed.raw.FunctionError).toBe('Unhandled');
    expect(failed.body).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('evicts an environment idle past the idle timeout: the next invocation is cold', async () => {
    await deploy(client, 'idler', 'echo');
    const first = await invoke(client, 'idler');
    // Waits for the eviction (generous bound), instead of sleeping a little past the timeout and hoping it ran.
    expect(await waitFor(() => !lambda.status().environments.some((e) => e.functionName === 'idler'))).toBe(true);
    const later = await invoke(client, 'idler');
    expect(later.report.has('Init Duration')).toBe(true);
    expect((later.body as { environmentId: string }).environmentId).not.toBe((first.body as { environmentId: string }).environmentId);
  });

  it('stops a JS heap past the memory size through V8 limits set as Lambda sets them: Runtime.OutOfMemory', async () => {
    await deploy(client, 'heap', 'heap', { MemorySize: 128 });
    const result = await invoke(client, 'heap');
    expect(result.body).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(result.report.get('Error Type')).toBe('Runtime.OutOfMemory');
  });
});
