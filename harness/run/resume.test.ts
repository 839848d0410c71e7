import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBench, type Mode } from './bench.js';
import { warmGroup } from './progress.js';
import { loadResumable, ResumeError } from './resume.js';
import { RunWriter } from './writer.js';
import { parseCommand } from '../options/bench.js';
import { UsageError } from '../options/errors.js';
import { loadCatalog, type CatalogEntry } from '../workloads/catalog.js';
import { lambdaOptionsFrom } from '../options/lambda.js';
import type { BenchOptions } from './options.js';
import type { LivenessProbe } from './owner.js';
import type { RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';

/** This host, where no process is alive (the run's process has died). */
const deadEverywhere: LivenessProbe = { hostname: hostname(), bootId: undefined, exists: () => false, startTicks: () => undefined };

let catalog: CatalogEntry[];
beforeAll(async () => {
  catalog = await loadCatalog();
});

function options(outDir: string): BenchOptions {
  return {
    workloads: ['noop', 'sha256'], targets: [], sizes: ['small'], sizesExplicit: false, placements: ['local'], timeMs: 1, warmupMs: 0, rounds: 1, seed: 1,
    forks: 1, maxForks: 1, resolveBudgetMs: 0, controls: false,
    coldSamples: 0, coldSizes: ['small'], engines: ['default'], coldCalls: 0, coldCallBudgetMs: 0, coldTimeoutMs: 100, quick: true, wide: false, outDir, lambda: lambdaOptionsFrom({}, true),
  };
}

/** A mode that "measures" each unfinished warm group as a row, and stops after `stopAfter` groups (a fake interruption). */
function fakeWarm(measured: string[], stopAfter = Infinity): Mode {
  return async (context) => {
    for (const workload of context.options.workloads) {
      const group = warmGroup(workload, 'small');
      if (context.progress.isFinished(group)) continue;
      if (measured.length >= stopAfter) throw new Error('stopped');
      measured.push(group);
      context.table.complete({ workload, target: 'node', placement: 'local', size: 'small' }, {});
      context.sink.samples({ kind: 'warm', workload, target: 'node', placement: 'local', size: 'small', fork: 0, callsPerSample: 1, samplesNs: [1] });
      context.progress.finish(group);
      context.sink.checkpoint();
    }
  };
}

/** Runs with run.json and samples.jsonl on disk, as the CLI does. */
async function run(dir: string, modes: Mode[], resumed?: RunRecord): Promise<RunRecord> {
  const writer = new RunWriter(dir, { fresh: resumed === undefined });
  return runBench('run-1', resumed ? { ...options(dir) } : options(dir), catalog, modes, {
    persist: (r) => writer.writeRun(r),
    samples: (r) => writer.appendSamples(r),
    progress: () => undefined,
  }, resumed);
}

describe('an interrupted run, resumed', () => {
  it('keeps finished groups, measures only the rest, ends completed with every row, and records the resumption', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-test-'));
    const first: string[] = [];
    await expect(run(dir, [fakeWarm(first, 1)])).rejects.toThrow('stopped');
    const stopped = readRunRecord(join(dir, 'run.json'));
    expect(stopped.state).toBe('running');
    expect(stopped.progress?.finished).toEqual([warmGroup('noop', 'small')]);

    // The process "died": its pid is gone, so the run reads as interrupted and can be resumed.
    const { run: resumable, options: recorded } = loadResumable(dir, deadEverywhere);
    expect(resumable.state).toBe('interrupted');
    expect(recorded.workloads).toEqual(['noop', 'sha256']);
    const second: string[] = [];
    const done = await run(dir, [fakeWarm(second)], resumable);
    expect(second).toEqual([warmGroup('sha256', 'small')]);
    expect(done.state).toBe('completed');
    expect(done.runId).toBe('run-1');
    expect(done.startedAt).toBe(stopped.startedAt);
    expect(done.results.map((r) => r.workload)).toEqual(['noop', 'sha256']);
    expect(done.resumes).toHaveLength(1);
    expect(done.resumes?.[0]?.finishedBefore).toBe(1);
    // Every sample line carries the run id.
    const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['runId'])).toEqual(['run-1', 'run-1']);
    // And now it is complete: nothing to resume, and --out into it is refused.
    expect(() => loadResumable(dir, deadEverywhere)).toThrow(/completed run/);
    expect(() => new RunWriter(dir, { fresh: true })).toThrow(/already holds a run/);
  });

  it('writes run.json before anything is measured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-test-'));
    let seen: RunRecord | undefined;
    const peek: Mode = async () => {
      seen = readRunRecord(join(dir, 'run.json'));
    };
    await run(dir, [peek]);
    expect(seen?.state).toBe('running');
    expect(seen?.owner?.pid).toBe(process.pid);
    expect(seen?.progress?.finished).toEqual([]);
  });
});

describe('loadResumable refuses', () => {
  const write = (record: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-test-'));
    writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
    return dir;
  };
  it('a directory without run.json, unreadable JSON and schema mismatches, each in one line', () => {
    expect(() => loadResumable(mkdtempSync(join(tmpdir(), 'resume-test-')))).toThrow(ResumeError);
    const broken = mkdtempSync(join(tmpdir(), 'resume-test-'));
    writeFileSync(join(broken, 'run.json'), '{"schemaVersion": 1, "ru');
    expect(() => loadResumable(broken)).toThrow(/not readable JSON/);
    expect(() => loadResumable(write({ schemaVersion: 1 }))).toThrow(/does not match the run\.json schema: \/runId: missing required field/);
  });
  it('a run still being measured by a live process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-test-'));
    let message = '';
    await run(dir, [async () => {
      try {
        loadResumable(dir);
      } catch (error) {
        message = (error as Error).message;
      }
    }]);
    expect(message).toMatch(/still being measured by process \d+/);
  });
});

describe('--resume on the command line', () => {
  const known = { workloads: ['noop'], targets: ['node' as const], defaultTargets: ['node' as const] };
  it('takes the directory and refuses any other option', () => {
    expect(parseCommand(['--resume', '/tmp/x'], known, 'id')).toEqual({ kind: 'resume', dir: '/tmp/x' });
    expect(() => parseCommand(['--resume', '/tmp/x', '--quick'], known, 'id')).toThrow(UsageError);
    expect(() => parseCommand(['--resume', '/tmp/x', '--quick'], known, 'id')).toThrow('drop --quick');
  });
});
