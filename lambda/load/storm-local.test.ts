/**
 * A cold-start storm on the real local Lambda (started here, reached by URL
 * as `npm run lambda:local` is): two storms of 3 events at the node function
 * on the synchronous path, then on the asynchronous one (cold starts read
 * from the logs there). The second storm follows the first's 3 warm
 * environments, so only the forced cold start (a configuration change that
 * retires them) can make its 3 events cold again; the cold starts must be
 * the INIT_START lines the endpoint logged. No assertion on any time: only
 * counts, states and the one intended send time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import { lambdaClient, urlEndpoint } from '../deploy/endpoint.js';
import { teardown } from '../deploy/teardown.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { parseLoadSpec } from '../../harness/options/load.js';
import { loadRecordOf } from '../../harness/contract/load.js';
import type { LocalLambda } from '../local/types.js';
import type { LambdaLoadSamples } from '../../harness/contract/index.js';
import { runLoad } from './mode.js';
import { lambdaFixtureContext } from '../measure/lambda-run.fixture.js';

const PREFIX = 'wlbstorm-';

describe('a cold-start storm against the local Lambda', () => {
  let local: LocalLambda;
  beforeAll(async () => {
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('gives every storm of 3 events 3 cold starts, matching the INIT_START lines, each event meant for the same instant', async () => {
    const lambda = lambdaOptionsFrom({ endpoint: local.endpoint, memory: '1769', prefix: PREFIX }, true);
    // 1 s of quiet: the second storm's log window (from a second before it) holds none of the first's INIT_START lines.
    const load = { spec: parseLoadSpec('storm:3,3@20s+1s'), paths: ['sync', 'event'] as const };
    const { context, notes, samples } = await lambdaFixtureContext({ workloads: ['sha256'], targets: ['node'], lambda: { ...lambda, load } });
    try {
      await runLoad(context);
    } finally {
      const control = lambdaClient(urlEndpoint('endpoint', local.endpoint, undefined, local.credentials), { timed: false });
      await teardown(control, PREFIX);
      control.destroy();
    }
    expect(context.table.rows()).toEqual([]);
    const steps = loadRecordOf(context.baselines)?.steps ?? [];
    expect(steps.map((s) => `${s.path} ${s.kind} ${s.level} ${s.target}`)).toEqual(['sync storm 3 node', 'sync storm 3 node', 'event storm 3 node', 'event storm 3 node']);
    for (const step of steps) {
      expect(step.forcedCold, JSON.stringify(step)).toBe(true);
      expect(step.sent).toBe(3);
      expect(step.ok).toBe(3);
      expect(step.coldStarts, JSON.stringify(step)).toBe(3);
      expect(step.initStartsInLogs).toBe(3);
      expect(step.environmentsUsed).toBe(3);
      expect(step.initDurationMs?.max).toBeGreaterThanOrEqual(step.initDurationMs?.median ?? Number.POSITIVE_INFINITY);
      // A storm larger than the host's INIT slots is the host's limit: INVALID with that reason, never silently valid.
      const status = await local.status();
      const slots = status.concurrency?.startGate.limit ?? 0;
      if (slots < 3) expect(step.invalidReasons.join('; ')).toMatch(/host cold-start queue: \d+ cold start\(s\) waited for one of the local Lambda's \d+ INIT slots/);
    }
    expect(notes.some((n) => n.includes('INIT_START line(s) in the logs'))).toBe(false);
    expect(notes.some((n) => n.startsWith('load: 4 storm(s) planned'))).toBe(true);
    // Every event of a storm was meant for the same instant, the step's start.
    const raw = samples.filter((s): s is LambdaLoadSamples => s.kind === 'lambda-load');
    expect(raw.map((r) => r.events.map((e) => e.intendedMs))).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });
});
