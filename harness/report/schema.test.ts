import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../paths.js';
import { sampleRun } from './fixtures.js';
import { validateAgainstSchema } from './schema-check.js';
import { RUN_SCHEMA, schemaExporter } from './schema.js';

/** A deep, mutable copy of a fixture run for breaking it on purpose. */
function mutableRun(): Record<string, any> {
  return JSON.parse(JSON.stringify(sampleRun())) as Record<string, any>;
}

const messages = (value: unknown) => validateAgainstSchema(RUN_SCHEMA, value).map((e) => `${e.path}: ${e.message}`);

describe('run.schema.json', () => {
  it('is committed at results/run.schema.json, identical to the exporter output', () => {
    const committed = readFileSync(join(RESULTS_DIR, 'run.schema.json'), 'utf8');
    expect(schemaExporter.serialize(sampleRun())).toBe(committed);
    expect(JSON.parse(committed).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the fixture run (completed, errored, unsupported rows, cold and resource blocks)', () => {
    expect(messages(sampleRun())).toEqual([]);
  });

  it('accepts extension fields (Lambda figures on a completed row, extra run-level blocks)', () => {
    const run = mutableRun();
    run.results[0] = { ...run.results[0], placement: 'lambda', memoryMB: 512, arch: 'arm64', costPerMillionUsd: 1.2 };
    run.futureBlock = { anything: true };
    expect(messages(run)).toEqual([]);
  });

  it('rejects a record missing required top-level and environment fields', () => {
    const run = mutableRun();
    delete run.runId;
    delete run.environment.v8;
    expect(messages(run)).toEqual(['/: missing required property "runId"', '/environment: missing required property "v8"']);
  });

  it('rejects an errored row without its reason, naming the missing field', () => {
    const run = mutableRun();
    const index = run.results.findIndex((r: { status: string }) => r.status === 'errored');
    delete run.results[index].error;
    const errors = messages(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`/results/${index}: matches none of oneOf`);
    expect(errors[0]).toContain('missing required property "error"');
  });

  it('rejects wrong types, enums, interval lengths, dates and schema versions', () => {
    const run = mutableRun();
    run.schemaVersion = 2;
    run.startedAt = 'yesterday';
    run.environment.cores = 1.5;
    run.results[1].vsNode.verdict = 'quicker';
    run.results[1].warm.ci95Ns = [1];
    run.results[0].status = 'done';
    const errors = messages(run).join('\n');
    expect(errors).toContain('/schemaVersion: expected 1');
    expect(errors).toContain('/startedAt: must be an RFC 3339 date-time');
    expect(errors).toContain('/environment/cores: expected integer');
    expect(errors).toContain('/results/1: matches none of oneOf');
    expect(errors).toContain('/results/1/vsNode/verdict: expected one of');
    expect(errors).toContain('/results/1/warm/ci95Ns: must have at least 2 items');
    expect(errors).toContain('/results/0: matches none of oneOf');
  });

  it('accepts vsFastestNode naming a target, and rejects it without a baseline, with a malformed name or with a stray field', () => {
    const run = mutableRun();
    const { ratio, ci95, verdict } = run.results[1].vsNode;
    run.results[1].vsFastestNode = { ratio, ci95, verdict, basis: { unit: 'process', count: 3 }, baseline: 'node-idiomatic' };
    expect(messages(run)).toEqual([]);
    run.results[1].vsFastestNode = { ratio, ci95, verdict };
    expect(messages(run).join('\n')).toContain('/results/1/vsFastestNode: missing required property "baseline"');
    // Any well-formed target name: the registry, not the schema, is the list (old runs keep targets since removed).
    run.results[1].vsFastestNode = { ratio, ci95, verdict, baseline: 'deno' };
    expect(messages(run)).toEqual([]);
    run.results[1].vsFastestNode = { ratio, ci95, verdict, baseline: 'Deno 2' };
    expect(messages(run).join('\n')).toContain('/results/1/vsFastestNode/baseline: must match');
    run.results[1].vsFastestNode = { ratio, ci95, verdict, baseline: 'node-idiomatic', baseLine: 'node' };
    expect(messages(run).join('\n')).toMatch(/\/results\/1\/vsFastestNode.*unexpected/);
  });

  it('rejects negative timings and a non-positive ratio', () => {
    const run = mutableRun();
    run.results[1].warm.medianNs = -1;
    run.results[1].vsNode.ratio = 0;
    const errors = messages(run).join('\n');
    expect(errors).toContain('/results/1/warm/medianNs: must be >= 0');
    expect(errors).toContain('/results/1/vsNode/ratio: must be > 0');
  });
});

describe('schema-check (the validator itself)', () => {
  it('throws on a keyword it does not implement instead of ignoring it', () => {
    expect(() => validateAgainstSchema({ type: 'string', maxLength: 1 }, 'b')).toThrow(/maxLength/);
    expect(() => validateAgainstSchema({ type: 'string', format: 'email' }, 'b')).toThrow(/email/);
    expect(() => validateAgainstSchema({ $ref: 'other.json#/x' }, 1)).toThrow(/\$ref/);
  });

  it('checks pattern (target names)', () => {
    expect(validateAgainstSchema({ type: 'string', pattern: '^a' }, 'abc')).toEqual([]);
    expect(validateAgainstSchema({ type: 'string', pattern: '^a' }, 'b')).toEqual([{ path: '/', message: 'must match ^a', keyword: 'pattern' }]);
  });

  it('honours oneOf exclusivity, anyOf, additionalProperties and maxItems', () => {
    expect(validateAgainstSchema({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 3)[0]?.message).toMatch(/2 branches/);
    expect(validateAgainstSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] }, null)).toEqual([]);
    expect(validateAgainstSchema({ type: 'object', additionalProperties: false }, { a: 1 })[0]?.message).toMatch(/unexpected/);
    expect(validateAgainstSchema({ type: 'object', additionalProperties: { type: 'string' } }, { a: 1 })[0]?.path).toBe('/a');
    expect(validateAgainstSchema({ type: 'array', maxItems: 1 }, [1, 2])[0]?.message).toMatch(/at most 1/);
  });

  it('treats NaN and Infinity as not numbers (JSON cannot hold them)', () => {
    expect(validateAgainstSchema({ type: 'number' }, Number.NaN)).toHaveLength(1);
  });
});
