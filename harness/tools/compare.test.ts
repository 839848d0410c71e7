/**
 * `npm run compare` as a user runs it: run directories and run.json paths,
 * the exit codes (0 compared, 1 a regression with --fail-on-regression, 2 a
 * refusal in one line on stderr), --markdown and --help.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { completed, sampleRun, vs, warm } from '../report/fixtures.js';
import type { RunRecord } from '../contract/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-compare-'));
  dirs.push(dir);
  return dir;
}

/** A run directory holding `run` (or the given text) as run.json. */
function runDir(run: unknown): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'run.json'), typeof run === 'string' ? run : JSON.stringify(run));
  return dir;
}

const compare = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'harness/tools/compare.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

/** One line on stderr and exit 2. */
function expectRefusal(out: ReturnType<typeof compare>, pattern: RegExp): void {
  expect(out.status, out.stdout).toBe(2);
  expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(out.stderr.trimEnd()).toMatch(pattern);
  expect(out.stdout).toBe('');
}

/** Run A and a run B in which sha256/wasm got 20% slower (warm median and ratio): a planted regression. */
function plantedPair(): [RunRecord, RunRecord] {
  const row = (medianNs: number, ratio: number) => completed('sha256', 'wasm', 'medium', { warm: warm(medianNs), vsNode: vs(ratio, ratio * 0.99, ratio * 1.01, 'faster') });
  const a = sampleRun([completed('sha256', 'node', 'medium', { warm: warm(1_000_000) }), row(500_000, 0.5)]);
  const b = { ...sampleRun([completed('sha256', 'node', 'medium', { warm: warm(1_000_000) }), row(600_000, 0.6)]), runId: 'run-b' };
  return [a, b];
}

const PUBLISHED = join(ROOT, 'results/published/2026-11-26-local-default');

describe('npm run compare', () => {
  it('compares a run directory with a run.json path and prints one line per figure and the summary', () => {
    const out = compare(PUBLISHED, join(PUBLISHED, 'run.json'));
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^sha256\/wasm\/local\/medium +warm median +\S+ \S+ -> \S+ \S+ +1\.000× \[/m);
    expect(out.stdout).toMatch(/^verdicts: 0 regression, 0 improvement, \d+ no change, \d+ unclear \(noise threshold 5%\)$/m);
    expect(out.stdout).toMatch(/^B's median inside A's 95% interval: (\d+)\/\1 rows \(100%\); ratios: (\d+)\/\2 \(100%\)$/m);
    expect(out.stderr).toBe('');
  });

  it('--fail-on-regression exits 1 on a planted regression, after printing the comparison', () => {
    const [a, b] = plantedPair();
    const out = compare(runDir(a), runDir(b), '--fail-on-regression');
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/^sha256\/wasm\/local\/medium +warm median +500 µs -> 600 µs +1\.200× \[\S+\] +REGRESSION +outside A's CI$/m);
    expect(out.stdout).toMatch(/^verdicts: 2 regression/m);
    expect(out.stderr).toBe('error: 2 figure(s) regressed beyond the 5% noise threshold (--fail-on-regression)\n');
  });

  it('without --fail-on-regression a regression is reported and the exit code is 0; a noise threshold above it makes it no regression', () => {
    const [a, b] = plantedPair();
    const dirA = runDir(a);
    const dirB = runDir(b);
    expect(compare(dirA, dirB).status).toBe(0);
    const lenient = compare(dirA, dirB, '--noise', '40', '--fail-on-regression');
    expect(lenient.status, lenient.stdout).toBe(0);
    expect(lenient.stdout).toMatch(/^verdicts: 0 regression, 0 improvement, 3 no change, 0 unclear \(noise threshold 40%\)$/m);
  });

  it('--markdown writes the same comparison as a Markdown table', () => {
    const [a, b] = plantedPair();
    const file = join(tempDir(), 'compare.md');
    const out = compare(runDir(a), runDir(b), '--markdown', file);
    expect(out.status, out.stderr).toBe(0);
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^# Comparison of two runs/);
    expect(md).toMatch(/^\| sha256\/wasm\/local\/medium \| warm median \| 500 µs \| 600 µs \| 1\.200× \[\S+\] \| \*\*REGRESSION\*\* \| no \|$/m);
    expect(out.stdout).toContain(`Markdown written to ${file}`);
  });

  it('refuses runs of different schema versions', () => {
    expectRefusal(compare(runDir(sampleRun()), runDir({ ...sampleRun(), schemaVersion: 3 } as unknown as RunRecord)), /^error: different schema versions: .* has 2, .* has 3; compare runs of one schema version$/);
  });

  it('refuses runs measured with different seeds (different inputs and expected outputs)', () => {
    expectRefusal(compare(runDir(sampleRun()), runDir({ ...sampleRun(), config: { ...sampleRun().config, seed: 3 } })), /^error: different input seeds \(.*: 42, .*: 3\)/);
  });

  it('refuses an unreadable file, a missing path, a file that is not JSON and JSON that is not a run', () => {
    const good = runDir(sampleRun());
    // A run.json that cannot be read whoever runs the test (root reads any file whatever its mode): a directory.
    const unreadable = tempDir();
    mkdirSync(join(unreadable, 'run.json'));
    expectRefusal(compare(good, unreadable), /^error: cannot read .*run\.json: EISDIR/);
    expectRefusal(compare(good, join(tempDir(), 'nothing-here')), /^error: .*nothing-here: no such file or directory/);
    const empty = tempDir();
    mkdirSync(join(empty, 'sub'));
    expectRefusal(compare(good, empty), /^error: .*run\.json not found: .* is not a run directory$/);
    expectRefusal(compare(good, runDir('{"schemaVersion": 1, "results": [')), /^error: .* is not valid JSON \(.*\): not a run\.json$/);
    expectRefusal(compare(join(ROOT, 'package.json'), good), /^error: .*package\.json has no schemaVersion or no results list: not a run\.json$/);
  });

  it('takes exactly two runs and a numeric --noise, and says so in one line', () => {
    expectRefusal(compare(PUBLISHED), /^error: expected two runs \(A and B\), got 1; usage: /);
    expectRefusal(compare(PUBLISHED, PUBLISHED, '--noise', 'lots'), /^error: --noise must be a percentage from 0 to below 100, got "lots"/);
    expectRefusal(compare(PUBLISHED, PUBLISHED, '--nosie', '3'), /^error: unknown option --nosie \(did you mean --noise\?\)/);
  });

  it('--help prints the usage and exits 0', () => {
    const out = compare('--help');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^usage: npm run compare -- <run A> <run B>/);
    expect(out.stdout).toContain('--fail-on-regression');
  });
});
