import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import { configurationOf, type RunRecord } from '../contract/index.js';
import { lambdaRow } from '../report/lambda-rows.fixture.js';
import { sampleRun } from '../report/fixtures.js';
import { migrateV1 } from './migrate-v1.js';
import { parseRunRecord, RunFileError, toRunRecord } from './read.js';
import { RunSchemaError, validateAgainstSchema } from './validate.js';

const PUBLISHED = join(RESULTS_DIR, 'published');
const publishedDirs = readdirSync(PUBLISHED, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const v1Text = (dir: string): string => readFileSync(join(PUBLISHED, dir, 'run.json'), 'utf8');

/** A mutable copy of a valid version-2 run with a Lambda row first. */
function lambdaRun(): Record<string, any> {
  const run = sampleRun([lambdaRow('wasm', 1769, { durationNs: 1e6, costPerMillionUsd: 0.3 }), ...sampleRun().results]);
  return JSON.parse(JSON.stringify(run)) as Record<string, any>;
}

/** The first failure's "path: message", or "" when the run is valid. */
function firstError(run: unknown): string {
  const [first] = validateAgainstSchema(run);
  return first ? `${first.path}: ${first.message}` : '';
}

describe('validating run.json against the contract (ajv)', () => {
  it('accepts the fixture runs', () => {
    expect(validateAgainstSchema(sampleRun())).toEqual([]);
    expect(validateAgainstSchema(lambdaRun())).toEqual([]);
  });

  it('refuses memoryMB: -1, costPerMillionUsd: "cheap" and unknown fields, naming each path', () => {
    const memory = lambdaRun();
    memory.results[0].lambda.memoryMB = -1;
    expect(firstError(memory)).toBe('/results/0/lambda/memoryMB: must be >= 128');
    const cost = lambdaRun();
    cost.results[0].lambda.cost.warmPerMillionUsd = 'cheap';
    expect(firstError(cost)).toBe('/results/0/lambda/cost/warmPerMillionUsd: must be number');
    const stray = lambdaRun();
    stray.results[0].costPerMillionUsd = 0.3;
    expect(firstError(stray)).toBe('/results/0/costPerMillionUsd: unknown field (not in the results contract)');
    const nested = lambdaRun();
    nested.results[0].lambda.warm.client.p50Ns = 1;
    expect(firstError(nested)).toBe('/results/0/lambda/warm/client/p50Ns: unknown field (not in the results contract)');
    const top = lambdaRun();
    top.futureBlock = {};
    expect(firstError(top)).toBe('/futureBlock: unknown field (not in the results contract)');
  });

  it('keeps the placements apart: no engine on a Lambda row, no lambda block on a local one', () => {
    const engine = lambdaRun();
    engine.results[0].engine = '1769MB-x86_64';
    expect(firstError(engine)).toBe('/results/0/engine: unknown field (not in the results contract)');
    const block = lambdaRun();
    block.results[1].lambda = block.results[0].lambda;
    expect(firstError(block)).toBe('/results/1/lambda: unknown field (not in the results contract)');
    const missing = lambdaRun();
    delete missing.results[0].lambda;
    expect(firstError(missing)).toBe('/results/0/lambda: missing required field');
  });

  it('asks an errored row for its reason and a known failure kind, and refuses an unknown state', () => {
    const run = lambdaRun();
    const index = run.results.findIndex((r: { state: string }) => r.state === 'errored');
    delete run.results[index].error;
    expect(firstError(run)).toBe(`/results/${index}/error: missing required field`);
    run.results[index].error = 'x';
    run.results[index].failure = 'flaky';
    expect(firstError(run)).toBe(`/results/${index}/failure: must be equal to one of the allowed values: "wrong-output", "crashed", "timeout", "unreachable", "not-measured"`);
    run.results[0].state = 'done';
    expect(validateAgainstSchema(run).map((e) => e.path)).toContain('/results/0/state');
  });

  it('throws RunSchemaError whose message names the first failing path', () => {
    const run = lambdaRun();
    run.results[0].lambda.arch = 'sparc';
    expect(() => toRunRecord(run, 'runs/x/run.json')).toThrow(RunSchemaError);
    expect(() => toRunRecord(run, 'runs/x/run.json')).toThrow(/^runs\/x\/run\.json does not match the run\.json schema: \/results\/0\/lambda\/arch: must be equal to one of the allowed values/);
  });

  it('refuses versions it cannot read, and text that is not a run', () => {
    expect(() => toRunRecord({ ...sampleRun(), schemaVersion: 3 }, 'a')).toThrow(new RunFileError('a has schemaVersion 3; this code reads versions 1 and 2'));
    expect(() => parseRunRecord('[1]', 'a')).toThrow(/not an object/);
    expect(() => parseRunRecord('{"schemaVersion": 2,', 'a')).toThrow(/^a is not JSON/);
  });
});

describe('version 1 -> 2 on read', () => {
  it.each(publishedDirs)('migrates the published run %s to a valid version-2 run', (dir) => {
    const run = parseRunRecord(v1Text(dir), dir);
    expect(run.schemaVersion).toBe(2);
    expect(run.state).toBeDefined();
    const v1 = JSON.parse(v1Text(dir)) as { results: Array<Record<string, any>> };
    expect(run.results).toHaveLength(v1.results.length);
    run.results.forEach((row, i) => {
      const old = v1.results[i]!;
      expect(row.state).toBe(old['status']);
      // The row keeps its identity: the configuration label is what version 1 wrote as engine.
      expect(configurationOf(row)).toBe(old['engine'] ?? 'default');
    });
  });

  it('moves a Lambda row\'s memory, architecture, endpoint and runtime into its block and drops the repeated figures', () => {
    const dir = publishedDirs.find((d) => d.includes('lambda'))!;
    const v1 = JSON.parse(v1Text(dir)) as Record<string, any>;
    const old = v1.results[0];
    const [row] = parseRunRecord(v1Text(dir), dir).results;
    if (row?.placement !== 'lambda' || row.state !== 'completed') throw new Error('expected a completed Lambda row');
    expect(row.engine).toBeUndefined();
    expect(row.lambda).toMatchObject({ memoryMB: old.memoryMB, arch: old.arch, endpoint: old.endpoint, runtime: old.build.runtime });
    expect(row.lambda.maxMemoryUsedMB?.max).toBe(old.maxMemoryUsedMB);
    expect(row.lambda.cost?.warmPerMillionUsd).toBe(old.costPerMillionUsd);
    expect(row).not.toHaveProperty('costPerMillionUsd');
    expect(row).not.toHaveProperty('memoryMB');
  });

  it('turns keyed baselines into lists, and keeps an errored row without a failure kind as it was (reports call it INVALID)', () => {
    const dir = publishedDirs.find((d) => d.includes('default'))!;
    const run: RunRecord = parseRunRecord(v1Text(dir), dir);
    expect(run.baselines?.emptyProcess?.map((b) => [b.engine, b.state])).toEqual([['default', 'completed']]);
    const v1 = JSON.parse(v1Text(dir)) as Record<string, any>;
    v1.results[0] = { workload: 'w', target: 'wasm', placement: 'lambda', size: 'small', engine: '128MB-arm64', status: 'errored', verified: false, error: 'x' };
    const migrated = toRunRecord(v1, 'v1');
    expect(migrated.results[0]).toEqual({ workload: 'w', target: 'wasm', placement: 'lambda', size: 'small', lambda: { memoryMB: 128, arch: 'arm64' }, state: 'errored', verified: false, error: 'x' });
  });

  it('leaves a version-2 run alone and only ever migrates version 1', () => {
    const run = sampleRun();
    expect(toRunRecord(JSON.parse(JSON.stringify(run)), 'v2')).toEqual(run);
    expect(migrateV1({ schemaVersion: 1, results: [] })).toMatchObject({ schemaVersion: 2, state: 'completed', results: [] });
  });
});
