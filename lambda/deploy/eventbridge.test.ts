/**
 * The EventBridge resources deploy owns, against the real local Lambda (a
 * real sha256 function, its real handler): created tagged, unchanged on a
 * second deploy, removed by teardown (an untagged bus of the same name left
 * alone); a --no-deploy load run without them skips the path with one line;
 * and a rate(1 minute) rule on a fake clock fires at the minute with the
 * transformed input, its receipt read back and its output verified. No
 * assertion on any time.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, DescribeEventBusCommand, ListRulesCommand, ListTagsForResourceCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetPolicyCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { parseLoadSpec } from '../../harness/options/load.js';
import { ProgressTracker } from '../../harness/run/progress.js';
import { prepareReference } from '../../harness/run/reference.js';
import { ResultTable } from '../../harness/run/results.js';
import { loadCatalog } from '../../harness/workloads/catalog.js';
import { loadRecordOf } from '../../harness/contract/load.js';
import { PRICING, pricesFor } from '../cost/cost.js';
import { encodeEvent } from '../handlers/protocol.js';
import { runLoad } from '../load/mode.js';
import { measureScheduledWindow } from '../load/scheduled.js';
import { FakeClock } from '../local/fake-clock.fixture.js';
import { startLocalLambda } from '../local/server.js';
import { deployAll } from './deploy.js';
import { lambdaClient, PLACEHOLDER_CREDENTIALS, urlEndpoint } from './endpoint.js';
import { busNameOf, ensureEventBridge, eventBridgeClient, ruleNameOf, scheduleRuleNameOf } from './eventbridge.js';
import { teardownEventBridge } from './eventbridge-teardown.js';
import { planFunctions, type PlannedFunction } from './plan.js';
import type { RunContext } from '../../harness/run/context.js';
import type { BenchOptions } from '../../harness/run/options.js';
import type { LocalLambda } from '../local/types.js';

const PREFIX = 'wlbeb-';
const SCHEDULE = 'rate(1 minute)';

interface Rig {
  readonly local: LocalLambda;
  readonly control: LambdaClient;
  readonly events: EventBridgeClient;
  readonly logs: CloudWatchLogsClient;
  readonly functions: PlannedFunction[];
  readonly eventJson: string;
  readonly expected: { sha256: string; bytes: number };
}

/** A local Lambda with the sha256 node function deployed, and clients for it. */
async function rig(clock?: FakeClock): Promise<Rig> {
  // The credential file lets the load run, which finds the server by URL as npm run lambda:local is found, sign its calls.
  const local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true, ...(clock ? { clock } : {}) });
  const endpoint = urlEndpoint('endpoint', local.endpoint, undefined, local.credentials);
  const control = lambdaClient(endpoint, { timed: false });
  const events = eventBridgeClient(endpoint);
  const logs = new CloudWatchLogsClient({ region: endpoint.region, endpoint: endpoint.url, credentials: endpoint.credentials ?? PLACEHOLDER_CREDENTIALS });
  const entry = (await loadCatalog()).find((e) => e.definition.name === 'sha256');
  if (!entry) throw new Error('no sha256 workload');
  const plan = planFunctions([entry.definition], ['node'], lambdaOptionsFrom({ endpoint: local.endpoint, memory: '1769', prefix: PREFIX }, true));
  const deployed = await deployAll(control, plan.functions, { maxWaitTime: 60, concurrency: 1 });
  expect(deployed.every((r) => 'outcome' in r)).toBe(true);
  const reference = await prepareReference(entry, 'small', 1);
  if (reference.state !== 'ready') throw new Error(reference.error);
  return {
    local, control, events, logs, functions: plan.functions,
    eventJson: JSON.stringify(encodeEvent(reference.input)),
    expected: { sha256: reference.expectedSha256, bytes: reference.expectedBytes },
  };
}

async function close(r: Rig | undefined): Promise<void> {
  r?.control.destroy();
  r?.events.destroy();
  r?.logs.destroy();
  await r?.local.close();
}

async function tagged(events: EventBridgeClient, arn: string | undefined): Promise<boolean> {
  const tags = (await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? [];
  return tags.some((t) => t.Key === 'wasm-lambda-bench' && t.Value === 'true');
}

describe('EventBridge resources owned by deploy and teardown (local Lambda)', () => {
  // One local Lambda for the file (two in one process would share its cgroup root, removed when the first closes).
  // Its clock is fake and starts at whole seconds a minute back: only the schedule reads it, and the rule's first
  // firing (one minute after it is put) then lands on the real "now", so the handler's receipt follows it.
  const clock = new FakeClock(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  let r: Rig;
  beforeAll(async () => {
    r = await rig(clock);
  });
  afterAll(async () => {
    await close(r);
  });

  it('deploy creates the bus, rules, targets and permissions tagged; a second deploy changes nothing; teardown removes them and leaves an untagged bus alone', async () => {
    const fn = r.functions[0] as PlannedFunction;
    const fns = [{ name: fn.name, eventJson: r.eventJson }];
    const first = await ensureEventBridge(r.events, r.control, fns, { prefix: PREFIX, schedule: SCHEDULE });
    expect(first.map((o) => `${o.action} ${o.kind}`)).toEqual([
      'created event bus', 'created rule', 'created target', 'created permission', 'created scheduled rule', 'created target', 'created permission',
    ]);
    const second = await ensureEventBridge(r.events, r.control, fns, { prefix: PREFIX, schedule: SCHEDULE });
    expect(second.map((o) => o.action)).toEqual(Array(7).fill('unchanged'));

    const bus = await r.events.send(new DescribeEventBusCommand({ Name: busNameOf(PREFIX) }));
    expect(await tagged(r.events, bus.Arn)).toBe(true);
    const rule = (await r.events.send(new ListRulesCommand({ EventBusName: busNameOf(PREFIX) }))).Rules?.[0];
    expect(rule?.Name).toBe(ruleNameOf(fn.name));
    expect(await tagged(r.events, rule?.Arn)).toBe(true);
    const scheduled = (await r.events.send(new ListRulesCommand({ NamePrefix: PREFIX }))).Rules?.[0];
    expect(scheduled).toMatchObject({ Name: scheduleRuleNameOf(fn.name), ScheduleExpression: SCHEDULE, EventBusName: 'default' });
    expect(await tagged(r.events, scheduled?.Arn)).toBe(true);
    const policy = JSON.parse((await r.control.send(new GetPolicyCommand({ FunctionName: fn.name }))).Policy ?? '{}') as { Statement: { Condition: { ArnLike: Record<string, string> } }[] };
    expect(policy.Statement.map((s) => s.Condition.ArnLike['AWS:SourceArn']).sort()).toEqual([rule?.Arn, scheduled?.Arn].sort());

    // A bus of the teardown's name that this project did not make (no tag) stays.
    await r.events.send(new CreateEventBusCommand({ Name: busNameOf('other-') }));
    const other = await teardownEventBridge(r.events, r.control, 'other-');
    expect(other.lines).toEqual(['skipped   event bus other-load-bus: no wasm-lambda-bench tag']);
    await r.events.send(new DescribeEventBusCommand({ Name: busNameOf('other-') }));

    const removed = await teardownEventBridge(r.events, r.control, PREFIX);
    expect(removed.failures).toEqual([]);
    expect(removed.summary).toBe(`EventBridge: removed event bus ${busNameOf(PREFIX)} with 1 rule(s) and their targets, 1 scheduled rule(s) on the default bus with their targets, 2 invoke permission(s)`);
    await expect(r.events.send(new DescribeEventBusCommand({ Name: busNameOf(PREFIX) }))).rejects.toThrow(/does not exist/);
    expect((await r.events.send(new ListRulesCommand({ NamePrefix: PREFIX }))).Rules).toEqual([]);
    await expect(r.control.send(new GetPolicyCommand({ FunctionName: fn.name }))).rejects.toThrow(/does not exist/);
  });

  it('a --no-deploy load run without the bus skips the eventbridge path with one line saying to deploy first', async () => {
    const lambda = lambdaOptionsFrom({ endpoint: r.local.endpoint, memory: '1769', prefix: PREFIX, 'no-deploy': true }, true);
    const notes: string[] = [];
    const context: RunContext = {
      options: {
        workloads: ['sha256'], targets: ['node'], sizes: ['small'], placements: ['lambda'], seed: 1, quick: true,
        lambda: { ...lambda, load: { spec: parseLoadSpec('rate:2@1s+0ms'), paths: ['eventbridge'] } },
      } as unknown as BenchOptions,
      catalog: await loadCatalog(),
      table: new ResultTable(),
      baselines: { emptyProcess: [], lambdaPowerTuning: [] },
      sink: { samples: () => undefined, checkpoint: () => undefined, progress: () => undefined, note: (n) => notes.push(n) },
      progress: new ProgressTracker([]),
      cleanup: { add: () => () => undefined },
    };
    await runLoad(context);
    expect(notes.filter((n) => n.includes('npm run deploy'))).toEqual([
      `load: the eventbridge path was not measured (--no-deploy): event bus ${busNameOf(PREFIX)} does not exist: run npm run deploy first`,
    ]);
    expect(loadRecordOf(context.baselines)?.steps).toEqual([]);
    expect(context.table.rows()).toEqual([]);
  });

  it('a rate(1 minute) rule fires at the fake-clock minute with the transformed input; the handler runs the workload and its receipt is read back', async () => {
    const fn = r.functions[0] as PlannedFunction;
    const putAt = clock.now();
    const outcomes = await ensureEventBridge(r.events, r.control, [{ name: fn.name, eventJson: r.eventJson }], { prefix: PREFIX, schedule: SCHEDULE, loadBus: false });
    expect(outcomes.map((o) => `${o.action} ${o.kind}`)).toEqual(['created scheduled rule', 'created target', 'created permission']);
    const steps = await measureScheduledWindow(r.logs, {
      step: 0, durationMs: 61_000, schedule: SCHEDULE, functions: [fn], expected: () => r.expected,
      price: pricesFor(PRICING.defaultRegion), receiptWaitMs: 300_000, graceMs: 30_000, stop: () => false,
      now: () => clock.now(),
      // Fake time for the window; between log reads (1 s fake) a real pause too, so the handler process can start and run.
      sleep: async (ms) => {
        await clock.advance(ms);
        if (ms >= 1000) await new Promise((resolve) => setTimeout(resolve, 200));
      },
    });
    expect(steps).toHaveLength(1);
    const [step] = steps;
    expect(step?.records.map((e) => [e.loadId, e.state])).toEqual([[`scheduled.${putAt + 60_000}`, 'completed']]);
    expect(step?.records[0]?.latencyMs).toEqual(expect.any(Number));
    expect(step?.summary).toMatchObject({ path: 'scheduled', ok: 1, wrongOutputs: 0, lost: 0, offeredPerS: 1 / 60 });
    expect(step?.summary.cost?.eventBridgeUsd).toBe(0);
  });
});
