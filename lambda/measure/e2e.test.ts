/**
 * End to end through the local Lambda, driven only through the Lambda API
 * (@aws-sdk/client-lambda): the lambda placement deploys 2 workloads ×
 * {node, wasm} × {128, 1769} MB, takes one warm sample in each of the
 * --quick default's three execution environments and the forced-cold
 * samples their starts give, verifies every digest, and compares with node
 * per environment; a second deploy uploads nothing; teardown leaves no
 * function behind. A run whose warm samples come from one environment gives
 * no verdict, whatever the number of samples.
 */
import { DeleteFunctionConcurrencyCommand, ListFunctionsCommand, PutFunctionConcurrencyCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { ensureFunction } from '../deploy/deploy.js';
import { planFunctions } from '../deploy/plan.js';
import { teardown } from '../deploy/teardown.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { runLambdaPlacement } from './lambda-run.fixture.js';
import { invokeTimed, newCounters } from './invoke.js';
import { encodeEvent } from '../handlers/protocol.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import type { LambdaCompletedResult, LambdaSamples } from '../../harness/contract/index.js';
import { costPerMillionUsd, pricesFor } from '../cost/cost.js';
import type { LocalLambda } from '../local/types.js';

/** A completed Lambda row read without narrowing each optional figure (the test asserts they are there). */
type LooseLambdaRow = Omit<LambdaCompletedResult, 'lambda'> & { readonly lambda: any };

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
    expect(lambda.environments).toBe(3);
    const { rows, notes, baselines, catalog: runCatalog, samples } = await runLambdaPlacement(lambda, WORKLOADS, ['node', 'wasm']);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.state, JSON.stringify(row)).toBe('completed');
      const r = row as LooseLambdaRow;
      expect(r.placement).toBe('lambda');
      expect(r.verified).toBe(true);
      expect(r.lambda.endpoint).toBe(`endpoint:${new URL(local.endpoint).host}`);
      expect([128, 1769]).toContain(r.lambda.memoryMB);
      expect(r.lambda.arch).toBe('x86_64');
      expect(r.lambda.runtime).toBe(lambda.runtime);
      // engine is the V8 configuration only: Lambda rows have none.
      expect(r.engine).toBeUndefined();
      // One warm sample in each of three environments, each its own unit.
      expect(r.lambda.warm.samples).toBe(3);
      expect(r.lambda.warm.environments).toStrictEqual({ count: 3, samples: [1, 1, 1], blocks: [0, 1, 2] });
      expect(r.warm?.forks?.forks).toBe(3);
      expect(r.lambda.warm.client.medianNs).toBeGreaterThan(r.lambda.warm.handler.medianNs);
      // The overhead is each invocation's client round trip minus its own Duration (raw samples in samples.jsonl).
      const raw = samples.find((x): x is LambdaSamples => x.kind === 'lambda' && x.functionName === r.lambda.functionName)!;
      expect(raw.warm?.environment).toStrictEqual([0, 1, 2]);
      const differences = (raw.warm?.clientNs ?? []).map((c, i) => c - (raw.warm?.durationMs[i] as number) * 1e6).sort((a, b) => a - b);
      expect(r.lambda.warm.overhead.medianNs).toBeCloseTo(differences[1] as number, -1);
      expect(r.lambda.warm.overhead.medianNs).toBeGreaterThan(0);
      // The two forced environment starts are the forced-cold samples (--lambda-cold-samples 1 asks for fewer).
      expect(r.lambda.cold.samples + r.lambda.cold.dropped).toBe(2);
      if (r.target === 'wasm') {
        expect(r.vsNode?.basis).toStrictEqual({ unit: 'environment', count: 3 });
        if (r.lambda.cold.samples === 2) expect(r.coldVsNode).toMatchObject({ verdict: 'too-few-samples', basis: { unit: 'environment', count: 2 } });
      } else {
        expect(r.vsNode).toBeUndefined();
      }
      if (r.lambda.cold.samples === 1) {
        expect(r.lambda.cold.init.medianNs).toBeGreaterThan(0);
        // INIT is billed on a cold start: billed ≥ init + first duration, rounded up.
        expect(r.lambda.cold.firstBilled.medianNs).toBeGreaterThanOrEqual(r.lambda.cold.init.medianNs + r.lambda.cold.firstDuration.medianNs - 1e6);
      }
      expect(r.lambda.maxMemoryUsedMB.max).toBeGreaterThan(0);
      // Priced on the row's own median Billed Duration at its memory (local: the default region's x86_64 prices).
      expect(r.lambda.cost.warmPerMillionUsd).toBeCloseTo(costPerMillionUsd(r.lambda.warm.billed.medianNs / 1e6, r.lambda.memoryMB, 'x86_64', pricesFor(undefined)), 9);
      expect(r.lambda.runtimeClient).not.toBe('unknown');
      expect(Object.keys(r.lambda.retries).sort()).toEqual(['networkErrors', 'retries', 'serverErrors', 'throttles']);
    }
    expect(notes.some((n) => n.includes('8 created'))).toBe(true);
    expect(notes.some((n) => n.startsWith('lambda warm samples follow no warm-up (--lambda-warmup 0)'))).toBe(true);
    expect(notes.some((n) => n.startsWith('lambda power tuning') && n.includes('sha256 small: node (x86_64): cheapest'))).toBe(true);
    const tuning = baselines.lambdaPowerTuning;
    expect(tuning).toHaveLength(4);
    for (const t of tuning) {
      // The picks are the rows' own extremes: least cost and least median Duration of this workload and target.
      const own = rows.filter((row) => row.workload === t.workload && row.target === t.target) as Array<LooseLambdaRow>;
      expect(own).toHaveLength(2);
      expect(t.cheapest.costPerMillionUsd).toBe(Math.min(...own.map((row) => row.lambda.cost.warmPerMillionUsd as number)));
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

  it('gives no verdict from warm samples of one environment, and says why', async () => {
    // The shape of the old --quick: 5 warm samples, all from one environment.
    const lambda = lambdaOptionsFrom(
      { endpoint: local.endpoint, memory: '1769', prefix: PREFIX, 'lambda-environments': '1', 'lambda-samples': '5', 'lambda-warmup': '0', 'lambda-cold-samples': '0' },
      true,
    );
    try {
      const { rows } = await runLambdaPlacement(lambda, ['noop'], ['node', 'wasm']);
      const wasm = rows.find((row) => row.target === 'wasm') as LooseLambdaRow;
      expect(wasm.state, JSON.stringify(wasm)).toBe('completed');
      expect(wasm.lambda.warm.samples).toBe(5);
      expect(wasm.lambda.warm.environments.count).toBe(1);
      expect(wasm.vsNode).toMatchObject({ verdict: 'too-few-samples', basis: { unit: 'environment', count: 1 } });
      expect(wasm.coldVsNode).toBeUndefined();
      expect(wasm.notes).toContain('warm samples from 1 execution environment(s): fewer than 3, so no verdict against node');
    } finally {
      await teardown(client, PREFIX);
    }
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
      expect(outcome.state).toBe('errored');
      if (outcome.state === 'errored') expect(outcome.error).toMatch(/HTTP 429.*3 attempt/);
      expect(counters).toEqual({ retries: 2, throttles: 3, serverErrors: 0, networkErrors: 0 });

      await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: f.name }));
      const ok = await invokeTimed(timed, f.name, event, counters);
      expect(ok.state).toBe('completed');
      expect(counters.retries).toBe(2);
    } finally {
      timed.destroy();
      await teardown(client, PREFIX);
    }
  });
});
