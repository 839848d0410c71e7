import { describe, expect, it } from 'vitest';
import { COLD_GROUP, compactColdSample, lambdaGroup, plannedGroups, ProgressTracker, restoreColdSample, warmGroup, withJournalColdSamples } from './progress.js';
import type { RunRecord } from '../contract/index.js';
import type { ColdSample } from '../cold/types.js';
import { lambdaOptionsFrom } from '../options/lambda.js';
import type { BenchOptions } from './options.js';
import type { KeptColdSample, PendingLambdaFunction } from '../contract/index.js';

const options = (over: Partial<BenchOptions>): BenchOptions =>
  ({ workloads: ['a', 'b'], sizes: ['small', 'medium'], placements: ['local'], timeMs: 10, coldSamples: 3, quick: true, lambda: lambdaOptionsFrom({}, true), ...over }) as BenchOptions;

const coldSample = (sequence: number): ColdSample =>
  ({
    type: 'cold', item: { kind: 'baseline', engine: 'default' }, key: 'baseline/default', round: 0, sequence, argv: ['/usr/bin/node', 'x'], envRemoved: [], wallNs: 5,
    state: 'completed', processStartNs: 1, timeToFirstResultNs: 2, timeToFirstResultChildNs: 2, harnessNs: 1, phases: [], callsNs: [1.23456, 2],
    memoryAfterFirstCall: {}, memoryAtEnd: {}, maxRssBytes: 1, cpuUserUs: 1, cpuSystemUs: 1, node: 'v20', v8: '11', execArgv: [],
  }) as unknown as ColdSample;

describe('plannedGroups', () => {
  it('lists warm groups, the cold mode and Lambda groups in run order', () => {
    expect(plannedGroups(options({ placements: ['local', 'lambda'] }))).toEqual([
      warmGroup('a', 'small'), warmGroup('a', 'medium'), warmGroup('b', 'small'), warmGroup('b', 'medium'), COLD_GROUP, lambdaGroup('a', 'small'), lambdaGroup('b', 'small'),
    ]);
  });
  it('leaves out modes switched off', () => {
    expect(plannedGroups(options({ timeMs: 0 }))).toEqual([COLD_GROUP]);
    expect(plannedGroups(options({ coldSamples: 0, sizes: ['small'] }))).toEqual([warmGroup('a', 'small'), warmGroup('b', 'small')]);
  });
});

const series = { clientNs: [], durationMs: [], billedMs: [], handlerNs: [], maxMemoryUsedMB: [], initMs: [], environment: [] };
/** A Lambda function's samples before any was taken. */
const PENDING: PendingLambdaFunction = {
  warm: series,
  cold: series,
  warmDropped: 0,
  coldDropped: 0,
  counters: { retries: 0, throttles: 0, serverErrors: 0, networkErrors: 0 },
  missingApi: false,
  reports: true,
  unavailable: [],
  runtimeClients: [],
  environments: [],
};

describe('ProgressTracker', () => {
  it('keeps samples of unfinished groups and drops them when the group finishes', () => {
    const tracker = new ProgressTracker(['warm/a/small', COLD_GROUP, 'lambda/a/small']);
    tracker.coldSamples.push(coldSample(0), coldSample(1));
    const pending = { ...PENDING, warm: { ...PENDING.warm, clientNs: [1, 2] } };
    tracker.lambdaInProgress('lambda/a/small', () => ({ f: pending }));
    tracker.finish('warm/a/small');
    let snap = tracker.snapshot();
    expect(snap.finished).toEqual(['warm/a/small']);
    expect(snap.coldSamples).toHaveLength(2);
    expect(snap.lambdaGroup).toEqual({ group: 'lambda/a/small', functions: { f: pending } });
    tracker.finish(COLD_GROUP);
    tracker.finish('lambda/a/small');
    snap = tracker.snapshot();
    expect(snap).toEqual({ planned: ['warm/a/small', COLD_GROUP, 'lambda/a/small'], finished: ['warm/a/small', COLD_GROUP, 'lambda/a/small'] });
  });
  it('starts a resumed run from what was recorded', () => {
    const tracker = new ProgressTracker(['warm/a/small', COLD_GROUP], { planned: [], finished: ['warm/a/small'], coldSamples: [compactColdSample(coldSample(3))] });
    expect(tracker.isFinished('warm/a/small')).toBe(true);
    expect(tracker.isFinished(COLD_GROUP)).toBe(false);
    expect(tracker.coldSamples.map((s) => s.sequence)).toEqual([3]);
  });
});

describe('compactColdSample', () => {
  it('drops what every sample repeats, rounds call times, and restores to a summarisable sample', () => {
    const kept = compactColdSample(coldSample(7));
    expect(kept).not.toHaveProperty('argv');
    expect(kept).not.toHaveProperty('node');
    expect(kept.state === 'completed' && kept.callsNs).toEqual([1.2, 2]);
    const back = restoreColdSample(JSON.parse(JSON.stringify(kept)) as KeptColdSample);
    expect(back).toMatchObject({ sequence: 7, state: 'completed', argv: [], callsNs: [1.2, 2] });
  });
});

describe('withJournalColdSamples', () => {
  const run = (finished: string[]): RunRecord =>
    ({ runId: 'r1', progress: { planned: [COLD_GROUP], finished, coldSamples: [compactColdSample(coldSample(0))] } }) as unknown as RunRecord;
  const line = (runId: string, sequence: number): string => JSON.stringify({ runId, kind: 'cold', ...coldSample(sequence) });
  it('adds the cold samples of this run that only samples.jsonl holds, once each, in sequence order', () => {
    const journal = [line('r1', 2), line('r1', 0), line('other', 5), line('r1', 1), '{"runId":"r1","kind":"cold","seq'].join('\n');
    const seen = withJournalColdSamples(run([]), journal);
    expect(seen.progress?.coldSamples?.map((s) => s['sequence'])).toEqual([0, 1, 2]);
    expect(seen.progress?.coldSamples?.[1]).not.toHaveProperty('runId');
  });
  it('leaves a run whose cold mode finished alone', () => {
    const finished = run([COLD_GROUP]);
    expect(withJournalColdSamples(finished, line('r1', 3))).toBe(finished);
  });
});
