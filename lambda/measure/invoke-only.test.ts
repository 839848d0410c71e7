/**
 * The lambda placement against endpoints that implement only part of the
 * Lambda API (invoke-only.fixture.ts in front of a real local Lambda):
 * rows keep every verified figure the endpoint allows and say, per missing
 * figure, which API call answered what; nothing is INVALID for a capability gap.
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { ensureFunction } from '../deploy/deploy.js';
import { planFunctions } from '../deploy/plan.js';
import { teardown } from '../deploy/teardown.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { runLambdaPlacement } from './lambda-run.fixture.js';
import { PROBE_DEADLINE_MS } from './session.js';
import { startInvokeOnly, type InvokeOnlyEndpoint } from './invoke-only.fixture.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import { RESULT_SCHEMA } from '../../harness/contract/schema.js';
import { validateAgainstSchema } from '../../harness/run-file/validate.js';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaCompletedResult, ResultRecord } from '../../harness/contract/index.js';
import type { LocalLambda } from '../local/types.js';

const PREFIX = 'wlbio-';
const WORKLOADS = ['noop', 'sha256'];
const TARGETS = ['node', 'wasm'];

async function run(endpoint: string, extra: Record<string, string | boolean> = {}, workloads = WORKLOADS): Promise<{ rows: ResultRecord[]; notes: string[] }> {
  const lambda = lambdaOptionsFrom({ endpoint, memory: '128', prefix: PREFIX, 'lambda-samples': '3', 'lambda-warmup': '0', 'lambda-cold-samples': '1', ...extra }, true);
  const { rows, notes } = await runLambdaPlacement(lambda, workloads, TARGETS);
  // Every row, gaps included, is a valid run.json row.
  for (const row of rows) expect(validateAgainstSchema(row, RESULT_SCHEMA)).toEqual([]);
  return { rows, notes };
}

describe('lambda placement against partial Lambda APIs', () => {
  let local: LocalLambda;
  let control: LambdaClient;
  const fixtures: InvokeOnlyEndpoint[] = [];
  beforeAll(async () => {
    local = await startLocalLambda({ port: 0, notice: () => undefined });
    control = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: false });
    // The functions exist behind the fixture, deployed the ordinary way (as serverless-offline reads them from its config).
    const catalog = await loadCatalog();
    const settings = lambdaOptionsFrom({ memory: '128', prefix: PREFIX }, true);
    const plan = planFunctions(catalog.filter((e) => WORKLOADS.includes(e.definition.name)).map((e) => e.definition), TARGETS as never, settings);
    for (const f of plan.functions) await ensureFunction(control, f, { maxWaitTime: 60 });
  });
  afterAll(async () => {
    for (const f of fixtures) await f.close();
    if (control) await teardown(control, PREFIX);
    control?.destroy();
    await local?.close();
  });

  it('Invoke only, no log tail: verified client round trips, REPORT figures and deploy marked unavailable', async () => {
    const fixture = await startInvokeOnly(local.endpoint, { logTail: false });
    fixtures.push(fixture);
    const { rows, notes } = await run(fixture.url);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.state, JSON.stringify(row)).toBe('completed');
      const r = row as Omit<LambdaCompletedResult, 'lambda'> & { readonly lambda: any };
      expect(r.verified).toBe(true);
      // 3 samples in each of the 3 blocks, all in one environment: none was forced (no Init Duration could confirm it).
      expect(r.lambda.warm.samples).toBe(9);
      expect(r.lambda.warm.client.samples).toBe(9);
      expect(r.lambda.warm.environments).toStrictEqual({ count: 1, samples: [9], blocks: [0] });
      expect(r.lambda.warm.client.medianNs).toBeGreaterThan(r.lambda.warm.handler.medianNs);
      // No REPORT: no Duration-based figures at all, rather than invented ones.
      expect(r.warm).toBeUndefined();
      expect(r.lambda.maxMemoryUsedMB).toBeUndefined();
      expect(r.lambda.cost).toBeUndefined();
      expect(r.vsNode).toBeUndefined();
      expect(r.lambda.cold.samples).toBe(0);
      const reasons = (r.unavailable ?? []).map((u) => u.reason);
      expect(reasons).toEqual([
        'not available from this endpoint: GetFunction → HTTP 404',
        'not available from this endpoint: Invoke LogType Tail → HTTP 200 without X-Amz-Log-Result',
      ]);
      expect(r.unavailable?.[1]?.figures).toContain('REPORT Duration');
      expect(r.notes?.[0]).toMatch(/^not deployed: not available from this endpoint: GetFunction → HTTP 404; measured the function/);
    }
    expect(notes.some((n) => n.includes('does not serve GetFunction → HTTP 404'))).toBe(true);
    // Forcing a cold start was not even tried: without Init Duration it could not be confirmed.
    expect(fixture.requests.filter((line) => line.startsWith('PUT '))).toEqual([]);
  });

  it('log tail but no configuration changes (--no-deploy): warm REPORT figures stay, cold ones and extra environments are marked unavailable, no verdict', async () => {
    const fixture = await startInvokeOnly(local.endpoint, { logTail: true });
    fixtures.push(fixture);
    const { rows } = await run(fixture.url, { 'no-deploy': true });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.state, JSON.stringify(row)).toBe('completed');
      const r = row as Omit<LambdaCompletedResult, 'lambda'> & { readonly lambda: any };
      // Forcing failed at the second block: the remaining blocks stayed in the first environment.
      expect(r.warm?.samples).toBe(9);
      expect(r.lambda.warm.environments).toStrictEqual({ count: 1, samples: [9], blocks: [0] });
      expect(r.lambda.maxMemoryUsedMB.max).toBeGreaterThan(0);
      expect(r.lambda.cost.warmPerMillionUsd).toBeGreaterThan(0);
      expect(r.lambda.cold.samples).toBe(0);
      expect((r.unavailable ?? []).map((u) => u.reason)).toEqual([
        'not available from this endpoint: GetFunction → HTTP 404',
        'not available from this endpoint: UpdateFunctionConfiguration → HTTP 404',
      ]);
      expect(r.unavailable?.[1]).toMatchObject({ api: 'UpdateFunctionConfiguration', httpStatus: 404, figures: ['cold start (Init Duration)', 'warm samples from more than one environment'] });
      // One environment: a ratio, but no verdict.
      if (r.target === 'wasm') expect(r.vsNode).toMatchObject({ verdict: 'too-few-samples', basis: { unit: 'environment', count: 1 } });
    }
  });

  it('an endpoint without Invoke: unsupported rows naming the call, not INVALID ones', async () => {
    const fixture = await startInvokeOnly(local.endpoint, { logTail: true, invoke: false });
    fixtures.push(fixture);
    const { rows } = await run(fixture.url, { 'no-deploy': true });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.state).toBe('unsupported');
      if (row.state === 'unsupported') expect(row.error).toBe('Invoke → HTTP 404: Not Found');
    }
  });

  it('an endpoint whose Invoke fails with 5xx: retried, then an error naming the call and status', async () => {
    // Invoke is forwarded to a closed port: the fixture answers 502.
    const fixture = await startInvokeOnly('http://127.0.0.1:1', { logTail: true });
    fixtures.push(fixture);
    const { rows } = await run(fixture.url, { 'no-deploy': true });
    for (const row of rows) {
      expect(row.state).toBe('errored');
      if (row.state === 'errored') expect(row.error).toMatch(/^Invoke → HTTP 502: upstream failed \(after 6 attempts over [\d.]+ s\)$/);
    }
  });

  it('an endpoint that accepts and never answers: the run ends at the probe deadline with one line naming the call', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const { rows, notes } = await run(`http://127.0.0.1:${port}`, {}, ['noop']);
      const reason = `could not open the Lambda endpoint (endpoint:127.0.0.1:${port}): ListFunctions → no answer within ${PROBE_DEADLINE_MS / 1000} s (step deadline, retries included)`;
      expect(notes).toContain(`lambda placement not run: ${reason}`);
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row).toMatchObject({ state: 'errored', error: reason });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
