/**
 * Local cold mode end to end, as a user runs it (the built CLI under plain
 * node): cold samples only, one workload that transforms its input
 * (wordcount), node and wasm, two samples each. Every sample is a real child
 * process whose outputs were checked against the committed expected output;
 * the rows, the empty-process baseline and the cold ratio come out of them.
 * No timing thresholds: only counts, states and causal order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../paths.js';
import { pinnedBinary, pinnedBuilds } from '../node-builds/builds.js';
import type { RunRecord } from '../contract/index.js';
import { readRunRecord } from '../run-file/read.js';

const cli = join(BUILD_DIR, 'harness', 'cli.mjs');
/** The host's Node major: pinned builds installed on this machine would otherwise widen the default to Lambda's majors. */
const HOST_MAJOR = process.versions.node.split('.')[0] as string;
const out = mkdtempSync(join(tmpdir(), 'wlb-local-cold-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('local cold mode (real children, wordcount)', () => {
  it('takes verified cold samples of node and wasm and turns them into rows with a cold ratio', () => {
    const args = ['--workloads', 'wordcount', '--targets', 'node,wasm', '--sizes', 'small', '--time', '0', '--cold-samples', '2', '--seed', '3', '--node', HOST_MAJOR, '--out', out];
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toMatch(/fatal|^error:/m);
    expect(result.status).toBe(0);

    const lines = readFileSync(join(out, 'samples.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const cold = lines.filter((line) => line.kind === 'cold');
    // 2 samples × (node, wasm, empty-process baseline).
    expect(cold.map((s) => s.key).sort()).toEqual([
      'baseline/default', 'baseline/default', 'wordcount/node/small/default', 'wordcount/node/small/default', 'wordcount/wasm/small/default', 'wordcount/wasm/small/default',
    ]);
    for (const sample of cold) {
      expect(sample.state, String(sample.key)).toBe('completed');
      if (sample.key !== 'baseline/default') expect(sample.verified, String(sample.key)).toBe(true);
      expect(sample.timeToFirstResultNs as number).toBeGreaterThan(sample.processStartNs as number);
    }

    const run = readRunRecord(join(out, 'run.json'));
    const rows = run.results.map((r) => ({ target: r.target, workload: r.workload, state: r.state, verified: r.verified }));
    expect(rows.sort((a, b) => a.target.localeCompare(b.target))).toEqual([
      { target: 'node', workload: 'wordcount', state: 'completed', verified: true },
      { target: 'wasm', workload: 'wordcount', state: 'completed', verified: true },
    ]);
    for (const row of run.results) {
      if (row.state !== 'completed') continue;
      expect(row.cold?.samples, row.target).toBe(2);
      expect(row.warm, row.target).toBeUndefined();
    }
    const wasm = run.results.find((r) => r.target === 'wasm');
    const ratio = wasm?.state === 'completed' ? wasm.coldVsNode : undefined;
    expect(ratio?.ci95[0]).toBeLessThanOrEqual(ratio?.ratio as number);
    expect(ratio?.ci95[1]).toBeGreaterThanOrEqual(ratio?.ratio as number);
    expect(run.baselines?.emptyProcess?.map((b) => [b.engine, b.state])).toEqual([['default', 'completed']]);
    // The host's Node alone keeps rows as they were, and each row says which Node and V8 it ran on.
    for (const row of run.results) expect([row.engine, row.nodeVersion, row.v8Version]).toEqual([undefined, process.version, process.versions.v8]);
  });

  it('runs each --node build in its own children, and a major this machine lacks is a skipped row, not a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wlb-local-cold-node-'));
    const pinned = pinnedBuilds().find((p) => existsSync(pinnedBinary(p)) && p.major !== HOST_MAJOR);
    // 99: no build pins it; a pinned build is measured when `npm run node-builds` installed one (CI without it measures the host and the gap).
    // CI's pass with the builds installed requires one (WLB_REQUIRE_NODE_BUILDS=1): a failed install must not pass as a skip.
    if (process.env['WLB_REQUIRE_NODE_BUILDS'] === '1') expect(pinned, 'no pinned Node build installed (npm run node-builds)').toBeDefined();
    const majors = [HOST_MAJOR, ...(pinned ? [pinned.major] : []), '99'];
    try {
      const args = ['--workloads', 'noop', '--targets', 'node,wasm', '--sizes', 'small', '--time', '0', '--cold-samples', '1', '--node', majors.join(','), '--out', dir];
      const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
      expect(result.stderr).not.toMatch(/fatal|^error:/m);
      expect(result.status).toBe(0);
      const run = readRunRecord(join(dir, 'run.json'));
      expect(run.config.node).toEqual(majors);
      const byEngine = (engine: string) => run.results.filter((r) => r.engine === engine);
      for (const row of byEngine(`node${HOST_MAJOR}`)) expect([row.state, row.nodeVersion]).toEqual(['completed', process.version]);
      if (pinned) for (const row of byEngine(`node${pinned.major}`)) expect([row.state, row.nodeVersion?.split('.')[0]]).toEqual(['completed', `v${pinned.major}`]);
      const skipped = byEngine('node99');
      expect(skipped.map((r) => r.target).sort()).toEqual(['node', 'wasm']);
      for (const row of skipped) expect(row.state === 'unsupported' && row.error).toMatch(/^skipped: needs Node 99 /);
      expect(run.notes?.some((n) => n.startsWith('Node 99 not measured: skipped: needs Node 99'))).toBe(true);
      // The children really ran on the builds named: each sample reports its own process.version.
      const samples = readFileSync(join(dir, 'samples.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; key: string; node?: string });
      for (const sample of samples.filter((s) => s.kind === 'cold')) expect(sample.key.split('/').pop()).toBe(`node${(sample.node ?? '').replace(/^v/, '').split('.')[0]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
