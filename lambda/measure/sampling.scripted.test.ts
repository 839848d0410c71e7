/**
 * measureFunctions against a scripted endpoint (scripted-session.fixture.ts):
 * which invocation's figures land in which series and environment, which
 * calls are made and in which block, what each failure stops and how it is
 * worded, and how the client's warm-up is spent. Every figure of the fake
 * REPORT derives from the call number, so an off-by-one, a swapped series
 * or a dropped check changes an exact value here (issue 16: these tests
 * keep the mutation score of sampling.ts; the local-Lambda tests prove the
 * same paths against real processes).
 */
import { describe, expect, it } from 'vitest';
import { FORCED_FIGURES } from './force.js';
import { measureFunctions, newClientWarmth, noLogTailGap, type ClientWarmth, type FunctionSamples, type SamplingPlan } from './sampling.js';
import { EXPECTED, figuresOf, RIGHT, scriptedLambda, sdkError, type ScriptedLambda, type ScriptedOptions } from './scripted-session.fixture.js';

const EVENT = Buffer.from('{}');
const warmClient = (): ClientWarmth => ({ calls: 0, targetCalls: 0, budgetMs: 0 });
const WRONG = { outputSha256: 'cd'.repeat(32), outputBytes: RIGHT.outputBytes };
const TIMEOUT = () => sdkError('TimeoutError', 'socket timed out');
const GONE = 'ListFunctions → connection refused (connect ECONNREFUSED 127.0.0.1:9)';

interface Run {
  readonly fake: ScriptedLambda;
  readonly samples: Map<string, FunctionSamples>;
  readonly progress: string[];
  readonly plan: SamplingPlan;
}

async function run(names: readonly string[], over: Partial<SamplingPlan>, options: ScriptedOptions = {}): Promise<Run> {
  const fake = scriptedLambda(options);
  const plan: SamplingPlan = { warm: 1, environments: 1, warmup: 0, client: warmClient(), cold: 0, seed: 1, maxWaitTime: 5, clockNs: fake.clockNs, ...over };
  const progress: string[] = [];
  const samples = await measureFunctions(fake.session, names.map((name) => ({ name })), EVENT, EXPECTED, plan, (m) => progress.push(m));
  return { fake, samples, progress, plan };
}

/** The series measureFunctions records for calls `ns` (all REPORT figures), in environments `environment`. */
function seriesOf(ns: number[], environment: number[], init = false) {
  return {
    clientNs: ns.map((n) => 2_000_000 + 1000 * n),
    durationMs: ns.map((n) => figuresOf(n).durationMs),
    billedMs: ns.map((n) => figuresOf(n).billedMs),
    handlerNs: ns.map((n) => figuresOf(n).handlerNs),
    maxMemoryUsedMB: ns.map((n) => figuresOf(n).maxMemoryUsedMB),
    initMs: init ? ns.map((n) => figuresOf(n).initMs) : [],
    environment,
  };
}
const EMPTY = seriesOf([], []);
const get = (r: Run, name: string): FunctionSamples => r.samples.get(name) as FunctionSamples;

describe('measureFunctions: what is recorded', () => {
  it('keeps every figure of each warm sample, in call order, and nothing of the unrecorded priming call', async () => {
    const r = await run(['a'], { warm: 3 }, { runtimeClient: (_name, env) => `ric-${env}` });
    expect(get(r, 'a')).toStrictEqual({
      warm: seriesOf([2, 3, 4], [0, 0, 0]),
      cold: EMPTY,
      warmDropped: 0,
      coldDropped: 0,
      counters: { retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 },
      error: undefined,
      failure: undefined,
      missingApi: false,
      reports: true,
      unavailable: [],
      runtimeClients: new Set(['ric-0']),
      environments: [{ block: 0, start: 'priming' }],
    });
    expect(r.progress).toStrictEqual(['warm 1/3', 'warm 2/3', 'warm 3/3']);
    // Priming is not a timed-client call; warm samples are.
    expect(r.plan.client.calls).toBe(3);
    expect(r.fake.updates).toStrictEqual([]);
  });

  it('hands the live samples map over before the first call', async () => {
    const fake = scriptedLambda();
    let seen: { map: unknown; callsBefore: number } | undefined;
    const plan: SamplingPlan = { warm: 1, environments: 1, warmup: 0, client: warmClient(), cold: 0, seed: 1, maxWaitTime: 5, clockNs: fake.clockNs, onSamples: (map) => (seen = { map, callsBefore: fake.calls.length }) };
    const samples = await measureFunctions(fake.session, [{ name: 'a' }], EVENT, EXPECTED, plan, () => undefined);
    expect(seen?.map).toBe(samples);
    expect(seen?.callsBefore).toBe(0);
  });

  it('forces an environment per block and per cold sample still owed, each start a cold sample with its Init Duration', async () => {
    const r = await run(['a'], { warm: 2, environments: 3, warmup: 1, cold: 4 }, { runtimeClient: (_name, env) => `ric-${env}` });
    const a = get(r, 'a');
    // Calls: 1 priming, 2 warm-up, 3-4 warm | 5 forced, 6 warm-up, 7-8 warm | 9 forced, 10 warm-up, 11-12 warm | 13, 14 cold rounds.
    expect(a.warm).toStrictEqual(seriesOf([3, 4, 7, 8, 11, 12], [0, 0, 1, 1, 2, 2]));
    expect(a.cold).toStrictEqual(seriesOf([5, 9, 13, 14], [1, 2, 3, 4], true));
    expect(a.environments).toStrictEqual([
      { block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 2, start: 'forced' }, { block: 3, start: 'forced' }, { block: 4, start: 'forced' },
    ]);
    expect(a.runtimeClients).toStrictEqual(new Set(['ric-0', 'ric-1', 'ric-2', 'ric-3', 'ric-4']));
    // Each forced start sets the cold-start variable to a token of this run and the block or cold round.
    const tokens = r.fake.updates.map((u) => u.token);
    expect(tokens).toHaveLength(4);
    const tag = tokens[0]?.split('-')[0] ?? '';
    expect(tag).toMatch(/^[0-9a-z]+$/);
    expect(tokens).toStrictEqual([`${tag}-e1`, `${tag}-e2`, `${tag}-c0`, `${tag}-c1`]);
    expect(r.progress).toStrictEqual([
      'environment 1/3: warm-up 1/1', 'environment 1/3: warm 1/2', 'environment 1/3: warm 2/2',
      'environment 2/3: new environments (one forced cold start each)', 'environment 2/3: warm-up 1/1', 'environment 2/3: warm 1/2', 'environment 2/3: warm 2/2',
      'environment 3/3: new environments (one forced cold start each)', 'environment 3/3: warm-up 1/1', 'environment 3/3: warm 1/2', 'environment 3/3: warm 2/2',
      'cold 1/2', 'cold 2/2',
    ]);
    // Warm-up and warm calls count for the client; forced starts do not.
    expect(r.plan.client.calls).toBe(3 + 6);
  });

  it('owes no cold round when the blocks\' starts already make the cold samples, and makes them all up with one block', async () => {
    const blocks = await run(['a'], { environments: 3, cold: 1 });
    expect(get(blocks, 'a').cold.environment).toStrictEqual([1, 2]);
    expect(blocks.fake.updates.map((u) => u.token.split('-')[1])).toStrictEqual(['e1', 'e2']);
    const rounds = await run(['a'], { environments: 1, cold: 2 });
    expect(get(rounds, 'a').cold).toStrictEqual(seriesOf([3, 4], [1, 2], true));
    expect(get(rounds, 'a').environments).toStrictEqual([{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 2, start: 'forced' }]);
    expect(rounds.progress).toStrictEqual(['warm 1/1', 'cold 1/2', 'cold 2/2']);
    const none = await run(['a'], { environments: 1, cold: 0 });
    expect(none.fake.updates).toStrictEqual([]);
  });

  it('drops a warm sample that started a new environment (the later ones are that environment\'s) and a forced start served warm', async () => {
    const r = await run(['a', 'b'], { warm: 3, cold: 2 }, {
      scripts: {
        a: (c) => (c.n === 3 ? { init: true } : {}),
        // Call 5 is b's first forced start: no Init Duration, so no cold start happened.
        b: (c) => (c.n === 5 ? { init: false } : {}),
      },
    });
    const a = get(r, 'a');
    expect(a.warmDropped).toBe(1);
    expect(a.warm).toStrictEqual(seriesOf([2, 4], [0, 1]));
    expect(a.environments.slice(0, 2)).toStrictEqual([{ block: 0, start: 'priming' }, { block: 0, start: 'replaced' }]);
    expect(a.coldDropped).toBe(0);
    const b = get(r, 'b');
    expect(b.warmDropped).toBe(0);
    expect(b.coldDropped).toBe(1);
    expect(b.cold).toStrictEqual(seriesOf([6], [2], true));
    expect(b.environments).toStrictEqual([{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 2, start: 'forced' }]);
  });
});

describe('measureFunctions: endpoints without a log tail or without forcing', () => {
  it('keeps round trips and handler times without a log tail, forces nothing and says which figures are missing', async () => {
    const r = await run(['n'], { warm: 2, environments: 2, warmup: 1, cold: 2 }, { scripts: { n: () => ({ tail: false }) } });
    const n = get(r, 'n');
    expect(n.error).toBeUndefined();
    expect(n.reports).toBe(false);
    expect(n.unavailable).toStrictEqual([noLogTailGap(200)]);
    const warm = [3, 4, 5, 6];
    expect(n.warm).toStrictEqual({ ...EMPTY, clientNs: warm.map((c) => 2_000_000 + 1000 * c), handlerNs: warm.map((c) => 1000 * c), environment: [0, 0, 0, 0] });
    expect(n.cold).toStrictEqual(EMPTY);
    expect(n.environments).toStrictEqual([{ block: 0, start: 'priming' }]);
    expect(r.fake.updates).toStrictEqual([]);
    // No forcing, no new environment to warm up, no cold rounds.
    expect(r.progress).toStrictEqual(['environment 1/2: warm-up 1/1', 'environment 1/2: warm 1/2', 'environment 1/2: warm 2/2', 'environment 2/2: warm 1/2', 'environment 2/2: warm 2/2']);
  });

  it('marks the forced figures unavailable when forcing fails, tries once, and keeps the warm blocks in the environment it has', async () => {
    let attempts = 0;
    const updateFails = (name: string): Error | undefined => {
      if (name === 'ok') return undefined;
      attempts += 1;
      return name === 'gap' ? sdkError('UnknownOperationException', 'no such route', 404) : sdkError('ServiceException', 'boom', 500);
    };
    const r = await run(['gap', 'broken', 'ok'], { warm: 1, environments: 3, warmup: 1, cold: 3 }, { updateFails });
    expect(attempts).toBe(2);
    expect(get(r, 'gap').unavailable).toStrictEqual([
      { figures: FORCED_FIGURES, api: 'UpdateFunctionConfiguration', httpStatus: 404, reason: 'not available from this endpoint: UpdateFunctionConfiguration → HTTP 404' },
    ]);
    expect(get(r, 'broken').unavailable).toStrictEqual([
      { figures: FORCED_FIGURES, api: 'UpdateFunctionConfiguration', httpStatus: 500, reason: 'forcing a cold start failed: UpdateFunctionConfiguration → HTTP 500 ServiceException: boom' },
    ]);
    for (const name of ['gap', 'broken']) {
      const s = get(r, name);
      expect(s.error, name).toBeUndefined();
      expect(s.environments, name).toStrictEqual([{ block: 0, start: 'priming' }]);
      expect(s.warm.environment, name).toStrictEqual([0, 0, 0]);
      expect(s.cold, name).toStrictEqual(EMPTY);
      // Priming, one warm-up, three warm samples: no warm-up for an environment that was not renewed.
      expect(r.fake.invocations(name), name).toBe(5);
    }
    // The function that can be forced gets its new environments, their warm-ups and the cold round still owed.
    expect(get(r, 'ok').cold.environment).toStrictEqual([1, 2, 3]);
    expect(r.fake.invocations('ok')).toBe(1 + 1 + 3 + 3 + 2);
    expect(r.fake.updates.map((u) => u.functionName)).toStrictEqual(['ok', 'ok', 'ok']);
  });

  it('names only the cold start as missing when one environment was asked for', async () => {
    const r = await run(['gap'], { environments: 1, cold: 2 }, { updateFails: () => sdkError('UnknownOperationException', 'no such route', 404) });
    expect(get(r, 'gap').unavailable.map((u) => u.figures)).toStrictEqual([FORCED_FIGURES.slice(0, 1)]);
    expect(r.progress).toStrictEqual(['warm 1/1', 'cold 1/2']);
  });

  it('records no HTTP status when forcing got no answer at all', async () => {
    const r = await run(['silent'], { environments: 1, cold: 1 }, { updateFails: () => sdkError('TimeoutError', 'socket timed out') });
    const [gap] = get(r, 'silent').unavailable;
    expect(gap).toBeDefined();
    expect(Object.keys(gap ?? {}).sort()).toStrictEqual(['api', 'figures', 'reason']);
    expect(gap?.reason).toMatch(/^forcing a cold start failed: UpdateFunctionConfiguration → no answer/);
  });
});

describe('measureFunctions: failures', () => {
  it('stops a function at its first wrong output (right length) and keeps only the samples before it', async () => {
    const r = await run(['w', 'ok'], { warm: 5 }, { scripts: { w: (c) => (c.n === 3 ? { output: WRONG } : {}) } });
    const w = get(r, 'w');
    expect(w.error).toBe(`output mismatch: handler returned sha256 ${WRONG.outputSha256} (3 B), expected ${EXPECTED.sha256} (3 B)`);
    expect(w.failure).toBe('wrong-output');
    expect(w.warm).toStrictEqual(seriesOf([2], [0]));
    expect(r.fake.invocations('w')).toBe(3);
    expect(get(r, 'ok').warm.durationMs).toHaveLength(5);
    // The endpoint named no runtime client: none is recorded.
    expect(get(r, 'ok').runtimeClients).toStrictEqual(new Set());
  });

  it('records neither the figures nor the runtime client of a forced start that answered wrongly, and forces nothing more', async () => {
    // Calls: 1 priming, 2 warm-up, 3 warm, 4 the forced start, which answers wrongly.
    const r = await run(['w'], { warm: 1, environments: 3, warmup: 1 }, { scripts: { w: (c) => (c.n === 4 ? { output: WRONG } : {}) }, runtimeClient: (_name, env) => `ric-${env}` });
    const w = get(r, 'w');
    expect(w.failure).toBe('wrong-output');
    expect(w.cold).toStrictEqual(EMPTY);
    expect(w.runtimeClients).toStrictEqual(new Set(['ric-0']));
    expect(r.fake.updates).toHaveLength(1);
    expect(r.fake.invocations('w')).toBe(4);
    // No warm-up announced for a new environment whose function already failed.
    expect(r.progress).toStrictEqual([
      'environment 1/3: warm-up 1/1', 'environment 1/3: warm 1/1', 'environment 2/3: new environments (one forced cold start each)', 'environment 2/3: warm 1/1',
    ]);
  });

  it('forces no environment for a function that failed in the first block', async () => {
    const r = await run(['w'], { warm: 2, environments: 3, cold: 3 }, { scripts: { w: (c) => (c.n === 2 ? { status: 'timeout' } : {}) } });
    expect(get(r, 'w')).toMatchObject({ error: 'REPORT Status: timeout', failure: 'timeout' });
    expect(r.fake.updates).toStrictEqual([]);
    expect(r.progress).toStrictEqual(['environment 1/3: warm 1/2', 'environment 1/3: warm 2/2']);
  });

  it('tells a function error (crashed) from an endpoint without Invoke (a capability gap) and from a bad request', async () => {
    const r = await run(['crash', 'gap', 'bad'], {}, {
      scripts: {
        crash: () => ({ functionError: 'RangeError' }),
        gap: () => ({ fail: sdkError('UnknownOperationException', 'no route', 404) }),
        bad: () => ({ fail: sdkError('InvalidRequestContentException', 'bad payload', 400) }),
      },
    });
    // A failed first call says nothing about log tails.
    expect(get(r, 'crash')).toMatchObject({ failure: 'crashed', missingApi: false, reports: true, unavailable: [] });
    expect(get(r, 'crash').error).toMatch(/^function error \(Unhandled\): \{"errorType":"RangeError"/);
    expect(get(r, 'gap')).toMatchObject({ error: 'Invoke → HTTP 404 UnknownOperationException: no route', failure: 'not-measured', missingApi: true });
    expect(get(r, 'bad')).toMatchObject({ error: 'Invoke → HTTP 400 InvalidRequestContentException: bad payload', failure: 'not-measured', missingApi: false });
    // An HTTP answer, however bad, proves the endpoint is there: nobody asks again.
    expect(r.fake.answeringChecks()).toBe(0);
  });

  it('asks the endpoint again after a call without an answer, and fails only that function while it still answers', async () => {
    const r = await run(['t', 'ok'], { warm: 3 }, { scripts: { t: (c) => (c.n === 2 ? { fail: TIMEOUT() } : {}) } });
    expect(get(r, 't')).toMatchObject({ error: 'Invoke → no answer (request timeout)', failure: 'timeout' });
    expect(r.fake.answeringChecks()).toBe(1);
    expect(get(r, 'ok').warm.durationMs).toHaveLength(3);
    expect(get(r, 'ok').error).toBeUndefined();
  });

  it('stops every function when the endpoint went silent, leaving an earlier failure as it was', async () => {
    const r = await run(['crash', 't', 'later'], { warm: 3 }, {
      scripts: { crash: () => ({ functionError: 'Error' }), t: () => ({ fail: TIMEOUT() }) },
      silentReason: GONE,
    });
    expect(get(r, 't')).toMatchObject({ error: `Invoke → no answer (request timeout); the endpoint stopped answering (${GONE})`, failure: 'unreachable' });
    expect(get(r, 'later')).toMatchObject({ error: `not measured: the endpoint stopped answering (${GONE})`, failure: 'unreachable' });
    expect(get(r, 'crash').error).toMatch(/^function error \(Unhandled\)/);
    expect(get(r, 'crash').failure).toBe('crashed');
    // Stopped before its priming call.
    expect(r.fake.invocations('later')).toBe(0);
    expect(r.fake.calls.map((c) => c.functionName)).toStrictEqual(['crash', 't']);
  });

  it('forces no other function once the endpoint went silent during a forced start (blocks and cold rounds alike)', async () => {
    for (const over of [{ environments: 2 }, { cold: 1 }]) {
      const silentWhenCold = { fail: TIMEOUT() };
      const r = await run(['x', 'y'], over, { scripts: { x: (c) => (c.n > 1 && c.cold ? silentWhenCold : {}), y: (c) => (c.n > 1 && c.cold ? silentWhenCold : {}) }, silentReason: GONE });
      expect(r.fake.updates, JSON.stringify(over)).toHaveLength(1);
      for (const name of ['x', 'y']) expect(get(r, name).failure, `${name} ${JSON.stringify(over)}`).toBe('unreachable');
    }
  });

  it('calls no other function once the endpoint went silent during a warm-up or a warm round', async () => {
    for (const warmup of [1, 0]) {
      const silent = { fail: TIMEOUT() };
      const r = await run(['x', 'y'], { warmup, warm: 2 }, { scripts: { x: (c) => (c.n === 2 ? silent : {}), y: (c) => (c.n === 2 ? silent : {}) }, silentReason: GONE });
      // Both primed, then one call: whichever came first went unanswered and stopped both.
      expect(r.fake.calls, `warmup ${warmup}`).toHaveLength(3);
      for (const name of ['x', 'y']) expect(get(r, name).failure, `${name} warmup ${warmup}`).toBe('unreachable');
    }
  });

  it('runs no warm-up round when every function failed its priming call', async () => {
    const r = await run(['crash'], { warmup: 2 }, { scripts: { crash: () => ({ functionError: 'Error' }) } });
    expect(r.fake.calls).toHaveLength(1);
    expect(r.progress).toStrictEqual(['warm 1/1']);
  });

  it('calls nothing when the endpoint is known gone before the group', async () => {
    const r = await run(['a', 'b'], { warm: 2, cold: 1 }, { downAtStart: GONE });
    // Not a capability gap (that would publish the row as unsupported), and nothing known about log tails.
    for (const name of ['a', 'b']) expect(get(r, name)).toMatchObject({ error: `not measured: the endpoint stopped answering (${GONE})`, failure: 'unreachable', missingApi: false, reports: true });
    expect(r.fake.calls).toStrictEqual([]);
    expect(r.progress).toStrictEqual([]);
  });
});

describe('measureFunctions: warming the client up', () => {
  const quick = 1_000_000;
  const slow = 5_000_000;

  it('after the warm-up rounds, calls the quickest function until the client has made its target calls', async () => {
    const client = { calls: 0, targetCalls: 10, budgetMs: 1e9 };
    const r = await run(['s', 'q'], { warmup: 2, client }, { scripts: { s: () => ({ clientNs: slow }), q: () => ({ clientNs: quick }) } });
    expect(r.progress).toStrictEqual(['warm-up 1/2', 'warm-up 2/2', 'warming up the SDK client', 'warm 1/1']);
    // 2 rounds of both (4 calls), 6 more to q, then a warm round of both.
    expect(r.fake.invocations('s')).toBe(1 + 2 + 1);
    expect(r.fake.invocations('q')).toBe(1 + 2 + 6 + 1);
    expect(client.calls).toBe(12);
  });

  it('keeps to the first function listed when two are equally quick', async () => {
    const client = { calls: 0, targetCalls: 6, budgetMs: 1e9 };
    const r = await run(['q1', 'q2'], { warmup: 1, client }, { scripts: { q1: () => ({ clientNs: quick }), q2: () => ({ clientNs: quick }) } });
    expect(r.fake.invocations('q1')).toBe(1 + 1 + 4 + 1);
    expect(r.fake.invocations('q2')).toBe(1 + 1 + 1);
  });

  it('stops at the budget on its clock, and runs no extra calls without warm-up rounds or once the client is warm', async () => {
    const fakeMs = (fake: ScriptedLambda) => () => Number(fake.clockNs()) / 1e6;
    // 1 ms per call on the fake clock: the budget of 5 ms is spent by the 2 warm-up calls and 3 more.
    const budget = { calls: 0, targetCalls: 100, budgetMs: 5 };
    const fake = scriptedLambda({ scripts: { q: () => ({ clientNs: quick }) } });
    const plan: SamplingPlan = { warm: 1, environments: 1, warmup: 2, client: budget, cold: 0, seed: 1, maxWaitTime: 5, clockNs: fake.clockNs, clockMs: fakeMs(fake) };
    await measureFunctions(fake.session, [{ name: 'q' }], EVENT, EXPECTED, plan, () => undefined);
    expect(fake.invocations('q')).toBe(1 + 2 + 3 + 1);
    expect(budget.calls).toBe(2 + 3 + 1);

    const none = await run(['q'], { warmup: 0, client: { calls: 0, targetCalls: 100, budgetMs: 1e9 } });
    expect(none.fake.invocations('q')).toBe(2);
    expect(none.progress).toStrictEqual(['warm 1/1']);
    // The warm-up round brings the client exactly to its target: no extra calls, no message.
    const warm = await run(['q'], { warmup: 1, client: { calls: 4, targetCalls: 5, budgetMs: 1e9 } });
    expect(warm.fake.invocations('q')).toBe(3);
    expect(warm.progress).toStrictEqual(['warm-up 1/1', 'warm 1/1']);
  });

  it('warms a new run\'s client up to its thousand calls', async () => {
    const client = newClientWarmth();
    expect(client.calls).toBe(0);
    // A budget clock that stands still: the count cannot depend on how busy the machine is.
    const r = await run(['q'], { warmup: 1, client, clockMs: () => 0 });
    expect(r.fake.invocations('q')).toBe(1 + 1000 + 1);
    expect(client.calls).toBe(1000 + 1);
  });

  it('stops warming the client when its only function fails, and keeps the failure', async () => {
    const client = { calls: 0, targetCalls: 100, budgetMs: 1e9 };
    const r = await run(['q'], { warmup: 1, client }, { scripts: { q: (c) => (c.n === 4 ? { output: WRONG } : {}) } });
    expect(get(r, 'q').failure).toBe('wrong-output');
    expect(r.fake.invocations('q')).toBe(4);
    expect(client.calls).toBe(3);
  });
});
