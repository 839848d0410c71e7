/**
 * Issue 16's grep-able rule, enforced: no *.test.ts in the project asserts on
 * elapsed wall time, throughput, CPU share or memory growth (rules and their
 * reasons in timed-assertions.ts). The rules are first shown to catch the
 * assertions that were removed for this reason and to leave the deterministic
 * time-related ones alone, so that a clean tree means something.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { findTimedAssertions, OPT_OUT_MARKER } from './timed-assertions.js';

/** Where vitest looks for tests (vitest.config.ts `include`). */
const TEST_ROOTS = ['harness', 'lambda', 'workloads', 'wasm'];
const SKIPPED_DIRS = new Set(['node_modules', 'build', 'dist', '.git']);

/** Every *.test.ts under the test roots, relative to the repository. */
function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a root this checkout does not have
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(join(dir, entry.name));
    }
  };
  for (const root of TEST_ROOTS) walk(join(ROOT, root));
  return found.map((file) => relative(ROOT, file)).sort();
}

const rulesOf = (line: string): string[] => findTimedAssertions('x.test.ts', line).map((f) => f.rule);

describe('timed-assertion rules', () => {
  it('catch the kinds of assertion issue 16 removed (each as it was written)', () => {
    expect(rulesOf('    expect(small.utilisation).toBeLessThan(0.15);')).toEqual(['time-share-or-ratio']);
    expect(rulesOf('    expect(small.duration / full.duration).toBeGreaterThan(3);')).toEqual(['time-share-or-ratio']);
    expect(rulesOf('    expect(Math.abs(epoch - Date.now() / 1000)).toBeLessThan(60);')).toEqual(['clock-in-assertion']);
    expect(rulesOf('    expect(second).toBeGreaterThanOrEqual((first ?? 0) + 60 * 1024);')).toEqual(['memory-grew-by']);
    expect(rulesOf('      expect(outcome.samplesNs.length).toBeGreaterThan(5);')).toEqual(['count-in-time-budget']);
    expect(rulesOf('    expect(performance.now() - start).toBeLessThan(100);')).toEqual(['clock-in-assertion']);
    expect(rulesOf('    expect(elapsedMs).toBeLessThan(100);')).toEqual(['duration-upper-bound']);
    expect(rulesOf('    expect(waitNs).toBeLessThanOrEqual(5e6);')).toEqual(['duration-upper-bound']);
    expect(rulesOf('    expect(t.fastest.durationMs).toBeLessThanOrEqual(t.cheapest.durationMs);')).toEqual(['duration-upper-bound']);
    expect(rulesOf('    expect(run.wallNs / run.cpuNs).toBeCloseTo(1, 1);')).toEqual(['time-share-or-ratio']);
  });

  it('leave deterministic time-related assertions alone: lower bounds, orderings, formatting, fixed figures', () => {
    for (const line of [
      "    expect(reportNumber(result.report, 'Duration')).toBeGreaterThanOrEqual(1000);",
      '      expect(sample.wallNs).toBeGreaterThanOrEqual(sample.timeToFirstResultNs);',
      "    expect(formatDuration(4_560_000)).toBe('4.56 ms');",
      '    expect(Buffer.byteLength(result.log)).toBeLessThanOrEqual(4096);',
      '    expect(counted).toBeLessThan(11 * 1024 * 1024);',
      '    const deadline = Date.now() + PATIENCE_MS;',
      "    expect(await waitFor(() => busyEnvironments(lambda, 'parallel') === 3)).toBe(true);",
      // Words that merely end in ms/ns/us are not durations.
      '    expect(turns).toBeLessThanOrEqual(20);',
      '    expect(items).toBeLessThan(3);',
    ]) expect(rulesOf(line), line).toEqual([]);
  });

  it('exempt a test that drives time itself (fake timers or an injected fake clock), and counts that are not durations', () => {
    const faked = "it('batches on the injected clock', () => {\n  const fake = fakeClock();\n  expect(outcome.samplesNs.length).toBeGreaterThan(5);\n});";
    expect(findTimedAssertions('x.test.ts', faked)).toEqual([]);
    const real = "it('uses the fake clock', () => {\n  vi.useFakeTimers();\n});\nit('runs on real time', () => {\n  expect(outcome.samplesNs.length).toBeGreaterThan(5);\n});";
    expect(findTimedAssertions('x.test.ts', real).map((f) => [f.line, f.rule])).toEqual([[5, 'count-in-time-budget']]);
    expect(rulesOf('    expect(outcome.samplesNs.length).toBeLessThanOrEqual(252);')).toEqual([]);
  });

  it('accept an opt-out only with a reason', () => {
    expect(rulesOf(`    expect(elapsedMs).toBeLessThan(100); // ${OPT_OUT_MARKER} a fake clock drives elapsedMs`)).toEqual([]);
    expect(rulesOf(`    expect(elapsedMs).toBeLessThan(100); // ${OPT_OUT_MARKER}`)).toEqual(['duration-upper-bound']);
  });

  it('report the file and line', () => {
    expect(findTimedAssertions('a/b.test.ts', "it('x', () => {\n  expect(tookMs).toBeLessThan(5);\n});")).toEqual([
      { file: 'a/b.test.ts', line: 2, rule: 'duration-upper-bound', text: 'expect(tookMs).toBeLessThan(5);' },
    ]);
  });
});

describe('the project\'s tests', () => {
  it('assert nothing on elapsed time, throughput, CPU share or memory growth', () => {
    const files = testFiles();
    expect(files).toContain('harness/test/no-timed-assertions.test.ts'); // the walk found the tree
    const findings = files.filter((file) => file !== 'harness/test/no-timed-assertions.test.ts')
      .flatMap((file) => findTimedAssertions(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.rule}: ${f.text}`)).toEqual([]);
  });
});
