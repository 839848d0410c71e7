/**
 * The bench CLI as a user runs it (the built bundle under plain node):
 * usage errors exit 2 with one line, a real tiny run exits 0 and leaves a
 * verified run.json and raw samples.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../paths.js';
import type { RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';

const cli = join(BUILD_DIR, 'harness', 'cli.mjs');
const bench = (args: string[]) => spawnSync(process.execPath, ['--expose-gc', cli, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run bench', () => {
  it.each([
    [['--workloads', 'nope']],
    [['--time', '-3']],
    [['--out', '/etc/hostname/run']], // a file where a directory should be
  ])('exits 2 with one line on stderr for %j', (args) => {
    const result = bench(args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: /);
  });

  it('lists workloads and targets', () => {
    const result = bench(['--list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/noop/);
    expect(result.stdout).toMatch(/wasm/);
  });

  it('runs a tiny verified benchmark and writes run.json and samples.jsonl', () => {
    const out = mkdtempSync(join(tmpdir(), 'wlb-cli-'));
    const result = bench(['--workloads', 'noop', '--targets', 'node,wasm', '--sizes', 'small', '--time', '20', '--warmup', '5', '--forks', '3', '--max-forks', '3', '--skip-controls', '--cold-samples', '0', '--node', process.versions.node.split('.')[0] as string, '--out', out]);
    expect(result.stderr).not.toMatch(/fatal/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/noop\s+small\s+wasm/);
    const run = readRunRecord(join(out, 'run.json'));
    expect(run.schemaVersion).toBe(2);
    expect(run.environment.execArgv).toContain('--expose-gc');
    // `verified` alone is what every completed row starts with: what shows the outputs were checked is
    // against what, and how many (the first call, the last output of every sample, the audits).
    expect(run.results.map((r) => `${r.target}:${r.state}:${r.verifiedAgainst}`)).toEqual(['node:completed:committed', 'wasm:completed:committed']);
    for (const r of run.results) {
      const samples = r.state === 'completed' ? r.warm?.samples ?? 0 : 0;
      expect(samples, r.target).toBeGreaterThan(0);
      expect(r.state === 'completed' && r.warmChecks, r.target).toBeGreaterThan(samples);
    }
    const wasm = run.results[1];
    expect(wasm?.state === 'completed' && wasm.vsNode?.verdict).toBeTruthy();
    const lines = readFileSync(join(out, 'samples.jsonl'), 'utf8').trim().split('\n');
    // One raw line per target per process: 2 targets x 3 forks, each naming its fork.
    expect(lines).toHaveLength(6);
    const parsed = lines.map((line) => JSON.parse(line) as { kind: string; workload: string; target: string; fork: number });
    expect(parsed.every((p) => p.kind === 'warm' && p.workload === 'noop')).toBe(true);
    expect(parsed.map((p) => `${p.target}:${p.fork}`).sort()).toEqual(['node:0', 'node:1', 'node:2', 'wasm:0', 'wasm:1', 'wasm:2']);
    expect(wasm?.state === 'completed' && wasm.vsNode?.basis).toEqual({ unit: 'process', count: 3 });
    expect(run.calibration).toBeUndefined();
  });
});
