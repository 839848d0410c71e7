/**
 * End to end through the local Lambda, driven only through the Lambda API
 * (@aws-sdk/client-lambda): the lambda placement deploys 2 workloads ×
 * {node, wasm} × {128, 1769} MB, takes one warm and one forced-cold sample
 * of each, verifies every digest; a second deploy uploads nothing; teardown
 * leaves no function behind.
 */
import { DeleteFunctionConcurrencyCommand, ListFunctionsCommand, PutFunctionConcurrencyCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { ensureFunction } from '../deploy/deploy.js';
import { planFunctions } from '../deploy/plan.js';
import { teardown } from '../deploy/teardown.js';
import { lambdaOptionsFrom } from './options.js';
import { runLambdaPlacement } from './lambda-run.fixture.js';
import { invokeTimed, newCounters } from './invoke.js';
import { encodeEvent } from '../handlers/protocol.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import type { CompletedResult } from '../../harness/types.js';
import { costPerMillionUsd, pricesFor } from '../cost/cost.js';
import type { LocalLambda } from '../local/types.js';

const WORKLOADS = ['noop', 'sha256'];
const PREFIX = 'wlbe2e-';

describe('lambda placement against the local Lambda', () => {
  let local: LocalLambda;
  let client: LambdaClient;
  beforeAll(async () => {
    // As `npm run lambda:local` does: the runner, given only the URL, finds the credential in this user's file.
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
    client = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: false });
  });
  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  it('deploys, measures warm and cold with verified digests, redeploys nothing, and tears down everything', async () => {
    const lambda = lambdaOptionsFrom(
      { endpoint: local.endpoint, memory: '128,1769', prefix: PREFIX, 'lambda-samples': '1', 'lambda-warmup': '0', 'lambda-cold-samples': '1' },
      true,
    );
    const { rows, notes, baselines, catalog: runCatalog } = await runLambdaPlacement(lambda, WORKLOADS, ['node', 'wasm']);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.status, JSON.stringify(row)).toBe('completed');
      const r = row as CompletedResult & Record<string, any>;
      expect(r.placement).toBe('lambda');
      expect(r.verified).toBe(true);
      expect(r.endpoint).toBe(`endpoint:${new URL(local.endpoint).host}`);
      expect([128, 1769]).toContain(r.memoryMB);
      expect(r.engine).toBe(`${r.memoryMB}MB-x86_64`);
      expect(r.lambda.warm.samples).toBe(1);
      expect(r.lambda.warm.client.medianNs).toBeGreaterThan(r.lambda.warm.handler.medianNs);
      // One sample: the overhead is exactly that invocation's client round trip minus its Duration.
      expect(r.lambda.warm.overhead.medianNs).toBeCloseTo(r.lambda.warm.client.medianNs - r.lambda.warm.duration.medianNs, -1);
      expect(r.lambda.warm.overhead.medianNs).toBeGreaterThan(0);
      expect(r.lambda.cold.samples + r.lambda.cold.dropped).toBe(1);
      if (r.lambda.cold.samples === 1) {
        expect(r.lambda.cold.init.medianNs).toBeGreaterThan(0);
        // INIT is billed on a cold start: billed ≥ init + first duration, rounded up.
        expect(r.lambda.cold.firstBilled.medianNs).toBeGreaterThanOrEqual(r.lambda.cold.init.medianNs + r.lambda.cold.firstDuration.medianNs - 1e6);
      }
      expect(r.maxMemoryUsedMB).toBeGreaterThan(0);
      // Priced on the row's own median Billed Duration at its memory (local: the default region's x86_64 prices).
      expect(r.costPerMillionUsd).toBeCloseTo(costPerMillionUsd(r.lambda.warm.billed.medianNs / 1e6, r.memoryMB, 'x86_64', pricesFor(undefined)), 9);
      expect(r.lambda.cost.warmPerMillionUsd).toBe(r.costPerMillionUsd);
      expect(r.lambda.runtimeClient).not.toBe('unknown');
      expect(Object.keys(r.lambda.retries).sort()).toEqual(['networkErrors', 'retries', 'serverErrors', 'throttles']);
    }
    expect(notes.some((n) => n.includes('8 created'))).toBe(true);
    expect(notes.some((n) => n.startsWith('lambda warm samples follow no warm-up (--lambda-warmup 0)'))).toBe(true);
    expect(notes.some((n) => n.startsWith('lambda power tuning') && n.includes('sha256 small: node (x86_64): cheapest'))).toBe(true);
    const tuning = baselines.lambdaPowerTuning as Array<Record<string, any>>;
    expect(tuning).toHaveLength(4);
    for (const t of tuning) {
      // The picks are the rows' own extremes: least cost and least median Duration of this workload and target.
      const own = rows.filter((row) => row.workload === t.workload && row.target === t.target) as Array<CompletedResult & Record<string, any>>;
      expect(own).toHaveLength(2);
      expect(t.cheapest.costPerMillionUsd).toBe(Math.min(...own.map((row) => row.costPerMillionUsd as number)));
      expect(t.fastest.durationMs * 1e6).toBeCloseTo(Math.min(...own.map((row) => row.lambda.warm.duration.medianNs as number)), 0);
    }

    // Idempotent: a second deploy of the same packages uploads nothing.
    const plan = planFunctions(runCatalog.filter((e) => WORKLOADS.includes(e.definition.name)).map((e) => e.definition), ['node', 'wasm'], lambda);
    expect(plan.functions).toHaveLength(8);
    for (const f of plan.functions) {
      const outcome = await ensureFunction(client, f, { maxWaitTime: 60 });
      expect(outcome).toMatchObject({ action: 'unchanged', uploadedBytes: 0 });
    }

    const removed = await teardown(client, PREFIX);
    expect([...removed.deleted].sort()).toEqual(plan.functions.map((f) => f.name).sort());
    const left = await client.send(new ListFunctionsCommand({}));
    expect(left.Functions?.filter((f) => f.FunctionName?.startsWith(PREFIX))).toEqual([]);
  });

  it('retries throttles itself (the SDK makes one attempt), counts them, and gives up after the policy', async () => {
    const lambda = lambdaOptionsFrom({ endpoint: local.endpoint, memory: '128', prefix: PREFIX }, true);
    const catalog = await loadCatalog();
    const [f] = planFunctions(catalog.filter((e) => e.definition.name === 'noop').map((e) => e.definition), ['node'], lambda).functions;
    if (!f) throw new Error('no function planned');
    await ensureFunction(client, f, { maxWaitTime: 60 });
    const timed = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: true });
    const event = Buffer.from(JSON.stringify(encodeEvent(new Uint8Array(8))));
    try {
      // Reserved concurrency 0: every invocation is throttled with 429.
      await client.send(new PutFunctionConcurrencyCommand({ FunctionName: f.name, ReservedConcurrentExecutions: 0 }));
      const counters = newCounters();
      const outcome = await invokeTimed(timed, f.name, event, counters, { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 });
      expect(outcome.state).toBe('failed');
      if (outcome.state === 'failed') expect(outcome.error).toMatch(/HTTP 429.*3 attempt/);
      expect(counters).toEqual({ retries: 2, throttles: 3, serverErrors: 0, networkErrors: 0 });

      await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: f.name }));
      const ok = await invokeTimed(timed, f.name, event, counters);
      expect(ok.state).toBe('ok');
      expect(counters.retries).toBe(2);
    } finally {
      timed.destroy();
      await teardown(client, PREFIX);
    }
  });
});
