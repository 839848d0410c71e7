/**
 * Warm-up accounting of measureFunctions against the local Lambda: warm-up
 * rounds run at least `warmup` times and then on until the run's timed
 * client has made its target number of calls; `warmup: 0` runs none; every
 * warm-up output is still checked.
 */
import { createServer, type Socket } from 'node:net';
import { CreateFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import type { LocalLambda } from '../local/types.js';
import { checkOutcome, measureFunctions, newClientWarmth, type ClientWarmth, type SamplingPlan } from './sampling.js';
import { parseReportLine } from '../report-line.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { openSession, type LambdaSession } from './session.js';

const ANSWER = { outputSha256: 'ab'.repeat(32), outputBytes: 3, handlerNs: 1000 };
const EXPECTED = { sha256: ANSWER.outputSha256, bytes: ANSWER.outputBytes };
const EVENT = Buffer.from('{}');

describe('measureFunctions warm-up', () => {
  let local: LocalLambda;
  let session: LambdaSession;
  beforeAll(async () => {
    // The session finds the credential as it would a standalone server's: in this user's file.
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
    session = await openSession(lambdaOptionsFrom({ endpoint: local.endpoint }, true), () => undefined);
    // Answers the digest of a 3-byte output; the second function answers a wrong one after 5 calls.
    const handlers = {
      'wlbm-right': `export const handler = async () => (${JSON.stringify(ANSWER)});`,
      'wlbm-drifts': `let n = 0; export const handler = async () => ({ ...${JSON.stringify(ANSWER)}, outputBytes: ++n > 5 ? 4 : 3 });`,
      // Right length, wrong digest: from the start, and after 5 calls (during the warm samples of plan(0)).
      'wlbm-wrong-digest': `export const handler = async () => ({ ...${JSON.stringify(ANSWER)}, outputSha256: '${'cd'.repeat(32)}' });`,
      // Right until a forced cold start (the configuration change sets WLB_COLD_START), then a wrong digest of the right length.
      'wlbm-wrong-when-cold': `export const handler = async () => ({ ...${JSON.stringify(ANSWER)}, outputSha256: process.env.WLB_COLD_START ? '${'cd'.repeat(32)}' : '${ANSWER.outputSha256}' });`,
      'wlbm-digest-drifts': `let n = 0; export const handler = async () => ({ ...${JSON.stringify(ANSWER)}, outputSha256: ++n > 2 ? '${'cd'.repeat(32)}' : '${ANSWER.outputSha256}' });`,
      'wlbm-slow': `export const handler = async () => { await new Promise((r) => setTimeout(r, 30)); return ${JSON.stringify(ANSWER)}; };`,
      'wlbm-throws': `export const handler = async () => { throw new RangeError('boom'); };`,
    };
    for (const [name, source] of Object.entries(handlers)) {
      await session.control.send(new CreateFunctionCommand({
        FunctionName: name, Role: 'arn:aws:iam::000000000000:role/test', Runtime: 'nodejs20.x', Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.mjs': strToU8(source) }) }, MemorySize: 1769,
      }));
      await waitUntilFunctionActiveV2({ client: session.control, maxWaitTime: 30 }, { FunctionName: name });
    }
  });
  afterAll(async () => {
    await session?.close();
    await local?.close();
  });

  const plan = (warmup: number, client: ClientWarmth): SamplingPlan => ({ warm: 2, environments: 1, warmup, client, cold: 0, seed: 1, maxWaitTime: 30 });

  it('goes on past the minimum rounds until the client has made its target calls, then samples', async () => {
    const client: ClientWarmth = { calls: 0, targetCalls: 12, budgetMs: 60_000 };
    const samples = await measureFunctions(session, [{ name: 'wlbm-right' }], EVENT, EXPECTED, plan(3, client), () => undefined);
    expect(client.calls).toBe(12 + 2);
    expect(samples.get('wlbm-right')?.warm.durationMs).toHaveLength(2);
    // A warm client needs only the minimum rounds.
    await measureFunctions(session, [{ name: 'wlbm-right' }], EVENT, EXPECTED, plan(3, client), () => undefined);
    expect(client.calls).toBe(14 + 3 + 2);
  });

  it('sends the client\'s extra warm-up calls to the quickest function only', async () => {
    const invocations = (name: string): number => local.status().environments.filter((e) => e.functionName === name).reduce((n, e) => n + e.invocations, 0);
    const client: ClientWarmth = { calls: 0, targetCalls: 24, budgetMs: 60_000 };
    const before = { right: invocations('wlbm-right'), slow: invocations('wlbm-slow') };
    // Which function is quicker must not depend on the machine's load: the round trip is timed on
    // a clock that reads 1 ms per call of wlbm-right and 30 ms per call of wlbm-slow.
    let called = '';
    let now = 0n;
    let ticks = 0;
    const clockNs = (): bigint => {
      ticks += 1;
      if (ticks % 2 === 0) now += called === 'wlbm-slow' ? 30_000_000n : 1_000_000n;
      return now;
    };
    const timed = session.timed;
    const naming = { send: (command: InvokeCommand, ...rest: unknown[]) => {
      called = command.input.FunctionName ?? '';
      return (timed.send as (c: InvokeCommand, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
    } } as unknown as LambdaSession['timed'];
    await measureFunctions({ ...session, timed: naming }, [{ name: 'wlbm-right' }, { name: 'wlbm-slow' }], EVENT, EXPECTED, { ...plan(2, client), clockNs }, () => undefined);
    // Priming 1 each, 2 warm-up rounds of both, 20 more to the quick one, 2 warm rounds of both.
    expect(invocations('wlbm-slow') - before.slow).toBe(1 + 2 + 2);
    expect(invocations('wlbm-right') - before.right).toBe(1 + 2 + 20 + 2);
    expect(client.calls).toBe(24 + 4);
  });

  it('runs no warm-up with warmup 0, and a wrong output during warm-up fails the function', async () => {
    const cold = newClientWarmth();
    await measureFunctions(session, [{ name: 'wlbm-right' }], EVENT, EXPECTED, plan(0, cold), () => undefined);
    expect(cold.calls).toBe(2);
    const samples = await measureFunctions(session, [{ name: 'wlbm-drifts' }], EVENT, EXPECTED, plan(10, newClientWarmth()), () => undefined);
    const drifted = samples.get('wlbm-drifts');
    expect(drifted?.error).toMatch(/output mismatch/);
    expect(drifted?.failure).toBe('wrong-output');
    expect(drifted?.warm.durationMs).toHaveLength(0);
  });

  it('catches a wrong output of the right length by its sha256, on the priming call and on a warm sample', async () => {
    const samples = await measureFunctions(session, [{ name: 'wlbm-wrong-digest' }, { name: 'wlbm-digest-drifts' }], EVENT, EXPECTED, { ...plan(0, newClientWarmth()), warm: 4 }, () => undefined);
    const wrong = samples.get('wlbm-wrong-digest');
    expect(wrong?.error).toBe(`output mismatch: handler returned sha256 ${'cd'.repeat(32)} (3 B), expected ${EXPECTED.sha256} (3 B)`);
    expect(wrong?.failure).toBe('wrong-output');
    expect(wrong?.warm.durationMs).toHaveLength(0);
    // Call 1 primes, call 2 is the first warm sample (accepted), call 3 answers the wrong digest.
    const drifted = samples.get('wlbm-digest-drifts');
    expect(drifted?.error).toMatch(/^output mismatch: handler returned sha256 (cd){32} \(3 B\)/);
    expect(drifted?.failure).toBe('wrong-output');
    expect(drifted?.warm.durationMs).toHaveLength(1);
  });

  it('catches a wrong output of the right length on a forced-cold sample', async () => {
    const samples = await measureFunctions(session, [{ name: 'wlbm-wrong-when-cold' }], EVENT, EXPECTED, { ...plan(0, newClientWarmth()), cold: 1 }, () => undefined);
    const wrong = samples.get('wlbm-wrong-when-cold');
    expect(wrong?.error).toMatch(/^output mismatch: handler returned sha256 (cd){32} \(3 B\)/);
    expect(wrong?.failure).toBe('wrong-output');
    expect(wrong?.warm.durationMs).toHaveLength(2);
    expect(wrong?.cold.durationMs).toHaveLength(0);
  });

  it('tells a function that throws (crashed) from one that answers wrongly', async () => {
    const samples = await measureFunctions(session, [{ name: 'wlbm-throws' }], EVENT, EXPECTED, plan(0, newClientWarmth()), () => undefined);
    const threw = samples.get('wlbm-throws');
    expect(threw?.error).toMatch(/^function error \(Unhandled\): .*boom/);
    expect(threw?.failure).toBe('crashed');
  });
});

describe('checkOutcome', () => {
  const report = parseReportLine('REPORT RequestId: 8f507cfc-example-4697-b07a-ac58fc914c95\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\t');
  const ok = (outputSha256: string, outputBytes: number, logTail = true) =>
    ({ state: 'completed', clientNs: 1e6, logTail, httpStatus: 200, report: logTail ? report : undefined, result: { ...ANSWER, outputSha256, outputBytes } }) as const;

  it('accepts the right digest and length, with and without a log tail', () => {
    expect(checkOutcome(ok(EXPECTED.sha256, 3), EXPECTED)).toBeUndefined();
    expect(checkOutcome(ok(EXPECTED.sha256, 3, false), EXPECTED, false)).toBeUndefined();
  });

  it('refuses a wrong digest of the right length, with and without a log tail', () => {
    const wrong = `output mismatch: handler returned sha256 ${'00'.repeat(32)} (3 B), expected ${EXPECTED.sha256} (3 B)`;
    expect(checkOutcome(ok('00'.repeat(32), 3), EXPECTED)).toBe(wrong);
    expect(checkOutcome(ok('00'.repeat(32), 3, false), EXPECTED, false)).toBe(wrong);
  });

  it('refuses the right digest with the wrong length', () => {
    expect(checkOutcome(ok(EXPECTED.sha256, 4), EXPECTED)).toMatch(/^output mismatch: .* \(4 B\), expected .* \(3 B\)$/);
  });
});

describe('measureFunctions when the endpoint stops answering', () => {
  it('stops every function at once with the reason, and later groups do not call it at all', async () => {
    // Answers 404 to anything (so the session opens), then closes: connections are refused from then on.
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const session = await openSession(lambdaOptionsFrom({ endpoint: `http://127.0.0.1:${port}` }, true), () => undefined);
    try {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      const functions = [{ name: 'first' }, { name: 'second' }, { name: 'third' }];
      const plan: SamplingPlan = { warm: 2, environments: 1, warmup: 0, client: newClientWarmth(), cold: 1, seed: 1, maxWaitTime: 30 };
      const samples = await measureFunctions(session, functions, EVENT, EXPECTED, plan, () => undefined);
      const refused = /ListFunctions → connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/;
      const first = samples.get('first');
      expect(first?.error).toMatch(/^Invoke → connection refused .*; the endpoint stopped answering \(ListFunctions → connection refused/);
      expect(first?.counters.networkErrors).toBe(6);
      expect(first?.failure).toBe('unreachable');
      for (const name of ['second', 'third']) {
        expect(samples.get(name)?.error).toMatch(new RegExp(`^not measured: the endpoint stopped answering \\(${refused.source}\\)$`));
        expect(samples.get(name)?.failure).toBe('unreachable');
        // Not one call: they were stopped before their turn.
        expect(samples.get(name)?.counters).toEqual({ retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 });
      }
      expect(session.downReason()).toMatch(refused);
      const later = await measureFunctions(session, [{ name: 'fourth' }], EVENT, EXPECTED, plan, () => undefined);
      expect(later.get('fourth')?.error).toMatch(/^not measured: the endpoint stopped answering/);
      expect(later.get('fourth')?.counters.networkErrors).toBe(0);
    } finally {
      await session.close();
    }
  });
});
