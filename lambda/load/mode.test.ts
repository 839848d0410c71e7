/**
 * The load mode end to end against the local Lambda (started here, reached
 * by URL as `npm run lambda:local` is): every invocation path through the
 * SDK, every event verified, cold starts checked against the INIT_START
 * lines; the EventBridge bus the run deployed left for teardown, which
 * removes it. No assertion on any time: only counts and states.
 */
import { DescribeEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { teardown } from '../deploy/teardown.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { parseLoadSpec } from '../../harness/options/load.js';
import { loadRecordOf } from '../../harness/contract/load.js';
import type { LocalLambda } from '../local/types.js';
import { busNameOf } from '../deploy/eventbridge.js';
import { teardownEventBridge } from '../deploy/eventbridge-teardown.js';
import { runLoad } from './mode.js';
import { lambdaFixtureContext } from '../measure/lambda-run.fixture.js';
import type { LambdaLoadSamples } from '../../harness/contract/index.js';

const PREFIX = 'wlbload-';

describe('load mode against the local Lambda', () => {
  let local: LocalLambda;
  beforeAll(async () => {
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('runs sync, async and EventBridge steps for node and wasm, verified, with cold starts matching INIT_START lines', async () => {
    const lambda = lambdaOptionsFrom({ endpoint: local.endpoint, memory: '1769', prefix: PREFIX }, true);
    const load = { spec: parseLoadSpec('rate:4@1s+0ms'), paths: ['sync', 'event', 'eventbridge'] as const };
    const { context, notes, samples } = await lambdaFixtureContext({ workloads: ['sha256'], targets: ['node', 'wasm'], lambda: { ...lambda, load } });
    await runLoad(context);
    expect(context.table.rows()).toEqual([]);
    const record = loadRecordOf(context.baselines);
    expect(record?.emulated).toBe(true);
    expect(record?.steps.map((s) => `${s.path} ${s.target}`).sort()).toEqual(['event node', 'event wasm', 'eventbridge node', 'eventbridge wasm', 'sync node', 'sync wasm']);
    for (const step of record?.steps ?? []) {
      expect(step.sent, JSON.stringify(step)).toBe(4);
      expect(step.ok, JSON.stringify(step)).toBe(4);
      expect(step.lost + step.errors + step.wrongOutputs + step.throttled).toBe(0);
      expect(step.latencyMs.n).toBe(4);
      expect(step.coldStarts).toBe(step.initStartsInLogs);
      expect(step.environmentsAfter).toBeGreaterThanOrEqual(1);
      expect(step.cost?.totalUsd).toBeGreaterThan(0);
      expect(step.cost?.eventBridgeUsd).toBe(step.path === 'eventbridge' ? 1 : 0);
    }
    // The first invocation of each function was a cold start, seen both in its REPORT and in the logs.
    expect(record?.steps.filter((s) => s.path === 'sync').every((s) => s.coldStarts >= 1)).toBe(true);
    expect(notes.some((n) => n.includes('INIT_START line(s) in the logs'))).toBe(false);
    // One raw record per step, every event with its intended and actual send time.
    const raw = samples.filter((s): s is LambdaLoadSamples => s.kind === 'lambda-load');
    expect(raw).toHaveLength(6);
    const events = raw[0]?.events ?? [];
    expect(events.map((e) => e.intendedMs)).toEqual([0, 250, 500, 750]);
    expect(events.map((e) => e.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const e of events) expect(e.sentMs).toBeGreaterThanOrEqual(e.intendedMs);

    expect(notes.some((n) => n.startsWith('load: eventbridge path: its bus, rules, targets and invoke permissions deployed (7 created'))).toBe(true);

    // The run leaves the bus it deployed, as it leaves its functions: teardown removes both.
    const endpoint = urlEndpoint('endpoint', local.endpoint, undefined, local.credentials);
    const control = lambdaClient(endpoint, { timed: false });
    const events2 = new EventBridgeClient({ region: endpoint.region, endpoint: endpoint.url, credentials: endpoint.credentials as never });
    try {
      await events2.send(new DescribeEventBusCommand({ Name: busNameOf(PREFIX) }));
      const removed = await teardownEventBridge(events2, control, PREFIX);
      expect(removed.summary).toBe(`EventBridge: removed event bus ${busNameOf(PREFIX)} with 2 rule(s) and their targets, 2 invoke permission(s)`);
      await expect(events2.send(new DescribeEventBusCommand({ Name: busNameOf(PREFIX) }))).rejects.toThrow();
      expect((await teardownEventBridge(events2, control, PREFIX)).summary).toMatch(/^EventBridge: nothing to remove/);
      await teardown(control, PREFIX);
    } finally {
      control.destroy();
      events2.destroy();
    }
  });

  it('runs the ramp once per repeat, each from fresh environments, and combines the repeats into one step', async () => {
    const lambda = lambdaOptionsFrom({ endpoint: local.endpoint, memory: '1769', prefix: `${PREFIX}r-` }, true);
    const load = { spec: parseLoadSpec('rate:4@1s+0ms'), paths: ['sync'] as const, repeats: 2 };
    const { context, samples } = await lambdaFixtureContext({ workloads: ['sha256'], targets: ['node'], lambda: { ...lambda, load } });
    await runLoad(context);
    expect(context.table.rows()).toEqual([]);
    const record = loadRecordOf(context.baselines);
    expect(record?.repeatSteps?.map((s) => s.repeat)).toEqual([0, 1]);
    // Each repeat met new environments: its first event was a cold start, in its REPORT and in the logs.
    for (const s of record?.repeatSteps ?? []) {
      expect(s.coldStarts, JSON.stringify(s)).toBeGreaterThanOrEqual(1);
      expect(s.coldStarts).toBe(s.initStartsInLogs);
      expect(s.ok).toBe(4);
    }
    expect(record?.steps).toHaveLength(1);
    expect(record?.steps[0]).toMatchObject({ repeats: 2, sent: 8, ok: 8, latencyMs: { n: 8, basis: { unit: 'repeat', count: 2 } } });
    expect(record?.steps[0]?.repeat).toBeUndefined();
    const raw = samples.filter((s): s is LambdaLoadSamples => s.kind === 'lambda-load');
    expect(raw.map((r) => r.repeat)).toEqual([0, 1]);
    const ids = raw.flatMap((r) => r.events.map((e) => e.loadId));
    expect(new Set(ids).size).toBe(8);
    const endpoint = urlEndpoint('endpoint', local.endpoint, undefined, local.credentials);
    const control = lambdaClient(endpoint, { timed: false });
    try {
      await teardown(control, `${PREFIX}r-`);
    } finally {
      control.destroy();
    }
  });
});
