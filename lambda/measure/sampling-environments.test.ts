/**
 * Warm samples from several execution environments (issue 12), against the
 * local Lambda: each function's handler answers an id drawn once per
 * process, so every sample says which environment really served it. The
 * tests check that the runner's record of environments matches that truth:
 * one environment per block, a new one forced between blocks, the forced
 * start kept as a cold sample, a replacement mid-block counted as a new
 * environment, and two functions sampled side by side paired block by block.
 */
import { CreateFunctionCommand, waitUntilFunctionActiveV2, type InvokeCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalLambda } from '../local/server.js';
import type { LocalLambda } from '../local/types.js';
import { measureFunctions, type FunctionSamples, type SamplingPlan } from './sampling.js';
import { forceColdStart } from './force.js';
import { groupByEnvironment, pairedByBlock } from './environments.js';
import { lambdaOptionsFrom } from '../../harness/options/lambda.js';
import { openSession, type LambdaSession } from './session.js';

const ANSWER = { outputSha256: 'ab'.repeat(32), outputBytes: 3 };
const EXPECTED = { sha256: ANSWER.outputSha256, bytes: ANSWER.outputBytes };
const EVENT = Buffer.from('{}');
// `handlerNs` carries an id drawn once per process (module scope runs at INIT): the environment's fingerprint.
const SOURCE = `const id = 1 + Math.floor(Math.random() * 2 ** 40); export const handler = async () => ({ ...${JSON.stringify(ANSWER)}, handlerNs: id });`;

/** The process id each warm sample was served by, grouped by the environment id the runner recorded. */
function truthByRecorded(s: FunctionSamples): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  s.warm.environment.forEach((env, i) => {
    const set = out.get(env) ?? new Set<number>();
    set.add(s.warm.handlerNs[i] as number);
    out.set(env, set);
  });
  return out;
}

describe('measureFunctions: warm samples from several execution environments', () => {
  let local: LocalLambda;
  let session: LambdaSession;
  beforeAll(async () => {
    local = await startLocalLambda({ port: 0, notice: () => undefined, credentialFile: true });
    session = await openSession(lambdaOptionsFrom({ endpoint: local.endpoint }, true), () => undefined);
    for (const name of ['wlbenv-a', 'wlbenv-b', 'wlbenv-c', 'wlbenv-d']) {
      await session.control.send(new CreateFunctionCommand({
        FunctionName: name, Role: 'arn:aws:iam::000000000000:role/test', Runtime: 'nodejs20.x', Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.mjs': strToU8(SOURCE) }) }, MemorySize: 1769,
      }));
      await waitUntilFunctionActiveV2({ client: session.control, maxWaitTime: 30 }, { FunctionName: name });
    }
  });
  afterAll(async () => {
    await session?.close();
    await local?.close();
  });

  // A client counted as warm already: no extra warm-up calls (measure.test.ts covers those).
  const plan = (over: Partial<SamplingPlan>): SamplingPlan => ({
    warm: 3, environments: 3, warmup: 1, client: { calls: 0, targetCalls: 0, budgetMs: 0 }, cold: 0, seed: 7, maxWaitTime: 30, ...over,
  });

  it('takes each block in its own environment, as recorded, and keeps each forced start as a cold sample', async () => {
    const samples = await measureFunctions(session, [{ name: 'wlbenv-a' }, { name: 'wlbenv-b' }], EVENT, EXPECTED, plan({}), () => undefined);
    for (const name of ['wlbenv-a', 'wlbenv-b']) {
      const s = samples.get(name) as FunctionSamples;
      expect(s.error).toBeUndefined();
      expect(s.environments).toStrictEqual([{ block: 0, start: 'priming' }, { block: 1, start: 'forced' }, { block: 2, start: 'forced' }]);
      expect(s.warm.environment).toStrictEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
      expect(s.warm.durationMs).toHaveLength(9);
      // The truth: one process behind each recorded environment, and a different one for each.
      const truth = truthByRecorded(s);
      expect([...truth.values()].map((ids) => ids.size)).toStrictEqual([1, 1, 1]);
      expect(new Set([...truth.values()].flatMap((ids) => [...ids])).size).toBe(3);
      // The start of environments 2 and 3 was a timed cold start (Init Duration) of the process that then served the block.
      expect(s.cold.initMs).toHaveLength(2);
      expect(s.cold.environment).toStrictEqual([1, 2]);
      expect(s.cold.handlerNs).toStrictEqual([...(truth.get(1) ?? [])].concat([...(truth.get(2) ?? [])]));
      expect(s.coldDropped).toBe(0);
    }
    // Both functions had one environment in each block: a paired comparison is possible.
    const [a, b] = ['wlbenv-a', 'wlbenv-b'].map((name) => {
      const s = samples.get(name) as FunctionSamples;
      return groupByEnvironment(s.warm.durationMs, s.warm.environment, s.environments.map((e) => e.block));
    });
    expect(a?.blocks).toStrictEqual([0, 1, 2]);
    expect(pairedByBlock(a!, b!)).toBe(true);
  });

  it('makes up the forced-cold samples still owed with rounds of cold starts alone, after the warm blocks', async () => {
    const samples = await measureFunctions(session, [{ name: 'wlbenv-c' }], EVENT, EXPECTED, plan({ warm: 2, warmup: 0, cold: 4 }), () => undefined);
    const s = samples.get('wlbenv-c') as FunctionSamples;
    expect(s.error).toBeUndefined();
    expect(s.cold.initMs).toHaveLength(4);
    expect(s.environments.map((e) => e.block)).toStrictEqual([0, 1, 2, 3, 4]);
    // Warm samples only in the three warm blocks' environments.
    expect(s.warm.environment).toStrictEqual([0, 0, 1, 1, 2, 2]);
    expect(new Set(s.cold.handlerNs).size).toBe(4);
  });

  it('counts an environment replaced mid-block as a new one (the sample that started it dropped), which breaks the pairing', async () => {
    // The 3rd call to the function (its 2nd warm sample) finds its environment retired just before it is sent.
    let calls = 0;
    const timed = session.timed;
    const replacing = {
      send: async (command: InvokeCommand, ...rest: unknown[]) => {
        calls += 1;
        if (calls === 3) await forceColdStart(session, 'wlbenv-d', `replace-${Date.now()}`, 30);
        return (timed.send as (c: InvokeCommand, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
      },
    } as unknown as LambdaSession['timed'];
    const samples = await measureFunctions({ ...session, timed: replacing }, [{ name: 'wlbenv-d' }], EVENT, EXPECTED, plan({ warm: 4, environments: 1, warmup: 0 }), () => undefined);
    const s = samples.get('wlbenv-d') as FunctionSamples;
    expect(s.error).toBeUndefined();
    expect(s.warmDropped).toBe(1);
    expect(s.environments).toStrictEqual([{ block: 0, start: 'priming' }, { block: 0, start: 'replaced' }]);
    expect(s.warm.environment).toStrictEqual([0, 1, 1]);
    const truth = truthByRecorded(s);
    expect([...truth.values()].map((ids) => ids.size)).toStrictEqual([1, 1]);
    expect(new Set([...truth.values()].flatMap((ids) => [...ids])).size).toBe(2);
    const series = groupByEnvironment(s.warm.durationMs, s.warm.environment, s.environments.map((e) => e.block));
    expect(series.blocks).toStrictEqual([0, 0]);
    expect(pairedByBlock(series, { samplesNs: [[1]], blocks: [0] })).toBe(false);
  });
});
